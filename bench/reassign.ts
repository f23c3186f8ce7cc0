/**
 * Partition reassignment plans.
 *
 * 1. The planner alone, in memory: 100,000 partitions (replication factor 3) on 11 brokers in
 *    3 racks, planned over 12 (a broker just added); best and median of --runs, target < 1 s.
 * 2. On a real 4-node Kafka: 1,000 partitions (10 topics, replication factor 2) with data, all
 *    on brokers 1-3, as if broker 4 had just been added. The console's plan (the generate
 *    endpoint's own function) against `kafka-reassign-partitions --generate` for the same topics
 *    and brokers 1-4: replica moves, bytes to copy (both measured by the console's preview, from
 *    DescribeLogDirs), and the replica and preferred-leader spread after (max - min per broker).
 *
 *   npx tsx bench/reassign.ts [--partitions 100000] [--runs 5] [--skip-cluster 1]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaCluster } from '../scripts/kafka/cluster';
import { proposeAssignment, type Assignment } from '../lib/reassign/plan';
import { numberArg, pct, runUnderReactServer, writeBenchConsole } from './support';

runUnderReactServer();

const PARTITIONS = numberArg('partitions', 100_000);
const RUNS = numberArg('runs', 5);
const SKIP_CLUSTER = numberArg('skip-cluster', 0) === 1;
const TOPICS = 10;
const PER_TOPIC = 100;

const log = (l: string) => process.stdout.write(`${l}\n`);

/** Replica moves (new replicas to copy), and the spread of replicas and preferred leaders per broker. */
function measure(before: Assignment[], after: Map<string, number[]>, brokers: number[]) {
  let moves = 0;
  const replicas = new Map(brokers.map((b) => [b, 0]));
  const leaders = new Map(brokers.map((b) => [b, 0]));
  for (const p of before) {
    const target = after.get(`${p.topic}:${p.partition}`) ?? p.replicas;
    moves += target.filter((r) => !p.replicas.includes(r)).length;
    for (const r of target) replicas.set(r, (replicas.get(r) ?? 0) + 1);
    leaders.set(target[0], (leaders.get(target[0]) ?? 0) + 1);
  }
  const spread = (m: Map<number, number>) => Math.max(...m.values()) - Math.min(...m.values());
  return { moves, replicaSpread: spread(replicas), leaderSpread: spread(leaders), replicas, leaders };
}

function plannerAlone() {
  const brokers = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, rack: `rack-${i % 3}` }));
  // A rack-aware layout over brokers 1-11 (racks of 4, 4 and 3 brokers), as Kafka would have made
  // it before broker 12 joined the third rack: one replica per rack, leaders rotating.
  const racks = [0, 1, 2].map((r) => brokers.filter((b) => b.rack === `rack-${r}` && b.id !== 12).map((b) => b.id));
  const current: Assignment[] = [];
  for (let i = 0; i < PARTITIONS; i++) {
    const replicas = racks.map((members, r) => members[(i + r) % members.length]);
    const shift = i % 3;
    current.push({ topic: `t${Math.floor(i / 1000)}`, partition: i % 1000, replicas: [...replicas.slice(shift), ...replicas.slice(0, shift)] });
  }
  const times: number[] = [];
  let plan: Assignment[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    plan = proposeAssignment(current, brokers);
    times.push(performance.now() - t);
  }
  const m = measure(
    current,
    new Map(plan.map((p) => [`${p.topic}:${p.partition}`, p.replicas])),
    brokers.map((b) => b.id),
  );
  log(`Planner alone: ${PARTITIONS.toLocaleString('en-US')} partitions (RF 3) from 11 brokers onto 12 in 3 racks, ${RUNS} runs`);
  log(`  best ${Math.min(...times).toFixed(0)} ms, median ${pct(times, 50).toFixed(0)} ms; target < 1000 ms: ${pct(times, 50) < 1000 ? 'met' : 'NOT met'}`);
  log(
    `  ${m.moves.toLocaleString('en-US')} replica moves (the fewest that balance it: ${Math.floor((PARTITIONS * 3) / 12).toLocaleString('en-US')}, onto broker 12); replica spread ${m.replicaSpread}, leader spread ${m.leaderSpread}`,
  );
}

async function onCluster() {
  const cluster = await KafkaCluster.start({ nodes: 4, log });
  const dir = mkdtempSync(join(tmpdir(), 'bench-reassign-'));
  try {
    const bench = await writeBenchConsole(dir, [{ id: 'bench', name: 'bench', bootstrapServers: cluster.brokers }]);
    process.env.KAFKA_CONSOLE_CONFIG = bench.configFile;
    process.env.LOG_LEVEL ??= 'error';
    const { clients, disconnectAll } = await import('../lib/kafka/registry');
    const { generatePlan, previewPlan } = await import('../lib/kafka/reassign/plan');
    const { clusterLayout } = await import('../lib/kafka/reassign/current');
    const topics = Array.from({ length: TOPICS }, (_, i) => `bench-move-${i}`);
    const t0 = Date.now();
    for (const [ti, topic] of topics.entries()) {
      // Replica pairs over brokers 1-3, each topic starting on another broker (as Kafka spreads them).
      const assignment = Array.from({ length: PER_TOPIC }, (_, p) => [((p + ti) % 3) + 1, ((p + ti + 1) % 3) + 1].join(':')).join(',');
      await cluster.toolOk('kafka-topics', ['--create', '--topic', topic, '--replica-assignment', assignment]);
    }
    // Uneven data: topic i gets (i + 1) x 1,000 records of 1 KB.
    for (const [ti, topic] of topics.entries()) {
      await cluster.toolOk('kafka-producer-perf-test', [
        '--topic',
        topic,
        '--num-records',
        String((ti + 1) * 1000),
        '--record-size',
        '1000',
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${cluster.bootstrap}`,
        'acks=all',
        'batch.size=16384',
        'linger.ms=0',
      ]);
    }
    const records = topics.reduce((s, _, ti) => s + (ti + 1) * 1000, 0);
    log(
      `Made ${TOPICS * PER_TOPIC} partitions (RF 2) on brokers 1-3 with ${records.toLocaleString('en-US')} records of 1 KB in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );

    const c = await clients('bench');
    const layout = await clusterLayout(c, topics);
    const brokers = [1, 2, 3, 4];

    const t1 = performance.now();
    const ours = await generatePlan(c, { topics, brokers });
    const oursMs = performance.now() - t1;
    const oursTargets = new Map(ours.partitions.map((p) => [`${p.topic}:${p.partition}`, p.replicas]));

    const topicsFile = join(dir, 'topics.json');
    writeFileSync(topicsFile, JSON.stringify({ version: 1, topics: topics.map((topic) => ({ topic })) }));
    const t2 = Date.now();
    const out = await cluster.toolOk('kafka-reassign-partitions', ['--generate', '--topics-to-move-json-file', topicsFile, '--broker-list', brokers.join(',')]);
    const cliMs = Date.now() - t2;
    const proposedJson = out.split('Proposed partition reassignment configuration')[1]?.trim().split('\n')[0];
    if (!proposedJson) throw new Error(`kafka-reassign-partitions printed no proposal:\n${out}`);
    const theirs = (JSON.parse(proposedJson) as { partitions: { topic: string; partition: number; replicas: number[] }[] }).partitions;
    const theirTargets = new Map(theirs.map((p) => [`${p.topic}:${p.partition}`, p.replicas]));
    const changed = theirs.filter((p) => {
      const cur = layout.partitions.find((x) => x.topic === p.topic && x.partition === p.partition)?.replicas ?? [];
      return cur.join(',') !== p.replicas.join(',');
    });
    const theirPreview = await previewPlan(c, changed);

    const a = measure(layout.partitions, oursTargets, brokers);
    const b = measure(layout.partitions, theirTargets, brokers);
    const fmt = (m: Map<number, number>) => [...m].map(([k, v]) => `${k}:${v}`).join(' ');
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    log('');
    log(`Adding broker 4 to ${TOPICS * PER_TOPIC} partitions on brokers 1-3 (same topics, brokers 1,2,3,4):`);
    log(
      `  console:                 ${a.moves} replica moves, ${mb(ours.totalBytes)} to copy; replicas ${fmt(a.replicas)} (spread ${a.replicaSpread}), leaders ${fmt(a.leaders)} (spread ${a.leaderSpread}); planned in ${oursMs.toFixed(0)} ms`,
    );
    log(
      `  kafka-reassign-partitions --generate: ${b.moves} replica moves, ${mb(theirPreview.totalBytes)} to copy; replicas ${fmt(b.replicas)} (spread ${b.replicaSpread}), leaders ${fmt(b.leaders)} (spread ${b.leaderSpread}); ${cliMs} ms with JVM start`,
    );
    const fewer = a.moves < b.moves && ours.totalBytes < theirPreview.totalBytes;
    const even = a.replicaSpread <= b.replicaSpread && a.leaderSpread <= b.leaderSpread;
    log(
      `  console moves ${(b.moves / Math.max(1, a.moves)).toFixed(1)}x fewer replicas and copies ${(theirPreview.totalBytes / Math.max(1, ours.totalBytes)).toFixed(1)}x fewer bytes; targets fewer moves and bytes: ${fewer ? 'met' : 'NOT met'}, spread at least as even: ${even ? 'met' : 'NOT met'}`,
    );
    await disconnectAll();
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  plannerAlone();
  if (!SKIP_CLUSTER) await onCluster();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
