/**
 * Consumer groups list at scale: a fresh 1-node Kafka, one topic, 5,000 groups with
 * committed offsets (written with the admin OffsetCommit), then the first page of
 * GET /api/clusters/{cluster}/groups (the real route handler, in-process, with sign-in on:
 * the bench's admin signs in through the real login route first and every call carries
 * the session cookie) timed against `kafka-consumer-groups --describe --all-groups` on
 * the same cluster.
 *
 *   npx tsx bench/groups-list.ts [--groups 5000] [--runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaCluster } from '../scripts/kafka/cluster';
import { numberArg, pct, requestHeaders, retryWhileCoordinatorLoads, runUnderReactServer, writeBenchConsole } from './support';

runUnderReactServer();

const arg = numberArg;
const GROUPS = arg('groups', 5000);
const RUNS = arg('runs', 20);
const TOPIC = 'bench-groups';
const PARTITIONS = 6;
/** The origin in-process requests claim to come from: a loopback host the console answers to. */
const ORIGIN = 'http://localhost:3000';

async function main() {
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const cluster = await KafkaCluster.start({ nodes: 1, log });
  const dir = mkdtempSync(join(tmpdir(), 'bench-groups-'));
  try {
    const bench = await writeBenchConsole(dir, [{ id: 'bench', name: 'bench', bootstrapServers: cluster.brokers }]);
    process.env.KAFKA_CONSOLE_CONFIG = bench.configFile;
    process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
    // kafkajs retries while the new cluster creates __consumer_offsets; its warnings are noise here.
    process.env.LOG_LEVEL ??= 'error';
    const { clients, disconnectAll } = await import('../lib/kafka/registry');
    const { commitOffsetsAsAdmin } = await import('../lib/kafka/groups/reset');
    const { GET } = await import('../app/api/clusters/[cluster]/groups/route');
    const { POST: login } = await import('../app/api/auth/login/route');
    const cookie = await bench.signIn(ORIGIN, (req) => login(req, { params: Promise.resolve({}) }));

    await cluster.toolOk('kafka-topics', ['--create', '--topic', TOPIC, '--partitions', String(PARTITIONS), '--replication-factor', '1']);
    const c = await clients('bench');
    const producer = await c.producer();
    await producer.send({ topic: TOPIC, messages: Array.from({ length: PARTITIONS * 200 }, (_, i) => ({ partition: i % PARTITIONS, value: `m${i}` })) });

    let t = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < GROUPS) {
          const i = next++;
          const group = `bench-group-${String(i).padStart(5, '0')}`;
          const offsets = Array.from({ length: PARTITIONS }, (_, p) => ({ topic: TOPIC, partition: p, offset: String((i * 7 + p) % 200) }));
          await retryWhileCoordinatorLoads(() => commitOffsetsAsAdmin(c, group, offsets));
        }
      }),
    );
    log(`Created ${GROUPS} groups with committed offsets on ${PARTITIONS} partitions in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const firstPage = async () => {
      const started = performance.now();
      const res = await GET(new Request(`${ORIGIN}/api/clusters/bench/groups?page=1&pageSize=50`, { headers: requestHeaders(cookie, 'GET', ORIGIN) }), {
        params: Promise.resolve({ cluster: 'bench' }),
      });
      const body = (await res.json()) as { total: number; groups: { lag: number | null }[] };
      const ms = performance.now() - started;
      if (res.status !== 200 || body.total !== GROUPS || body.groups.length !== 50 || body.groups.some((g) => g.lag === null)) {
        throw new Error(`unexpected answer: ${res.status} total=${body.total} groups=${body.groups?.length}`);
      }
      return ms;
    };
    const cold = await firstPage();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await firstPage());

    const cliTimes: number[] = [];
    let cliRows = 0;
    for (let i = 0; i < 2; i++) {
      t = Date.now();
      const out = await cluster.toolOk('kafka-consumer-groups', ['--describe', '--all-groups']);
      cliTimes.push(Date.now() - t);
      cliRows = out.split('\n').filter((l) => l.startsWith('bench-group-')).length;
    }
    if (cliRows !== GROUPS * PARTITIONS) throw new Error(`CLI described ${cliRows} rows, expected ${GROUPS * PARTITIONS}`);
    const cliBest = Math.min(...cliTimes);
    const p50 = pct(times, 50);
    const p95 = pct(times, 95);
    log('');
    log(
      `Groups list, first page (50 groups with lag) of ${GROUPS} groups, ${RUNS} runs; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')} (1, 5, 15 min):`,
    );
    log(`  first call ${cold.toFixed(0)} ms, p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
    log(
      `kafka-consumer-groups --describe --all-groups (${cliRows} rows): ${cliTimes.map((x) => `${x} ms`).join(', ')} (best ${cliBest} ms, includes JVM start)`,
    );
    log(
      `API p95 is ${(cliBest / p95).toFixed(1)}x faster than the CLI's best run; target p95 < 2000 ms and >= 3x: ${p95 < 2000 && cliBest / p95 >= 3 ? 'met' : 'NOT met'}`,
    );
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
