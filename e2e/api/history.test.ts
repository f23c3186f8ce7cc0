/**
 * Lag history against the real cluster: Kafka's own perf producer at a known rate, a consumer
 * slower than it, the console's sampler every 2 s. The stored series shows the lag growing at
 * the difference of the rates and "falling behind"; a faster consumer gives a finite time to
 * drain that the real drain meets; the history survives a restart; of two console instances
 * sharing a history topic only one samples, and the other takes over when it stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { startTool, testKafka, uniqueName, type RunningTool } from '../support/kafka';
import { testKind } from '../support/kind';
import { waitFor } from '../support/wait';
import { slopeSince } from '@/lib/history/analysis';
import { ClusterHistory, startHistory, stopHistory } from '@/lib/history/service';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import type { GroupHistory, GroupsSummary, TopicHistory, TopicsSummary } from '@/lib/schemas/history';
import type { GroupsPage } from '@/lib/schemas/groups';
import type { HistoryConfig } from '@/lib/schemas/config';

const topic = uniqueName('history');
const prefix = uniqueName('hist');
const group = `${prefix}-slow`;
/** Never consumes: its lag grows at the full production rate. */
const idle = `${prefix}-idle`;
const PRODUCE_RATE = 40;
const SLOW_RATE = 15;
const FAST_RATE = 65;
const config: HistoryConfig = { enabled: true, intervalSeconds: 2, rawRetentionHours: 24, downsampledRetentionDays: 30 };
const dataDir = mkdtempSync(join(tmpdir(), 'history-api-'));

let producer: RunningTool | null = null;
let consumer: Consumer | null = null;
let rate = SLOW_RATE;

type Available<T> = Extract<T, { available: true }>;
const history = async (range = '1h') => {
  const r = await api.get<GroupHistory>(`/api/clusters/local/groups/${group}/history?range=${range}`);
  expect(r.status).toBe(200);
  expect(r.body.available).toBe(true);
  return r.body as Available<GroupHistory>;
};

/** The group's lag as kafka-consumer-groups --describe reports it (summed over partitions). */
async function cliLag(): Promise<number> {
  const out = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
  let lag = 0;
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === group && f[1] === topic) lag += Number(f[5]);
  }
  return lag;
}

/** A consumer that processes at most `rate` records a second (changed while it runs). */
async function startConsumer(): Promise<Consumer> {
  const kafka = new Kafka({ brokers: testKafka.bootstrap.split(','), clientId: 'history-test', logLevel: logLevel.NOTHING });
  const c = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await c.connect();
  await c.subscribe({ topic, fromBeginning: true });
  let nextAt = Date.now();
  await c.run({
    autoCommitInterval: 500,
    eachMessage: async () => {
      nextAt = Math.max(nextAt, Date.now()) + 1000 / rate;
      const wait = nextAt - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    },
  });
  return c;
}

describe.runIf(testKind.isDefault)('lag history', () => {
  beforeAll(async () => {
    // One partition: the drain estimate is per partition (the slowest wins, see analysis.test.ts), and a
    // consumer that owns several partitions reads them in turns, so one is what makes the estimate checkable.
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '2']);
    await testKafka.toolOk('kafka-consumer-groups', ['--group', idle, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
    await startHistory('local', () => clients('local'), config, dataDir);
    producer = startTool('kafka-producer-perf-test', [
      '--topic',
      topic,
      '--num-records',
      '1000000',
      '--record-size',
      '100',
      '--throughput',
      String(PRODUCE_RATE),
      '--producer-props',
      'acks=1',
      'linger.ms=0',
    ]);
    consumer = await startConsumer();
  }, 60_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.stop();
    await stopHistory();
    await disconnectAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a slower consumer: lag grows at the difference of the rates, "falling behind"; faster: a time to drain the real drain meets', async () => {
    // Let a few intervals pass with the slow consumer (after the producer and the group are up).
    await waitFor(
      () => history(),
      (h) => h.t.length >= 2 && (h.lag.at(-1) ?? 0) > 0,
      60_000,
      1000,
    );
    const slowFrom = Date.now();
    await new Promise((r) => setTimeout(r, 16_000));
    const h = await history();
    const series = { t: h.t, v: h.lag.map((x) => x ?? Number.NaN) };
    const growth = slopeSince(series, slowFrom + 2_000) as number;
    const expected = PRODUCE_RATE - SLOW_RATE;
    expect(growth).toBeGreaterThan(expected * 0.7);
    expect(growth).toBeLessThan(expected * 1.3);
    expect(h.drain.status).toBe('falling-behind');
    expect(h.sampler.sampling).toBe(true);
    expect(h.sampler.lastRound?.requests).toBeGreaterThan(0);
    // Rates over the window: production near 40/s, consumption near 15/s.
    const recentProd = h.produceRate.slice(-4).filter((x) => x !== null) as number[];
    const avgProd = recentProd.reduce((a, b) => a + b, 0) / recentProd.length;
    expect(avgProd).toBeGreaterThan(PRODUCE_RATE * 0.7);
    expect(avgProd).toBeLessThan(PRODUCE_RATE * 1.3);
    // Lag in time: the slowest partition is seconds behind, and growing.
    const tl = h.timeLagMs.filter((x) => x !== null) as number[];
    expect(tl.at(-1)).toBeGreaterThan(1000);

    // Sorted by lag growth, the group that consumes nothing comes before the slow one.
    const sorted = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${prefix}&sort=lagGrowth`);
    expect(sorted.body.groups.map((g) => g.groupId)).toEqual([idle, group]);
    const byName = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${prefix}`);
    expect(byName.body.groups.map((g) => g.groupId)).toEqual([idle, group].sort());

    // The groups list's sparkline and the topic's page see the same history.
    const summary = await api.get<GroupsSummary>(`/api/clusters/local/history/groups?ids=${group}`);
    expect(summary.body.groups[group].lag.at(-1)).toBe(h.lag.at(-1));
    expect(summary.body.groups[group].growthPerSec).toBeGreaterThan(0);
    const th = (await api.get<TopicHistory>(`/api/clusters/local/topics/${topic}/history`)).body as Available<TopicHistory>;
    expect(th.groups.map((g) => g.group).sort()).toEqual([group, idle].sort());
    expect(th.groups[0].group).toBe(idle); // most lag first
    expect(th.groups.every((g) => (g.trendPerSec ?? 0) > 0)).toBe(true);
    const ts = (await api.get<TopicsSummary>(`/api/clusters/local/history/topics?names=${topic}`)).body;
    expect(ts.topics[topic].produceRate).toBeGreaterThan(PRODUCE_RATE * 0.6);
    expect(ts.topics[topic].bytesRate).toBeGreaterThan(PRODUCE_RATE * 0.6 * 100);
    expect(ts.topics[topic].groups[0].group).toBe(idle);
    expect(ts.topics[topic].groupCount).toBe(2);

    // Faster than the producer: a finite estimate, which the real drain meets.
    rate = FAST_RATE;
    const fastFrom = Date.now();
    const est = await waitFor(
      () => history(),
      (x) => x.drain.status === 'draining' && x.t.filter((t) => t >= fastFrom + h.windowMs).length >= 2,
      60_000,
      1000,
    );
    expect(est.drain.status).toBe('draining');
    const etaMs = (est.drain as { etaMs: number }).etaMs;
    const estimatedAt = est.t.at(-1) as number;
    expect(etaMs).toBeGreaterThan(2000);
    const drained = await waitFor(
      () => history(),
      (x) => (x.lag.at(-1) ?? Infinity) <= PRODUCE_RATE,
      etaMs * 2 + 30_000,
      1000,
    );
    const actualMs = (drained.t[drained.lag.findIndex((l, i) => drained.t[i] > estimatedAt && (l ?? Infinity) <= PRODUCE_RATE)] as number) - estimatedAt;
    console.log(
      `history: lag grew ${growth.toFixed(1)}/s (expected ${expected}/s); estimated drain ${Math.round(etaMs / 1000)} s, real ${Math.round(actualMs / 1000)} s`,
    );
    expect(Math.abs(actualMs - etaMs)).toBeLessThan(Math.max(0.35 * etaMs, 8_000));
  }, 240_000);

  test('the newest sample agrees with kafka-consumer-groups once production and consumption stop', async () => {
    await producer?.stop();
    producer = null;
    await consumer?.disconnect();
    consumer = null;
    await new Promise((r) => setTimeout(r, 3000));
    const cli = await cliLag();
    const h = await waitFor(
      () => history(),
      (x) => x.lag.at(-1) === cli,
      15_000,
      1000,
    );
    expect(h.lag.at(-1)).toBe(cli);
  }, 60_000);

  test('history survives a restart of the console', async () => {
    const before = await history();
    await stopHistory();
    await testKafka.toolOk('kafka-consumer-groups', ['--group', idle, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
    await startHistory('local', () => clients('local'), config, dataDir);
    const after = await history();
    expect(after.t.slice(0, before.t.length)).toEqual(before.t);
    expect(after.lag.slice(0, before.lag.length)).toEqual(before.lag);
  });

  test('two instances on one history topic: one samples, the other takes over when it stops', async () => {
    const historyTopic = uniqueName('__console-history');
    const cfg = { ...config, topic: historyTopic };
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'history-instance-')));
    const a = new ClusterHistory('local', () => clients('local'), cfg, dirs[0]);
    const b = new ClusterHistory('local', () => clients('local'), cfg, dirs[1]);
    try {
      await Promise.all([a.start(), b.start()]);
      // Exactly one samples, and both read its samples from the topic.
      const both = await waitFor(
        async () => [a.snapshot(), b.snapshot()],
        ([x, y]) => x.sampling !== y.sampling && x.newestSample !== null && y.newestSample !== null && x.rounds + y.rounds >= 2,
        60_000,
        500,
      );
      expect(both[0].sampling).not.toBe(both[1].sampling);
      expect(both[0].newestSample).not.toBeNull();
      expect(both[1].newestSample).not.toBeNull();
      const [first, second] = both[0].sampling ? [a, b] : [b, a];
      // While both run, only the chosen one samples (which one may change while the group forms).
      const idle = second.snapshot().rounds;
      const busy = first.snapshot().rounds;
      await new Promise((r) => setTimeout(r, 3 * config.intervalSeconds * 1000));
      expect(second.snapshot().rounds).toBe(idle);
      expect(first.snapshot().rounds).toBeGreaterThanOrEqual(busy + 2);

      // The sampling one stops: the other samples within the stated time (a rebalance, well under the 10 s session timeout).
      await first.stop();
      const stoppedAt = Date.now();
      const took = await waitFor(
        async () => second.snapshot(),
        (s) => s.sampling && (s.newestSample ?? 0) > stoppedAt,
        30_000,
        200,
      );
      expect(took.sampling).toBe(true);
      expect(took.newestSample).toBeGreaterThan(stoppedAt);
      const takeoverMs = (took.newestSample as number) - stoppedAt;
      expect(takeoverMs).toBeLessThan(15_000);
      console.log(`history: the second instance sampled ${takeoverMs} ms after the first stopped`);
    } finally {
      await a.stop();
      await b.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      await testKafka.tool('kafka-topics', ['--delete', '--topic', historyTopic]);
    }
  }, 120_000);
});
