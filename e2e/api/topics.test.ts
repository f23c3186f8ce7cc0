import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { waitFor } from '../support/wait';
import { testKind } from '../support/kind';
import { testKafka, uniqueName } from '../support/kafka';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import type { ClusterOverview, TopicDetail, TopicList } from '@/lib/types';

const prefix = uniqueName('tt');
const rf1 = `${prefix}-rf1`;
const rf3 = `${prefix}-rf3`;
const created: string[] = [rf1, rf3];

interface CliPartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

const ids = (s: string) => (s.trim() ? s.trim().split(',').map(Number) : []);

/** `kafka-topics --describe` parsed: one entry per partition line. */
async function cliDescribe(args: string[]): Promise<Map<string, CliPartition[]>> {
  const out = await testKafka.toolOk('kafka-topics', ['--describe', ...args]);
  const topics = new Map<string, CliPartition[]>();
  for (const m of out.matchAll(/^\s+Topic: (\S+)\tPartition: (\d+)\tLeader: (-?\d+|none)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/gm)) {
    const list = topics.get(m[1]) ?? [];
    list.push({ partition: Number(m[2]), leader: m[3] === 'none' ? -1 : Number(m[3]), replicas: ids(m[4]), isr: ids(m[5]) });
    topics.set(m[1], list);
  }
  for (const list of topics.values()) list.sort((a, b) => a.partition - b.partition);
  return topics;
}

async function cliTopics(): Promise<string[]> {
  return (await testKafka.toolOk('kafka-topics', ['--list'])).split('\n').filter(Boolean);
}

async function cliOffsets(topic: string, time: string): Promise<Map<number, string>> {
  const out = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic, '--time', time]);
  return new Map([...out.matchAll(/^[^:\s]+:(\d+):(\d+)$/gm)].map((m) => [Number(m[1]), m[2]]));
}

function partitionView(p: { partition: number; leader: number; replicas: number[]; isr: number[] }): CliPartition {
  return { partition: p.partition, leader: p.leader, replicas: p.replicas, isr: [...p.isr].sort((a, b) => a - b) };
}

const listUrl = (q: Record<string, string | number | boolean>) =>
  `/api/clusters/local/topics?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;

beforeAll(async () => {
  await Promise.all([
    testKafka.toolOk('kafka-topics', ['--create', '--topic', rf1, '--partitions', '3', '--replication-factor', '1']),
    testKafka.toolOk('kafka-topics', ['--create', '--topic', rf3, '--partitions', '4', '--replication-factor', '3']),
  ]);
  const records = Array.from({ length: 25 }, (_, i) => `k${i % 5}:v${i}`).join('\n');
  await testKafka.toolOk('kafka-console-producer', ['--topic', rf3, '--property', 'parse.key=true', '--property', 'key.separator=:'], `${records}\n`);
  // FindCoordinator makes Kafka create its internal __consumer_offsets topic.
  const c = await clients('local');
  await c.admin.fetchOffsets({ groupId: `${prefix}-g` }).catch(() => undefined);
  await waitFor(cliTopics, (t) => t.includes('__consumer_offsets'), 30_000);
});

afterAll(async () => {
  const existing = new Set(await cliTopics());
  for (const t of created.filter((x) => existing.has(x))) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});

describe('GET /api/clusters/{cluster}/topics', () => {
  test('lists topics with partitions, replication factor, health and message counts', async () => {
    const res = await api.get<TopicList>(listUrl({ search: prefix }));
    expect(res.status).toBe(200);
    expect(res.body.topics.map((t) => t.name)).toEqual([rf1, rf3]);
    const [a, b] = res.body.topics;
    expect(a).toMatchObject({ partitions: 3, replicationFactor: 1, underReplicated: 0, offline: 0, messages: 0, internal: false });
    const end = await cliOffsets(rf3, '-1');
    const start = await cliOffsets(rf3, '-2');
    const expected = [...end].reduce((s, [p, e]) => s + Number(e) - Number(start.get(p)), 0);
    expect(expected).toBe(25);
    expect(b).toMatchObject({ partitions: 4, replicationFactor: 3, underReplicated: 0, offline: 0, messages: expected });
    expect(b.size).toBeGreaterThan(0);
  });

  test('internal topics are hidden unless asked for; the unfiltered list matches kafka-topics --list', async () => {
    const hidden = await api.get<TopicList>(listUrl({ pageSize: 1000 }));
    const shown = await api.get<TopicList>(listUrl({ pageSize: 1000, internal: true }));
    expect(hidden.body.topics.some((t) => t.name === '__consumer_offsets')).toBe(false);
    expect(shown.body.topics.find((t) => t.name === '__consumer_offsets')).toMatchObject({ internal: true });
    expect(shown.body.topics.map((t) => t.name).sort()).toEqual((await cliTopics()).sort());
  });

  test('regex search, sorting and paging', async () => {
    const re = await api.get<TopicList>(listUrl({ search: `^${prefix}-rf\\d$`, regex: true, sort: 'partitions', order: 'desc' }));
    expect(re.status).toBe(200);
    expect(re.body.topics.map((t) => t.name)).toEqual([rf3, rf1]);
    const byMessages = await api.get<TopicList>(listUrl({ search: prefix, sort: 'messages', order: 'desc' }));
    expect(byMessages.body.topics.map((t) => t.name)).toEqual([rf3, rf1]);
    const page2 = await api.get<TopicList>(listUrl({ search: prefix, pageSize: 1, page: 2 }));
    expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.body.topics.map((t) => t.name)).toEqual([rf3]);
  });

  test('patterns that backtrack catastrophically in JS are served (RE2); an invalid or unsupported one is a 400 on the search field', async () => {
    for (const search of ['(a+)+$', '([a-z]*)*x', '(.|.)*=']) {
      const res = await api.get<TopicList>(listUrl({ search, regex: true }));
      expect(res.status, search).toBe(200);
    }
    for (const [search, why] of [
      ['[unclosed', /missing closing \]/],
      ['(a)\\1', /backreferences/],
      ['(?<=x)y', /lookbehind/],
    ] as const) {
      const res = await api.get(listUrl({ search, regex: true }));
      expect(res.status, search).toBe(400);
      expect(res.body.error.field).toBe('search');
      expect(res.body.error.message).toMatch(why);
    }
  });
});

describe('GET /api/clusters/{cluster}/topics/{topic}', () => {
  test('agrees with kafka-topics --describe on leaders, replicas and ISR (RF 1 and 3) and with kafka-get-offsets', async () => {
    const cli = await cliDescribe(['--topic', `${rf1},${rf3}`]);
    for (const topic of [rf1, rf3]) {
      const res = await api.get<TopicDetail>(`/api/clusters/local/topics/${topic}`);
      expect(res.status).toBe(200);
      expect(res.body.partitions.map(partitionView)).toEqual(cli.get(topic)!.map((p) => ({ ...p, isr: [...p.isr].sort((a, b) => a - b) })));
      const leaders = new Map<number, number>();
      for (const p of cli.get(topic)!) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      for (const b of res.body.brokers) expect(b.leaders, `leaders of ${topic} on broker ${b.id}`).toBe(leaders.get(b.id) ?? 0);
    }
    const detail = (await api.get<TopicDetail>(`/api/clusters/local/topics/${rf3}`)).body;
    const end = await cliOffsets(rf3, '-1');
    const start = await cliOffsets(rf3, '-2');
    for (const p of detail.partitions) {
      expect(p.end).toBe(end.get(p.partition));
      expect(p.start).toBe(start.get(p.partition));
      expect(p.messages).toBe(Number(end.get(p.partition)) - Number(start.get(p.partition)));
    }
    expect(detail.brokers.reduce((s, b) => s + b.replicas, 0)).toBe(12);
  });

  test('with a broker stopped, under-replicated and leaderless flags match the CLI', async () => {
    const victim = testKafka.nodes[1].id;
    await testKafka.stopNode(victim);
    try {
      const fetch = () => Promise.all([rf1, rf3].map((t) => api.get<TopicDetail>(`/api/clusters/local/topics/${t}`)));
      const [a, b] = await waitFor(fetch, (r) => r.every((x) => x.status === 200) && r[1].body.underReplicated === 4 && r[0].body.offline === 1, 45_000);
      const urp = await cliDescribe(['--under-replicated-partitions', '--topic', `${rf1},${rf3}`]);
      const unavailable = await cliDescribe(['--unavailable-partitions', '--topic', `${rf1},${rf3}`]);
      for (const d of [a.body, b.body]) {
        expect(
          d.partitions.filter((p) => p.underReplicated).map((p) => p.partition),
          `under-replicated ${d.name}`,
        ).toEqual((urp.get(d.name) ?? []).map((p) => p.partition));
        expect(
          d.partitions.filter((p) => p.leaderless).map((p) => p.partition),
          `leaderless ${d.name}`,
        ).toEqual((unavailable.get(d.name) ?? []).map((p) => p.partition));
      }
      expect(b.body.partitions.every((p) => !p.isr.includes(victim) && p.leader !== victim)).toBe(true);
      const leaderless = a.body.partitions.find((p) => p.leaderless)!;
      expect(leaderless.replicas).toEqual([victim]);
      const list = await api.get<TopicList>(listUrl({ search: prefix }));
      expect(list.status).toBe(200);
      expect(list.body.topics.map((t) => [t.name, t.underReplicated, t.offline])).toEqual([
        [rf1, a.body.underReplicated, 1],
        [rf3, 4, 0],
      ]);
    } finally {
      await testKafka.startNode(victim);
    }
    const healed = await waitFor(
      () => api.get<TopicDetail>(`/api/clusters/local/topics/${rf3}`),
      (r) => r.status === 200 && r.body.underReplicated === 0,
      90_000,
    );
    expect(healed.body.underReplicated).toBe(0);
    // Leave the cluster as the next test file expects it: every replica of every topic back in sync.
    const synced = await waitFor(
      () => api.get<ClusterOverview>('/api/clusters/local/overview'),
      (r) => r.status === 200 && r.body.partitions.underReplicated === 0 && r.body.partitions.offline === 0,
      90_000,
    );
    expect(synced.body.partitions).toMatchObject({ underReplicated: 0, offline: 0 });
  });

  test('an unknown topic is a 404', async () => {
    const res = await api.get(`/api/clusters/local/topics/${prefix}-missing`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: `Topic ${prefix}-missing does not exist` });
  });
});

describe('POST /api/clusters/{cluster}/topics', () => {
  test('creates a topic with partitions, replication factor and configs, as kafka-topics shows', async () => {
    const name = `${prefix}-new`;
    created.push(name);
    const preview = await api.post(`/api/clusters/local/topics`, {
      name,
      partitions: 2,
      replicationFactor: 2,
      configs: { 'retention.ms': '172800000' },
      validateOnly: true,
    });
    expect(preview.status).toBe(201);
    expect(preview.body.created).toBe(false);
    expect(await cliTopics()).not.toContain(name);

    const res = await api.post(`/api/clusters/local/topics`, { name, partitions: 2, replicationFactor: 2, configs: { 'retention.ms': '172800000' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name, created: true });
    const cli = await cliDescribe(['--topic', name]);
    expect(cli.get(name)!.map((p) => p.replicas.length)).toEqual([2, 2]);
    const configs = await testKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'topics', '--entity-name', name]);
    expect(configs).toMatch(/^\s+retention\.ms=172800000 /m);
    const listed = await api.get<TopicList>(listUrl({ search: name }));
    expect(listed.body.topics.map((t) => t.name)).toEqual([name]);
  });

  const bad: [string, Record<string, unknown>, number, string, RegExp][] = [
    ['illegal characters', { name: 'bad name!', partitions: 1, replicationFactor: 1 }, 422, 'name', /letters, digits/],
    ['"." as a name', { name: '.', partitions: 1, replicationFactor: 1 }, 422, 'name', /cannot be named/],
    ['a 250-character name', { name: 'x'.repeat(250), partitions: 1, replicationFactor: 1 }, 422, 'name', /at most 249/],
    ['0 partitions', { name: '@', partitions: 0, replicationFactor: 1 }, 422, 'partitions', /At least 1 partition/],
    ['negative partitions', { name: '@', partitions: -3, replicationFactor: 1 }, 422, 'partitions', /At least 1 partition/],
    ['RF above the broker count', { name: '@', partitions: 1, replicationFactor: 4 }, 422, 'replicationFactor', /above the number of available brokers \(3\)/],
    [
      'an unknown config key',
      { name: '@', partitions: 1, replicationFactor: 1, configs: { 'no.such.config': '1' } },
      422,
      'configs.no.such.config',
      /no\.such\.config/,
    ],
    [
      'an invalid config value',
      { name: '@', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': 'soon' } },
      422,
      'configs.retention.ms',
      /retention\.ms/,
    ],
    ['an existing topic', { name: rf1, partitions: 1, replicationFactor: 1 }, 409, 'name', /already exists/],
  ];

  test.each(bad)('refuses %s with a clear 4xx on the field and creates nothing', async (_label, body, status, field, message) => {
    const name = body.name === '@' ? `${prefix}-bad-${Math.random().toString(36).slice(2, 6)}` : String(body.name);
    const before = await cliTopics();
    const res = await api.post(`/api/clusters/local/topics`, { ...body, name });
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|\.js:\d+/);
    expect((await cliTopics()).sort()).toEqual(before.sort());
  });

  test('a name that differs from an existing topic only by "." vs "_" is refused', async () => {
    const dotted = `${prefix}.dot`;
    created.push(dotted);
    expect((await api.post(`/api/clusters/local/topics`, { name: dotted, partitions: 1, replicationFactor: 1 })).status).toBe(201);
    const res = await api.post(`/api/clusters/local/topics`, { name: `${prefix}_dot`, partitions: 1, replicationFactor: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ field: 'name', message: expect.stringContaining(`collides with existing topic ${dotted}`) });
    expect(await cliTopics()).not.toContain(`${prefix}_dot`);
  });
});

describe('POST /api/clusters/{cluster}/topics/{topic}/partitions', () => {
  test('adds partitions; a decrease or the same count is refused and changes nothing', async () => {
    const name = `${prefix}-grow`;
    created.push(name);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', name, '--partitions', '2', '--replication-factor', '1']);
    const preview = await api.post(`/api/clusters/local/topics/${name}/partitions`, { count: 5, validateOnly: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ from: 2, to: 5, validateOnly: true });
    expect(preview.body.warning).toMatch(/keys map to other partitions/);
    expect((await cliDescribe(['--topic', name])).get(name)).toHaveLength(2);

    const res = await api.post(`/api/clusters/local/topics/${name}/partitions`, { count: 5 });
    expect(res.status).toBe(200);
    expect((await cliDescribe(['--topic', name])).get(name)).toHaveLength(5);

    for (const count of [3, 5]) {
      const refused = await api.post(`/api/clusters/local/topics/${name}/partitions`, { count });
      expect(refused.status).toBe(422);
      expect(refused.body.error.field).toBe('count');
      expect(refused.body.error.message).toMatch(count < 5 ? /only add partitions, never remove them/ : /already has 5 partitions/);
    }
    expect((await cliDescribe(['--topic', name])).get(name)).toHaveLength(5);
  });

  test('more new partitions than Kafka adds in one request is a 422 naming the limit, not a 500', async () => {
    const name = `${prefix}-huge`;
    created.push(name);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', name, '--partitions', '1', '--replication-factor', '1']);
    const res = await api.post(`/api/clusters/local/topics/${name}/partitions`, { count: 10_002, validateOnly: true });
    if (testKind.kraft) {
      // The KRaft controller caps the records of one operation.
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'count', message: expect.stringContaining('at most 10000 partitions in one request') });
    } else {
      // A ZooKeeper-era controller has no such cap: the validation passes, and validateOnly adds nothing.
      expect(res.status).toBe(200);
    }
    expect((await cliDescribe(['--topic', name])).get(name)).toHaveLength(1);
  });

  test('an unknown topic is a 404', async () => {
    const res = await api.post(`/api/clusters/local/topics/${prefix}-missing/partitions`, { count: 4 });
    expect(res.status).toBe(404);
  });
});

describe('DELETE /api/clusters/{cluster}/topics/{topic}', () => {
  test('deletes the topic; an unknown topic is a 404', async () => {
    const name = `${prefix}-del`;
    created.push(name);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', name, '--partitions', '1', '--replication-factor', '1']);
    const res = await api.delete(`/api/clusters/local/topics/${name}`, { confirm: name });
    expect(res.status).toBe(200);
    expect(await cliTopics()).not.toContain(name);
    const again = await api.delete(`/api/clusters/local/topics/${name}`, { confirm: name });
    expect(again.status).toBe(404);
  });
});

describe('unreachable cluster', () => {
  test('the topics list is a 503', async () => {
    const res = await api.get('/api/clusters/offline/topics');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
  });
});

describe('GET /api/openapi.json', () => {
  test('documents the topic, config and broker routes', async () => {
    const res = await api.get<{ paths: Record<string, Record<string, { operationId: string }>> }>('/api/openapi.json');
    const ids = Object.values(res.body.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of [
      'listTopics',
      'createTopic',
      'getTopic',
      'deleteTopic',
      'addPartitions',
      'getTopicConfigs',
      'setTopicConfig',
      'deleteTopicConfig',
      'getBrokerConfigs',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
