import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { disconnectAll } from '@/lib/kafka/registry';
import type { AlterConfigOutcome, ResourceConfigs } from '@/lib/types';

const topic = uniqueName('cfg');
const others = { 'cleanup.policy': 'compact', 'max.message.bytes': '200000', 'segment.ms': '3600000' };

/** `kafka-configs --describe` for one entity: its dynamic configs (topic overrides / broker dynamic configs). */
async function cliOverrides(type: 'topics' | 'brokers', name: string): Promise<Record<string, string>> {
  const out = await testKafka.toolOk('kafka-configs', ['--describe', '--entity-type', type, '--entity-name', name]);
  return Object.fromEntries([...out.matchAll(/^\s+([a-z0-9._-]+)=(.*?) sensitive=/gm)].map((m) => [m[1], m[2]]));
}

async function cliAll(type: 'topics' | 'brokers', name: string): Promise<Map<string, { value: string; sensitive: boolean }>> {
  const out = await testKafka.toolOk('kafka-configs', ['--describe', '--all', '--entity-type', type, '--entity-name', name]);
  return new Map([...out.matchAll(/^\s+([a-z0-9._-]+)=(.*?) sensitive=(true|false)/gm)].map((m) => [m[1], { value: m[2], sensitive: m[3] === 'true' }]));
}

const configsUrl = `/api/clusters/local/topics/${topic}/configs`;

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', [
    '--create',
    '--topic',
    topic,
    '--partitions',
    '1',
    '--replication-factor',
    '1',
    ...Object.entries(others).flatMap(([k, v]) => ['--config', `${k}=${v}`]),
  ]);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

describe('GET /api/clusters/{cluster}/topics/{topic}/configs', () => {
  test('every config with value, source and documentation; agrees with kafka-configs --describe --all', async () => {
    const res = await api.get<ResourceConfigs>(configsUrl);
    expect(res.status).toBe(200);
    const cli = await cliAll('topics', topic);
    expect(res.body.configs.map((c) => c.name).sort()).toEqual([...cli.keys()].sort());
    for (const c of res.body.configs) {
      if (c.sensitive) expect(c.value).toBeNull();
      else expect(c.value ?? 'null', c.name).toBe(cli.get(c.name)!.value);
    }
    const overrides = res.body.configs.filter((c) => c.isOverride);
    expect(Object.fromEntries(overrides.map((c) => [c.name, c.value]))).toEqual(await cliOverrides('topics', topic));
    expect(overrides.every((c) => c.source === 'topic')).toBe(true);
    const cleanup = res.body.configs.find((c) => c.name === 'cleanup.policy')!;
    expect(cleanup).toMatchObject({ value: 'compact', isOverride: true, defaultValue: 'delete', defaultSource: 'default', type: 'list' });
    const segment = res.body.configs.find((c) => c.name === 'segment.bytes')!;
    expect(segment).toMatchObject({ isOverride: false, source: 'broker_static' });
    expect(res.body.configs.find((c) => c.name === 'retention.ms')!.documentation).toMatch(/retain/);
  });

  test('an unknown topic is a 404', async () => {
    const res = await api.get(`/api/clusters/local/topics/${topic}-missing/configs`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('PUT and DELETE /api/clusters/{cluster}/topics/{topic}/configs/{name}', () => {
  test('editing retention.ms leaves the three other overrides exactly as they were; so does reverting it', async () => {
    expect(await cliOverrides('topics', topic)).toEqual(others);

    const preview = await api.put<AlterConfigOutcome>(`${configsUrl}/retention.ms`, { value: '86400000', validateOnly: true });
    expect(preview.status).toBe(200);
    expect(await cliOverrides('topics', topic)).toEqual(others);

    const set = await api.put<AlterConfigOutcome>(`${configsUrl}/retention.ms`, { value: '86400000' });
    expect(set.status).toBe(200);
    expect(set.body.config).toMatchObject({ name: 'retention.ms', value: '86400000', isOverride: true, source: 'topic' });
    expect(await cliOverrides('topics', topic)).toEqual({ ...others, 'retention.ms': '86400000' });

    const again = await api.put<AlterConfigOutcome>(`${configsUrl}/retention.ms`, { value: '172800000' });
    expect(again.status).toBe(200);
    expect(await cliOverrides('topics', topic)).toEqual({ ...others, 'retention.ms': '172800000' });

    const revert = await api.delete<AlterConfigOutcome>(`${configsUrl}/retention.ms`);
    expect(revert.status).toBe(200);
    expect(revert.body.config).toMatchObject({ name: 'retention.ms', isOverride: false });
    expect(await cliOverrides('topics', topic)).toEqual(others);
  });

  test('reverting one of the original overrides removes only that one', async () => {
    await api.put(`${configsUrl}/segment.ms`, { value: '7200000' });
    const revert = await api.delete<AlterConfigOutcome>(`${configsUrl}/max.message.bytes`);
    expect(revert.status).toBe(200);
    expect(await cliOverrides('topics', topic)).toEqual({ 'cleanup.policy': 'compact', 'segment.ms': '7200000' });
    await api.put(`${configsUrl}/max.message.bytes`, { value: others['max.message.bytes'] });
    await api.put(`${configsUrl}/segment.ms`, { value: others['segment.ms'] });
    expect(await cliOverrides('topics', topic)).toEqual(others);
  });

  const bad: [string, string, 'put' | 'delete', unknown, number, RegExp][] = [
    ['an unknown config key', 'no.such.config', 'put', { value: '1' }, 422, /Unknown topic config name: no\.such\.config/],
    ['an invalid value', 'retention.ms', 'put', { value: 'soon' }, 422, /Invalid value soon for configuration retention\.ms/],
    ['a value out of range', 'min.insync.replicas', 'put', { value: '0' }, 422, /min\.insync\.replicas/],
    ['a missing value', 'retention.ms', 'put', {}, 422, /value/],
    ['reverting a config that is not overridden', 'retention.ms', 'delete', undefined, 409, /not overridden/],
    ['reverting an unknown config', 'no.such.config', 'delete', undefined, 404, /no config named no\.such\.config/],
  ];

  test.each(bad)('refuses %s with a clear 4xx and changes nothing', async (_label, name, method, body, status, message) => {
    const res = method === 'put' ? await api.put(`${configsUrl}/${name}`, body) : await api.delete(`${configsUrl}/${name}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|\.js:\d+/);
    expect(await cliOverrides('topics', topic)).toEqual(others);
  });

  test('an unknown topic is a 404', async () => {
    const res = await api.put(`/api/clusters/local/topics/${topic}-missing/configs/retention.ms`, { value: '1000' });
    expect(res.status).toBe(404);
  });
});

describe('broker configs', () => {
  test('GET /brokers/{broker}/configs agrees with kafka-configs --describe --all and masks sensitive values', async () => {
    const id = String(testKafka.nodes[0].id);
    const res = await api.get<ResourceConfigs>(`/api/clusters/local/brokers/${id}/configs`);
    expect(res.status).toBe(200);
    const cli = await cliAll('brokers', id);
    for (const name of ['num.partitions', 'log.segment.bytes', 'auto.create.topics.enable', 'offsets.topic.replication.factor', 'advertised.listeners']) {
      expect(res.body.configs.find((c) => c.name === name)?.value, name).toBe(cli.get(name)?.value);
    }
    const sensitive = res.body.configs.filter((c) => c.sensitive);
    expect(sensitive.map((c) => c.name).sort()).toEqual(
      [...cli]
        .filter(([, v]) => v.sensitive)
        .map(([k]) => k)
        .sort(),
    );
    expect(sensitive.length).toBeGreaterThan(0);
    expect(sensitive.every((c) => c.value === null && c.synonyms.every((s) => s.value === null))).toBe(true);
    expect(res.body.configs.find((c) => c.name === 'log.segment.bytes')).toMatchObject({ source: 'broker_static', value: String(64 * 1024 * 1024) });
  });

  test('setting and removing one dynamic broker config; other brokers untouched', async () => {
    const id = String(testKafka.nodes[0].id);
    const other = String(testKafka.nodes[1].id);
    const url = `/api/clusters/local/brokers/${id}/configs/log.cleaner.backoff.ms`;
    const set = await api.put<AlterConfigOutcome>(url, { value: '20000', confirm: id });
    try {
      expect(set.status).toBe(200);
      expect(set.body.config).toMatchObject({ value: '20000', isOverride: true, source: 'broker_dynamic' });
      expect(await cliOverrides('brokers', id)).toMatchObject({ 'log.cleaner.backoff.ms': '20000' });
      expect(await cliOverrides('brokers', other)).not.toHaveProperty('log.cleaner.backoff.ms');
    } finally {
      const del = await api.delete<AlterConfigOutcome>(url, { confirm: id });
      expect(del.status).toBe(200);
    }
    expect(await cliOverrides('brokers', id)).not.toHaveProperty('log.cleaner.backoff.ms');
  });

  test('an unknown broker is a 404', async () => {
    const res = await api.get('/api/clusters/local/brokers/99/configs');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/Broker 99/);
  });
});
