/**
 * Partition reassignment on the 3-broker cluster, checked with Kafka's own tools: a generated
 * plan that moves replicas and raises the replication factor (kafka-reassign-partitions --verify
 * and kafka-topics --describe agree), moving back, a throttled move whose throttle configs exist
 * while it runs and are gone after verify, a move started with the CLI that the console shows and
 * cancels, and bad plans that change nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';

const base = '/api/clusters/local/reassignments';
const dir = mkdtempSync(join(tmpdir(), 'reassign-test-'));
const topics: string[] = [];
const ids = () => testKafka.nodes.map((n) => n.id).sort((a, b) => a - b);

type Target = { topic: string; partition: number; replicas: number[] };

/** Partition → replicas from `kafka-topics --describe`. */
async function cliReplicas(topic: string): Promise<Map<number, number[]>> {
  const out = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', topic]);
  const m = new Map<number, number[]>();
  for (const line of out.split('\n')) {
    const r = /Partition: (\d+)\s+Leader: -?\d+\s+Replicas: ([\d,]+)/.exec(line);
    if (r) m.set(Number(r[1]), r[2].split(',').map(Number));
  }
  return m;
}

async function createTopic(assignment: number[][]): Promise<string> {
  const topic = uniqueName('reassign');
  topics.push(topic);
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--replica-assignment', assignment.map((r) => r.join(':')).join(',')]);
  return topic;
}

/** About `mb` MB of incompressible records, written with Kafka's own perf producer. */
async function fill(topic: string, mb: number): Promise<void> {
  await testKafka.fill(topic, mb * 1000);
}

/** `kafka-configs --describe` of one entity: its dynamic configs as key → value. */
async function cliConfigs(type: 'topics' | 'brokers', name: string): Promise<Map<string, string>> {
  const out = await testKafka.toolOk('kafka-configs', ['--describe', '--entity-type', type, '--entity-name', name]);
  const m = new Map<string, string>();
  for (const r of out.matchAll(/([a-z.]+)=([^\s,]*(?:,\d+:\d+)*) sensitive=/g)) m.set(r[1], r[2]);
  return m;
}

async function cliVerify(json: string): Promise<string> {
  const file = join(dir, `${uniqueName('plan')}.json`);
  writeFileSync(file, json);
  return testKafka.toolOk('kafka-reassign-partitions', ['--reassignment-json-file', file, '--verify']);
}

const ongoing = async () =>
  (await api.get(base)).body.ongoing as {
    topic: string;
    partition: number;
    adding: number[];
    copied: { bytes: number | null }[];
    leaderBytes: number | null;
  }[];

beforeAll(() => {
  expect(ids().length).toBe(3);
});

afterAll(async () => {
  for (const t of topics) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  rmSync(dir, { recursive: true, force: true });
  await disconnectAll();
});

describe('partition reassignment', () => {
  test('a skewed topic: the generated plan spreads it and raises the factor; --verify and --describe agree; moving back restores it', async () => {
    const [a] = ids();
    const topic = await createTopic([[a], [a], [a], [a], [a], [a]]);
    await fill(topic, 1);

    const gen = await api.post(`${base}/generate`, { topics: [topic], replicationFactor: 2 });
    expect(gen.status).toBe(200);
    const plan = gen.body.partitions as Target[];
    expect(plan).toHaveLength(6);
    const per = new Map<number, number>();
    for (const p of plan) {
      expect(p.replicas).toHaveLength(2);
      for (const b of p.replicas) per.set(b, (per.get(b) ?? 0) + 1);
    }
    expect([...per.values()]).toEqual([4, 4, 4]);
    expect(gen.body.totalBytes).toBeGreaterThan(0);
    expect(gen.body.sizesKnown).toBe(true);
    const bytesIn = gen.body.brokers.reduce((s: number, b: { bytesIn: number }) => s + b.bytesIn, 0);
    expect(bytesIn).toBe(gen.body.totalBytes);
    expect(gen.body.commands.join('\n')).toContain('kafka-reassign-partitions --bootstrap-server');
    expect(JSON.parse(gen.body.json).partitions).toHaveLength(6);

    const run = await api.post(base, { partitions: plan, throttle: null });
    expect(run.status).toBe(200);
    expect(run.body.failed).toEqual([]);
    expect(run.body.started.map((p: { previous: number[] }) => p.previous)).toEqual(plan.map(() => [a]));

    await waitFor(ongoing, (o) => !o.some((x) => x.topic === topic), 60_000);
    const verified = await api.post(`${base}/verify`, { partitions: plan });
    expect(verified.status).toBe(200);
    expect(verified.body.partitions.map((p: Target & { state: string }) => [p.partition, p.state, p.replicas])).toEqual(
      plan.map((p) => [p.partition, 'complete', p.replicas]),
    );
    const cli = await cliVerify(gen.body.json);
    for (const p of plan) expect(cli).toContain(`Reassignment of partition ${topic}-${p.partition} is completed`);
    const described = await cliReplicas(topic);
    for (const p of plan) expect(described.get(p.partition)).toEqual(p.replicas);

    // The run is kept with what it moved from; moving back is a run to those replicas.
    const status = await api.get(base);
    const kept = status.body.runs.find((r: { partitions: { topic: string }[] }) => r.partitions[0]?.topic === topic);
    expect(kept.state).toBe('done');
    const back = kept.partitions.map((p: { topic: string; partition: number; previous: number[] }) => ({
      topic: p.topic,
      partition: p.partition,
      replicas: p.previous,
    }));
    expect((await api.post(base, { partitions: back, throttle: null })).status).toBe(200);
    await waitFor(ongoing, (o) => !o.some((x) => x.topic === topic), 60_000);
    const restored = await cliReplicas(topic);
    expect([...restored.values()]).toEqual(plan.map(() => [a]));
  }, 180_000);

  test('decommission: the plan moves every replica off one broker and keeps the factor', async () => {
    const [a, b, c] = ids();
    const topic = await createTopic([
      [a, b],
      [b, c],
      [c, a],
    ]);
    const gen = await api.post(`${base}/generate`, { topics: [topic], removeBroker: c });
    expect(gen.status).toBe(200);
    const targets = new Map((gen.body.partitions as Target[]).map((p) => [p.partition, p.replicas]));
    expect(targets.has(0)).toBe(false);
    for (const p of [1, 2]) {
      expect(targets.get(p)).toHaveLength(2);
      expect(targets.get(p)).not.toContain(c);
    }
    expect(gen.body.unchanged).toBe(1);
  });

  test('a throttled move: the throttle configs are set where Kafka sets them while it runs, and verify removes them', async () => {
    const [a, b] = ids();
    const topic = await createTopic([[a]]);
    await fill(topic, 8);
    const rate = 1024 * 1024;
    const plan = [{ topic, partition: 0, replicas: [b] }];
    const preview = await api.post(`${base}/preview`, { partitions: plan });
    expect(preview.status).toBe(200);
    expect(preview.body.moves[0]).toMatchObject({ adding: [b], removing: [a] });
    expect(preview.body.moves[0].bytes).toBeGreaterThan(7_000_000);

    const run = await api.post(base, { partitions: plan, throttle: rate });
    expect(run.status).toBe(200);
    expect(run.body.throttled).toEqual({ topics: [topic], brokers: [a, b].sort((x, y) => x - y) });
    const moving = await ongoing();
    const mine = moving.find((o) => o.topic === topic);
    expect(mine?.adding).toEqual([b]);
    expect(mine?.leaderBytes).toBeGreaterThan(7_000_000);
    const topicConfigs = await cliConfigs('topics', topic);
    expect(topicConfigs.get('leader.replication.throttled.replicas')).toBe(`0:${a}`);
    expect(topicConfigs.get('follower.replication.throttled.replicas')).toBe(`0:${b}`);
    const brokerConfigs = await cliConfigs('brokers', String(b));
    expect(brokerConfigs.get('follower.replication.throttled.rate')).toBe(String(rate));
    expect(brokerConfigs.get('leader.replication.throttled.rate')).toBe(String(rate));
    // Still moving a moment after the JVM-started CLI answered: the throttle holds it back.
    expect((await ongoing()).some((o) => o.topic === topic)).toBe(true);
    const early = await api.post(`${base}/verify`, { partitions: plan });
    expect(early.body.partitions[0].state).toBe('inProgress');
    expect(early.body.removedThrottles).toEqual({ topics: [], brokers: [] });

    await waitFor(ongoing, (o) => !o.some((x) => x.topic === topic), 90_000);
    const done = await api.post(`${base}/verify`, { partitions: plan });
    expect(done.body.partitions[0].state).toBe('complete');
    expect(done.body.removedThrottles.topics).toEqual([topic]);
    expect(done.body.removedThrottles.brokers).toEqual(expect.arrayContaining([a, b]));
    const after = await cliConfigs('topics', topic);
    expect(after.has('leader.replication.throttled.replicas') || after.has('follower.replication.throttled.replicas')).toBe(false);
    for (const id of [a, b]) expect([...(await cliConfigs('brokers', String(id))).keys()].filter((k) => k.includes('throttled'))).toEqual([]);
    expect((await cliReplicas(topic)).get(0)).toEqual([b]);
  }, 180_000);

  test('a move started with kafka-reassign-partitions shows up, and cancelling it keeps the original replicas and drops its throttle', async () => {
    const [a, , c] = ids();
    const topic = await createTopic([[a]]);
    await fill(topic, 8);
    const file = join(dir, 'cli-move.json');
    writeFileSync(file, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, replicas: [c] }] }));
    await testKafka.toolOk('kafka-reassign-partitions', ['--reassignment-json-file', file, '--execute', '--throttle', '100000']);
    const seen = (await ongoing()).find((o) => o.topic === topic);
    expect(seen).toMatchObject({ adding: [c] });
    expect(seen?.copied[0].bytes).toBeLessThan(seen?.leaderBytes as number);
    const status = await api.get(base);
    expect(status.body.throttledBrokers.map((t: { broker: number }) => t.broker)).toEqual(expect.arrayContaining([a, c]));

    const cancelled = await api.post(`${base}/cancel`, { partitions: [{ topic, partition: 0 }] });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelled).toEqual([{ topic, partition: 0 }]);
    expect(cancelled.body.removedThrottles.topics).toEqual([topic]);
    await waitFor(
      () => cliReplicas(topic),
      (m) => m.get(0)?.join() === String(a),
    );
    expect((await ongoing()).some((o) => o.topic === topic)).toBe(false);
    expect([...(await cliConfigs('topics', topic)).keys()].filter((k) => k.includes('throttled'))).toEqual([]);
    const again = await api.post(`${base}/cancel`, { partitions: [{ topic, partition: 0 }] });
    expect(again.status).toBe(409);
  }, 180_000);

  test('bad plans get a clear 4xx and change nothing; reassigning needs the admin role', async () => {
    const [a, b] = ids();
    const topic = await createTopic([[a], [b]]);
    const before = await cliReplicas(topic);
    const cases: [string, string, unknown, number, string][] = [
      ['missing broker', base, { partitions: [{ topic, partition: 0, replicas: [99] }], throttle: null }, 422, 'broker 99 is not in the cluster'],
      ['duplicate replicas', base, { partitions: [{ topic, partition: 0, replicas: [a, a] }], throttle: null }, 422, 'appears twice'],
      ['missing partition', base, { partitions: [{ topic, partition: 7, replicas: [a] }], throttle: null }, 404, `${topic}:7`],
      ['missing topic', `${base}/generate`, { topics: [uniqueName('nope')] }, 404, 'does not exist'],
      ['factor above the broker count', `${base}/generate`, { topics: [topic], replicationFactor: 4 }, 422, 'needs 4 brokers'],
      ['unknown broker to spread over', `${base}/generate`, { topics: [topic], brokers: [a, 42] }, 422, 'Broker 42 is not in the cluster'],
      ['nothing to move', base, { partitions: [{ topic, partition: 0, replicas: [a] }], throttle: null }, 422, 'nothing to move'],
      ['throttle too low', base, { partitions: [{ topic, partition: 0, replicas: [b] }], throttle: 10 }, 422, 'stall'],
    ];
    for (const [name, path, body, status, message] of cases) {
      const res = await api.post(path, body);
      expect(res.status, name).toBe(status);
      expect(res.body.error.message, name).toContain(message);
    }
    for (const who of ['viewer', 'operator'] as const) {
      const res = await api.as(who).post(base, { partitions: [{ topic, partition: 0, replicas: [b] }], throttle: null });
      expect(res.status, who).toBe(403);
    }
    expect((await api.as('viewer').post(`${base}/generate`, { topics: [topic] })).status).toBe(200);
    expect(await cliReplicas(topic)).toEqual(before);
    expect((await ongoing()).some((o) => o.topic === topic)).toBe(false);
  });
});
