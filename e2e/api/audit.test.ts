import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, reloadConsoleConfig } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import type { AuditPage, AuditRow } from '@/lib/types';

/**
 * The audit trail against the real cluster: entries with actor, before and after; undo of
 * a config change and of an offset reset checked with Kafka's own CLI; redaction of
 * produced records; refusals; and the Kafka topic sink read back by the audit page.
 * This file writes its own console config (the shared one plus its own audit file, and
 * later an audit topic), so its entries are its own.
 */
const originalConfig = process.env.KAFKA_CONSOLE_CONFIG!;
const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
const auditFile = join(dir, 'audit.jsonl');
const shared = JSON.parse(readFileSync(originalConfig, 'utf8')) as Record<string, unknown>;

async function useConfig(audit: Record<string, unknown>): Promise<void> {
  const file = join(dir, `console-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...shared, audit }));
  process.env.KAFKA_CONSOLE_CONFIG = file;
  await disconnectAll();
  reloadConsoleConfig();
}

const topic = uniqueName('audit-cfg');
const offsetsTopic = uniqueName('audit-offsets');
const group = uniqueName('audit-grp');

beforeAll(async () => {
  await useConfig({ file: auditFile });
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1', '--config', 'retention.ms=86400000']);
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', offsetsTopic, '--partitions', '2', '--replication-factor', '1']);
  const producer = await (await clients('local')).producer();
  await producer.send({ topic: offsetsTopic, messages: Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, value: `r${i}` })) });
  await testKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', offsetsTopic, '--reset-offsets', '--to-offset', '12', '--execute']);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await testKafka.tool('kafka-topics', ['--delete', '--topic', offsetsTopic]);
  await disconnectAll();
  process.env.KAFKA_CONSOLE_CONFIG = originalConfig;
  reloadConsoleConfig();
  rmSync(dir, { recursive: true, force: true });
});

/** `kafka-configs --describe`: the topic's overrides. */
async function cliOverrides(name: string): Promise<Record<string, string>> {
  const out = await testKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'topics', '--entity-name', name]);
  return Object.fromEntries([...out.matchAll(/^\s+([a-z0-9._-]+)=(.*?) sensitive=/gm)].map((m) => [m[1], m[2]]));
}

/** Committed offsets per "topic:partition" as `kafka-consumer-groups --describe` prints them. */
async function cliCommitted(g: string): Promise<Record<string, string>> {
  const out = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', g]);
  const rows: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === g && f.length >= 6) rows[`${f[1]}:${f[2]}`] = f[3];
  }
  return rows;
}

async function entries(query: Record<string, string>): Promise<AuditPage> {
  const res = await api.get<AuditPage>(`/api/audit?${new URLSearchParams(query)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function only(query: Record<string, string>): Promise<AuditRow> {
  const page = await entries(query);
  expect(page.entries, JSON.stringify(page.entries.map((e) => [e.action, e.resource]))).toHaveLength(1);
  return page.entries[0];
}

const undo = (id: string, confirm: string = id) => api.post(`/api/audit/${id}/undo`, { confirm });

describe('config changes: recorded, then undone from the trail', () => {
  test("an operator's edit has actor, before and after; an admin's undo sets the old value back (kafka-configs agrees) and is itself recorded with undoOf", async () => {
    const set = await api.as('operator').put(`/api/clusters/local/topics/${topic}/configs/retention.ms`, { value: '3600000' });
    expect(set.status).toBe(200);

    const e = await only({ action: 'setTopicConfig', resource: topic });
    expect(e.actor).toEqual({ user: 'operator', via: 'local', roles: ['operator@*'] });
    expect(e).toMatchObject({
      cluster: 'local',
      resource: `topic ${topic}`,
      method: 'PUT',
      path: `/api/clusters/local/topics/${topic}/configs/retention.ms`,
      params: { cluster: 'local', topic, name: 'retention.ms', body: { value: '3600000', validateOnly: false } },
      before: { config: 'retention.ms', value: '86400000', isOverride: true, sensitive: false },
      after: { config: 'retention.ms', value: '3600000', isOverride: true, sensitive: false },
      result: { status: 200, ok: true },
    });
    expect(Date.now() - Date.parse(e.time)).toBeLessThan(60_000);
    expect(e.undo).toMatchObject({ possible: true, reason: null, undoneBy: null, plan: { kind: 'config', op: 'set', value: '86400000' } });
    expect(e.undo.plan!.cli).toEqual([
      `kafka-configs.sh --bootstrap-server ${testKafka.bootstrap} --entity-type topics --entity-name ${topic} --alter --add-config retention.ms=86400000`,
    ]);

    const wrong = await undo(e.id, topic);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('confirm');
    expect((await cliOverrides(topic))['retention.ms']).toBe('3600000');

    const res = await undo(e.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ undoOf: e.id, action: 'setTopicConfig', cluster: 'local', kind: 'config' });
    expect(await cliOverrides(topic)).toEqual({ 'retention.ms': '86400000' });

    const u = await only({ action: 'undoAuditEntry', resource: topic });
    expect(u).toMatchObject({
      undoOf: e.id,
      actor: { user: 'admin', via: 'local', roles: ['admin@*'] },
      cluster: 'local',
      before: { config: 'retention.ms', value: '3600000', isOverride: true },
      after: { config: 'retention.ms', value: '86400000', isOverride: true },
      result: { status: 200, ok: true },
    });
    expect(u.undo).toMatchObject({ possible: false, reason: expect.stringMatching(/itself an undo/) });

    const again = await only({ action: 'setTopicConfig', resource: topic });
    expect(again.undo).toMatchObject({ possible: false, undoneBy: { id: u.id, user: 'admin' } });
    const second = await undo(e.id);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(new RegExp(`already undone by admin .*\\(entry ${u.id}\\)`));
    expect(await cliOverrides(topic)).toEqual({ 'retention.ms': '86400000' });
  });

  test('an undo that would also revert a later change is refused until that one is undone; an edit that created the override is undone by removing it', async () => {
    const url = `/api/clusters/local/topics/${topic}/configs/segment.ms`;
    expect((await api.as('operator').put(url, { value: '1000000' })).status).toBe(200);
    expect((await api.as('operator').put(url, { value: '2000000' })).status).toBe(200);
    const [second, first] = (await entries({ action: 'setTopicConfig', resource: topic, since: new Date(Date.now() - 60_000).toISOString() })).entries.filter(
      (x) => (x.params?.name as string) === 'segment.ms',
    );
    expect(first.after).toMatchObject({ value: '1000000' });
    expect(second.after).toMatchObject({ value: '2000000' });
    expect(first.undo.plan).toMatchObject({ op: 'delete' });

    const stale = await undo(first.id);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/segment\.ms on topic .* is now overridden with "2000000", not overridden with "1000000" as this change left it/);
    expect((await cliOverrides(topic))['segment.ms']).toBe('2000000');

    expect((await undo(second.id)).status).toBe(200);
    expect((await cliOverrides(topic))['segment.ms']).toBe('1000000');
    expect((await undo(first.id)).status).toBe(200);
    expect(await cliOverrides(topic)).toEqual({ 'retention.ms': '86400000' });
  });

  test('a check only (validateOnly) and a failed change cannot be undone', async () => {
    const url = `/api/clusters/local/topics/${topic}/configs/retention.ms`;
    expect((await api.put(url, { value: '5000', validateOnly: true })).status).toBe(200);
    expect((await api.put(url, { value: 'soon' })).status).toBe(422);
    const [failed, checked] = (await entries({ action: 'setTopicConfig', resource: topic, limit: '2' })).entries;
    expect(failed.result).toMatchObject({ status: 422, ok: false, error: expect.stringMatching(/Invalid value soon/) });
    expect(failed.undo).toMatchObject({ possible: false, reason: expect.stringMatching(/failed \(status 422\)/) });
    expect(checked.undo).toMatchObject({ possible: false, reason: expect.stringMatching(/check only/) });
    const res = await undo(checked.id);
    expect(res.status).toBe(409);
  });
});

describe('offset resets: recorded with the previous offsets, then undone', () => {
  test('the undo commits the previous offsets again; kafka-consumer-groups --describe shows them', async () => {
    expect(await cliCommitted(group)).toEqual({ [`${offsetsTopic}:0`]: '12', [`${offsetsTopic}:1`]: '12' });
    const offsets = [
      { topic: offsetsTopic, partition: 0, offset: 3 },
      { topic: offsetsTopic, partition: 1, offset: '17' },
    ];
    const res = await api.as('operator').post(`/api/clusters/local/groups/${group}/reset-offsets`, { offsets });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await cliCommitted(group)).toEqual({ [`${offsetsTopic}:0`]: '3', [`${offsetsTopic}:1`]: '17' });

    const e = await only({ action: 'executeResetOffsets', resource: group });
    expect(e).toMatchObject({
      actor: { user: 'operator' },
      cluster: 'local',
      before: [
        { topic: offsetsTopic, partition: 0, offset: '12' },
        { topic: offsetsTopic, partition: 1, offset: '12' },
      ],
      after: [
        { topic: offsetsTopic, partition: 0, offset: '3' },
        { topic: offsetsTopic, partition: 1, offset: '17' },
      ],
    });
    expect(e.undo.plan!.cli).toEqual([
      `kafka-consumer-groups.sh --bootstrap-server ${testKafka.bootstrap} --group ${group} --reset-offsets --topic ${offsetsTopic}:0,1 --to-offset 12 --execute`,
    ]);

    const u = await undo(e.id);
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(await cliCommitted(group)).toEqual({ [`${offsetsTopic}:0`]: '12', [`${offsetsTopic}:1`]: '12' });
    const undone = await only({ action: 'undoAuditEntry', resource: group });
    expect(undone).toMatchObject({ undoOf: e.id, before: e.after, after: e.before });
    expect((await undo(e.id)).status).toBe(409);
  });
});

describe('what entries hold and who may read them', () => {
  test('a produced record is recorded without its key, value or header values', async () => {
    const marker = randomUUID();
    const res = await api.as('operator').post(`/api/clusters/local/topics/${offsetsTopic}/messages`, {
      key: `key-${marker}`,
      value: `value-${marker}`,
      headers: [{ key: 'trace', value: `header-${marker}` }],
      partition: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const e = await only({ action: 'produceMessage', resource: offsetsTopic });
    expect(e).toMatchObject({
      actor: { user: 'operator' },
      params: { body: { key: '[redacted]', value: '[redacted]', partition: 1, headers: [{ key: 'trace', value: '[redacted]' }] } },
      after: { partition: 1, offset: res.body.offset },
    });
    expect(readFileSync(auditFile, 'utf8')).not.toContain(marker);
  });

  test("a viewer's attempt to delete a topic is recorded as a 403, and the topic stays", async () => {
    const res = await api.as('viewer').delete(`/api/clusters/local/topics/${topic}`, { confirm: topic });
    expect(res.status).toBe(403);
    const e = await only({ action: 'deleteTopic', user: 'viewer', resource: topic });
    expect(e).toMatchObject({
      actor: { user: 'viewer', roles: ['viewer@*'] },
      cluster: 'local',
      method: 'DELETE',
      result: { status: 403, ok: false, error: expect.stringMatching(/topics:delete/) },
    });
    expect(e.params).toEqual({ cluster: 'local', topic });
    expect((await only({ action: 'deleteTopic', user: 'viewer', result: 'failed', resource: topic })).id).toBe(e.id);
    expect((await entries({ action: 'deleteTopic', user: 'viewer', result: 'ok', resource: topic })).entries).toHaveLength(0);
    expect((await api.get(`/api/clusters/local/topics/${topic}`)).status).toBe(200);
  });

  test('a deleted topic is recorded with its partitions, replication factor and config overrides', async () => {
    const doomed = uniqueName('audit-doomed');
    await testKafka.toolOk('kafka-topics', [
      '--create',
      '--topic',
      doomed,
      '--partitions',
      '3',
      '--replication-factor',
      '2',
      '--config',
      'cleanup.policy=compact',
      '--config',
      'retention.ms=60000',
    ]);
    const res = await api.delete(`/api/clusters/local/topics/${doomed}`, { confirm: doomed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const e = await only({ action: 'deleteTopic', resource: doomed });
    expect(e).toMatchObject({
      actor: { user: 'admin' },
      params: { cluster: 'local', topic: doomed, body: { confirm: doomed } },
      before: { partitions: 3, replicationFactor: 2, configs: { 'cleanup.policy': 'compact', 'retention.ms': '60000' } },
      result: { status: 200, ok: true },
      undo: { possible: false, reason: expect.stringMatching(/deleteTopic cannot be undone here/) },
    });
  });

  test('viewers and operators get 403 on the trail and on undo (and that is recorded); sessions are needed', async () => {
    for (const user of ['viewer', 'operator', 'team-a']) {
      const res = await api.as(user).get('/api/audit');
      expect(res.status, user).toBe(403);
      expect(res.body.error.message).toMatch(/audit:view/);
    }
    expect((await api.as(null).get('/api/audit')).status).toBe(401);
    const any = (await entries({ action: 'setTopicConfig', limit: '1' })).entries[0];
    expect((await api.as('operator').post(`/api/audit/${any.id}/undo`, { confirm: any.id })).status).toBe(403);
    const denied = await entries({ action: 'listAudit', user: 'operator' });
    expect(denied.entries[0]).toMatchObject({ result: { status: 403, ok: false }, path: '/api/audit' });
  });

  test('filters: limit, newest first, time window, malformed values', async () => {
    const page = await entries({ limit: '3' });
    expect(page.entries).toHaveLength(3);
    expect(page.more).toBe(true);
    expect(page).toMatchObject({ source: 'file', complete: true, window: 'the last 8 MiB of the audit file' });
    const times = page.entries.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await entries({ until: '2000-01-01T00:00:00Z' })).entries).toHaveLength(0);
    for (const q of ['limit=501', 'since=yesterday', 'result=maybe']) expect((await api.get(`/api/audit?${q}`)).status, q).toBe(400);
    expect((await undo('not-a-uuid')).status).toBe(400);
    const missing = await undo(randomUUID());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/the last 8 MiB of the audit file/);
  });

  test('GET /api/openapi.json documents both audit operations', async () => {
    const res = await api.get<{ paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[]; 'x-permission': string }>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/audit'].get.parameters.map((p) => p.name)).toEqual([
      'user',
      'action',
      'cluster',
      'resource',
      'result',
      'since',
      'until',
      'limit',
    ]);
    expect(res.body.paths['/api/audit/{id}/undo'].post).toMatchObject({ operationId: 'undoAuditEntry', 'x-permission': 'audit:view' });
  });

  test('the audit file is 0600 and only grows', () => {
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
  });
});

describe('the Kafka topic sink', () => {
  const auditTopic = uniqueName('audit-trail');

  beforeAll(async () => {
    await useConfig({ file: join(dir, 'audit-with-topic.jsonl'), topic: { cluster: 'local', topic: auditTopic } });
  });

  afterAll(async () => {
    await testKafka.tool('kafka-topics', ['--delete', '--topic', auditTopic]);
    await useConfig({ file: auditFile });
  });

  test('entries are produced to the topic (created on first use, cleanup.policy=delete), keyed by id, and the audit page reads them back from it', async () => {
    const set = await api.as('operator').put(`/api/clusters/local/topics/${topic}/configs/retention.ms`, { value: '7200000' });
    expect(set.status).toBe(200);

    const described = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', auditTopic]);
    expect(described).toMatch(/PartitionCount:\s*1\b/);
    expect(await cliOverrides(auditTopic)).toEqual({ 'cleanup.policy': 'delete' });

    const page = await entries({ action: 'setTopicConfig', resource: topic, limit: '1' });
    expect(page).toMatchObject({ source: 'topic', complete: true, window: `the last 5000 records per partition of audit topic ${auditTopic}` });
    const e = page.entries[0];
    expect(e).toMatchObject({ actor: { user: 'operator' }, after: { value: '7200000' } });

    const consumed = await testKafka
      .toolOk('kafka-console-consumer', [
        '--topic',
        auditTopic,
        '--from-beginning',
        '--timeout-ms',
        '10000',
        '--property',
        'print.key=true',
        '--property',
        'key.separator=|',
      ])
      .catch((err: Error) => err.message);
    const line = consumed.split('\n').find((l) => l.startsWith(`${e.id}|`));
    expect(line, consumed).toBeDefined();
    expect(JSON.parse(line!.slice(e.id.length + 1))).toMatchObject({ id: e.id, action: 'setTopicConfig', actor: { user: 'operator' } });

    // Another console instance writes to the same topic: its entry shows on this one's page.
    const other = {
      id: randomUUID(),
      time: new Date().toISOString(),
      actor: { user: 'someone-elsewhere', via: 'oidc', roles: ['admin@*'] },
      action: 'deleteGroup',
      cluster: 'local',
      resource: 'g',
      result: { status: 200, ok: true },
    };
    await testKafka.toolOk(
      'kafka-console-producer',
      ['--topic', auditTopic, '--property', 'parse.key=true', '--property', 'key.separator=|'],
      `${other.id}|${JSON.stringify(other)}\n`,
    );
    const fromOther = await only({ user: 'someone-elsewhere' });
    expect(fromOther).toMatchObject({ id: other.id, action: 'deleteGroup', undo: { possible: false } });
    expect(readFileSync(join(dir, 'audit-with-topic.jsonl'), 'utf8')).not.toContain(other.id);

    // An undo found through the topic; the undo entry lands there too.
    const u = await undo(e.id);
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect((await cliOverrides(topic))['retention.ms']).toBe('86400000');
    expect((await only({ action: 'undoAuditEntry', resource: topic, since: e.time })).undoOf).toBe(e.id);
    expect((await undo(e.id)).status).toBe(409);
  });

  test('only admins may read or touch the audit topic through the message routes', async () => {
    const viewer = await api.as('viewer').get(`/api/clusters/local/topics/${auditTopic}/messages?from=oldest`);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.message).toMatch(/audit trail/);
    expect((await api.as('operator').post(`/api/clusters/local/topics/${auditTopic}/messages`, { value: '{}' })).status).toBe(403);
    expect((await api.get(`/api/clusters/local/topics/${auditTopic}/messages?from=oldest`)).status).toBe(200);
  });
});
