/**
 * Lag-history sampling at scale: a fresh 1-node Kafka with 10,000 topics (every tenth with 3
 * partitions) and 5,000 groups with committed offsets on two topics each, then
 *  1. sampling rounds (lib/history/sample.ts, as the server runs them): wall time, the
 *     console process's CPU time, requests sent, series written;
 *  2. the store after a simulated day: 2,880 rounds 30 s apart from the real round's values,
 *     a tenth of the partitions and of the groups moving each round; bytes on disk, write
 *     time per round, and the time to read a group's and a topic's day of history;
 *  3. the topics list's first page (50 topics) with the history columns, as the browser asks
 *     for it: GET /api/clusters/{c}/topics and GET /api/clusters/{c}/history/topics for those
 *     rows (the real route handlers in-process, signed in), p50 / p95 (target < 1 s).
 *
 *   npx tsx bench/sampling.ts [--topics 10000] [--groups 5000] [--rounds 5] [--runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaCluster } from '../scripts/kafka/cluster';
import { createManyTopics, numberArg, pct, requestHeaders, retryWhileCoordinatorLoads, runUnderReactServer, writeBenchConsole } from './support';

runUnderReactServer();

const TOPICS = numberArg('topics', 10_000);
const GROUPS = numberArg('groups', 5_000);
const ROUNDS = numberArg('rounds', 5);
const RUNS = numberArg('runs', 20);
const ORIGIN = 'http://localhost:3000';
const DAY_ROUNDS = 2880;

const topicName = (i: number) => `bench-${String(i).padStart(5, '0')}`;
const partitionsOf = (i: number) => (i % 10 === 0 ? 3 : 1);

async function main() {
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const cluster = await KafkaCluster.start({ nodes: 1, log, config: { 'offsets.topic.num.partitions': '10' } });
  const dir = mkdtempSync(join(tmpdir(), 'bench-sampling-'));
  try {
    const bench = await writeBenchConsole(dir, [{ id: 'bench', name: 'bench', bootstrapServers: cluster.brokers }]);
    process.env.KAFKA_CONSOLE_CONFIG = bench.configFile;
    process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
    process.env.LOG_LEVEL ??= 'error';
    const { clients, disconnectAll } = await import('../lib/kafka/registry');
    const { commitOffsetsAsAdmin } = await import('../lib/kafka/groups/reset');
    const { sampleRound } = await import('../lib/history/sample');
    const { HistoryStore } = await import('../lib/history/store');
    const { K } = await import('../lib/history/keys');
    const { startHistory, stopHistory, clusterHistory } = await import('../lib/history/service');
    const { GET: topicsGet } = await import('../app/api/clusters/[cluster]/topics/route');
    const { GET: summaryGet } = await import('../app/api/clusters/[cluster]/history/topics/route');
    const { POST: login } = await import('../app/api/auth/login/route');
    const cookie = await bench.signIn(ORIGIN, (req) => login(req, { params: Promise.resolve({}) }));

    let t = Date.now();
    await createManyTopics(cluster.brokers, TOPICS, 500, partitionsOf);
    log(`created ${TOPICS} topics in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const c = await clients('bench');
    const producer = await c.producer();
    // Records on the first 1,000 topics, so end offsets and lag are not all zero.
    for (let i = 0; i < Math.min(1000, TOPICS); i += 100) {
      await producer.send({
        topic: topicName(i),
        messages: Array.from({ length: 30 }, (_, k) => ({ value: `m${k}`, partition: k % partitionsOf(i) })),
      });
      await producer.sendBatch({
        topicMessages: Array.from({ length: 99 }, (_, k) => ({ topic: topicName(i + k + 1), messages: [{ value: 'a' }, { value: 'b' }] })).filter(
          (m) => Number(m.topic.slice(6)) < TOPICS,
        ),
      });
    }
    t = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < GROUPS) {
          const i = next++;
          const a = (i * 2) % TOPICS;
          const b = (i * 2 + 1) % TOPICS;
          const writes = [a, b].flatMap((ti) => Array.from({ length: partitionsOf(ti) }, (_, p) => ({ topic: topicName(ti), partition: p, offset: '1' })));
          await retryWhileCoordinatorLoads(() => commitOffsetsAsAdmin(c, `bench-group-${String(i).padStart(5, '0')}`, writes));
        }
      }),
    );
    log(`created ${GROUPS} groups with committed offsets in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // 1. Sampling rounds.
    const rounds = [];
    for (let i = 0; i < ROUNDS + 1; i++) rounds.push(await sampleRound(c));
    const measured = rounds.slice(1); // the first one also opens connections
    const last = measured.at(-1)!;
    log('');
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')} (1, 5, 15 min)`,
    );
    log(`1. One sampling round at ${last.stats.topics} topics (${last.stats.partitions} partitions) and ${last.stats.groups} groups, ${ROUNDS} rounds:`);
    log(`   wall ${measured.map((r) => r.stats.wallMs).join(', ')} ms; CPU ${measured.map((r) => r.stats.cpuMs).join(', ')} ms`);
    log(`   ${last.stats.requests} requests per round, ${last.stats.series} series, errors: ${last.stats.errors.length}`);

    // 2. A simulated day in the store.
    const storeDir = join(dir, 'store');
    const store = new HistoryStore(storeDir);
    const values = new Map(last.values);
    const ends = [...values.keys()].filter((k) => k[0] === 'e');
    const committed = [...values.keys()].filter((k) => k[0] === 'c');
    const t0 = Date.now() - 86_400_000;
    const writeTimes: number[] = [];
    for (let r = 0; r < DAY_ROUNDS; r++) {
      for (let i = r % 10; i < ends.length; i += 10) values.set(ends[i], (values.get(ends[i]) ?? 0) + 5);
      for (let i = r % 10; i < committed.length; i += 10) values.set(committed[i], (values.get(committed[i]) ?? 0) + 4);
      const started = performance.now();
      store.append(t0 + r * 30_000, values);
      writeTimes.push(performance.now() - started);
    }
    store.close();
    const reopened = new HistoryStore(storeDir);
    const g = 'bench-group-00007';
    const groupKeys = [K.groupLag(g), K.consumed(g), ...reopened.keysWithPrefix(K.committedPrefix(g))];
    let started = performance.now();
    const dayOfGroup = reopened.query(groupKeys, t0, t0 + 86_400_000, { tier: 'raw' });
    const groupReadMs = performance.now() - started;
    started = performance.now();
    const hourOfGroup = reopened.query(groupKeys, t0 + 23 * 3_600_000, t0 + 86_400_000, { tier: 'raw' });
    const groupHourMs = performance.now() - started;
    started = performance.now();
    reopened.query([K.produced(topicName(3)), K.bytes(topicName(3))], t0, t0 + 86_400_000, { tier: 'm5' });
    const m5ReadMs = performance.now() - started;
    log(`2. The store after a simulated day (${DAY_ROUNDS} rounds, a tenth of partitions and groups moving each round):`);
    log(`   ${(reopened.bytes() / 1024 / 1024).toFixed(1)} MiB on disk (30 s tier and 5-minute tier)`);
    log(`   write per round p50 ${pct(writeTimes, 50).toFixed(1)} ms, p95 ${pct(writeTimes, 95).toFixed(1)} ms`);
    log(
      `   a group's day of history (${groupKeys.length} series, ${dayOfGroup.get(K.groupLag(g))?.t.length ?? 0} points each): ${groupReadMs.toFixed(0)} ms; its last hour ${groupHourMs.toFixed(0)} ms (${hourOfGroup.get(K.groupLag(g))?.t.length ?? 0} points); a topic's day at 5 min: ${m5ReadMs.toFixed(0)} ms`,
    );
    reopened.close();

    // 3. The topics list's first page with the history columns.
    await startHistory(
      'bench',
      () => clients('bench'),
      { enabled: true, intervalSeconds: 5, rawRetentionHours: 24, downsampledRetentionDays: 30 },
      join(dir, 'data'),
    );
    const h = clusterHistory('bench')!;
    while (h.snapshot().rounds < 2) await new Promise((r) => setTimeout(r, 500));
    const headers = requestHeaders(cookie, 'GET', ORIGIN);
    const page = async () => {
      const t1 = performance.now();
      const res = await topicsGet(new Request(`${ORIGIN}/api/clusters/bench/topics?page=1&pageSize=50`, { headers }), {
        params: Promise.resolve({ cluster: 'bench' }),
      });
      const list = (await res.json()) as { topics: { name: string }[] };
      const names = list.topics.map((x) => x.name);
      const sres = await summaryGet(new Request(`${ORIGIN}/api/clusters/bench/history/topics?names=${names.map(encodeURIComponent).join(',')}`, { headers }), {
        params: Promise.resolve({ cluster: 'bench' }),
      });
      const summary = (await sres.json()) as { available: boolean; topics: Record<string, { groupCount: number }> };
      const ms = performance.now() - t1;
      if (res.status !== 200 || sres.status !== 200 || !summary.available || names.length !== 50)
        throw new Error(`unexpected answer ${res.status} ${sres.status}`);
      if (!Object.values(summary.topics).some((x) => x.groupCount > 0)) throw new Error('no consuming groups in the summary');
      return ms;
    };
    await page();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await page());
    log(`3. Topics list first page (50 of ${TOPICS}) with production rate and worst-lag consumers, ${RUNS} runs:`);
    log(`   p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms (target < 1000 ms: ${pct(times, 95) < 1000 ? 'met' : 'NOT met'})`);
    log(`   sampler while serving: last round ${h.snapshot().lastRound?.wallMs} ms, ${h.snapshot().overruns} overruns of its 5 s interval`);
    await stopHistory();
    await disconnectAll();
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
