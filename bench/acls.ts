/**
 * ACLs at scale on a real secured cluster (SASL_SSL + SCRAM, StandardAuthorizer): a fresh
 * 1-node cluster, N bindings added with kafka-acls (principals × topics × two operations),
 * then timed through the real route handlers, in-process, signed in:
 * - the first page of GET /api/clusters/{cluster}/acls (every binding described, sorted, paged),
 * - the same filtered to one principal,
 * - GET .../acls/explain for one principal and topic,
 * against `kafka-acls --list` (and `--list --principal`) on the same cluster.
 *
 *   npx tsx bench/acls.ts [--principals 50] [--topics 100] [--runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaCluster } from '../scripts/kafka/cluster';
import { numberArg, pct, requestHeaders, runUnderReactServer, writeBenchConsole } from './support';

runUnderReactServer();

const arg = numberArg;
const PRINCIPALS = arg('principals', 50);
const TOPICS = arg('topics', 100);
const RUNS = arg('runs', 20);
const ORIGIN = 'http://localhost:3000';

async function main() {
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const cluster = await KafkaCluster.start({ nodes: 1, log, security: 'sasl_ssl', scramUsers: ['console'], superUsers: ['User:console'] });
  const dir = mkdtempSync(join(tmpdir(), 'bench-acls-'));
  try {
    const tls = cluster.tls as NonNullable<KafkaCluster['tls']>;
    const bench = await writeBenchConsole(dir, [
      {
        id: 'bench',
        name: 'bench',
        bootstrapServers: cluster.brokers,
        ssl: { enabled: true, caFile: tls.caFile },
        sasl: { mechanism: 'scram-sha-512', username: 'console', password: cluster.passwords.console },
      },
    ]);
    process.env.KAFKA_CONSOLE_CONFIG = bench.configFile;
    const { disconnectAll } = await import('../lib/kafka/registry');
    const { GET: list } = await import('../app/api/clusters/[cluster]/acls/route');
    const { GET: explain } = await import('../app/api/clusters/[cluster]/acls/explain/route');
    const { POST: login } = await import('../app/api/auth/login/route');
    const cookie = await bench.signIn(ORIGIN, (req) => login(req, { params: Promise.resolve({}) }));

    const principals = Array.from({ length: PRINCIPALS }, (_, i) => `User:bench-${String(i).padStart(4, '0')}`);
    const topics = Array.from({ length: TOPICS }, (_, i) => `bench-topic-${String(i).padStart(4, '0')}`);
    let t = Date.now();
    // kafka-acls adds the product of its principals, operations and resources; 10 principals per call keeps the command line short.
    for (let i = 0; i < principals.length; i += 10) {
      await cluster.toolOk('kafka-acls', [
        '--add',
        ...principals.slice(i, i + 10).flatMap((p) => ['--allow-principal', p]),
        '--operation',
        'Read',
        '--operation',
        'Describe',
        ...topics.flatMap((x) => ['--topic', x]),
      ]);
    }
    const total = PRINCIPALS * TOPICS * 2;
    log(`Added ${total} bindings with kafka-acls in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const time = async (handler: typeof list, path: string, check: (body: Record<string, unknown>) => boolean) => {
      const started = performance.now();
      const res = await handler(new Request(`${ORIGIN}${path}`, { headers: requestHeaders(cookie, 'GET', ORIGIN) }), {
        params: Promise.resolve({ cluster: 'bench' }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      const ms = performance.now() - started;
      if (res.status !== 200 || !check(body)) throw new Error(`unexpected answer from ${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return ms;
    };
    const series = async (label: string, fn: () => Promise<number>) => {
      const cold = await fn();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await fn());
      return { label, cold, p50: pct(times, 50), p95: pct(times, 95) };
    };
    const results = [
      await series('first page (50) of every binding, sorted by principal', () =>
        time(list, '/api/clusters/bench/acls?sort=principal&limit=50', (b) => b.total === total && (b.bindings as unknown[]).length === 50),
      ),
      await series('one principal (filter sent to the broker)', () =>
        time(list, `/api/clusters/bench/acls?principal=${encodeURIComponent(principals[Math.min(7, PRINCIPALS - 1)])}`, (b) => b.total === TOPICS * 2),
      ),
      await series('explain one principal, one topic', () =>
        time(
          explain,
          `/api/clusters/bench/acls/explain?principal=${encodeURIComponent(principals[Math.min(7, PRINCIPALS - 1)])}&operation=describe&resourceType=topic&resourceName=${topics[Math.min(42, TOPICS - 1)]}`,
          (b) => b.allowed === true,
        ),
      ),
    ];

    const cli = async (args: string[]) => {
      const times: number[] = [];
      for (let i = 0; i < 2; i++) {
        t = Date.now();
        await cluster.toolOk('kafka-acls', args);
        times.push(Date.now() - t);
      }
      return Math.min(...times);
    };
    const cliAll = await cli(['--list']);
    const cliOne = await cli(['--list', '--principal', principals[Math.min(7, PRINCIPALS - 1)]]);

    log('');
    log(
      `ACLs with ${total} bindings, ${RUNS} runs each; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')} (1, 5, 15 min):`,
    );
    for (const r of results) log(`  ${r.label}: first call ${r.cold.toFixed(0)} ms, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`);
    log(`kafka-acls --list (all ${total}): best of 2 ${cliAll} ms; --list --principal: best of 2 ${cliOne} ms (both include JVM start)`);
    log(`First page p95 is ${(cliAll / results[0].p95).toFixed(1)}x faster than kafka-acls --list`);
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
