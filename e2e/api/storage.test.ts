/**
 * Log dirs, the KRaft quorum and feature levels, each checked against the Kafka tool that shows
 * the same thing: kafka-log-dirs --describe, kafka-metadata-quorum describe --status/--replication,
 * kafka-features describe. The main test cluster has two log dirs per broker, so a replica can be
 * moved between dirs of one broker (kafka-reassign-partitions with log_dirs) and seen moving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';
import type { FeaturesReport, LogDirsReport, QuorumReport } from '@/lib/schemas/storage';

const topic = uniqueName('storage');
const work = mkdtempSync(join(tmpdir(), 'storage-test-'));

interface CliLogDirs {
  brokers: {
    broker: number;
    logDirs: { logDir: string; error: string | null; partitions: { partition: string; size: number; offsetLag: number; isFuture: boolean }[] }[];
  }[];
}

async function cliLogDirs(topics?: string): Promise<CliLogDirs> {
  const ids = testKafka.nodes.map((n) => n.id).join(',');
  const out = await testKafka.toolOk('kafka-log-dirs', ['--describe', '--broker-list', ids, ...(topics ? ['--topic-list', topics] : [])]);
  const line = out.split('\n').find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`kafka-log-dirs printed no JSON:\n${out}`);
  return JSON.parse(line) as CliLogDirs;
}

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '3']);
  // The console producer takes --bootstrap-server on every version the compatibility suite runs (acks=all by default).
  const lines = Array.from({ length: 600 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(696)}`).join('\n');
  await testKafka.toolOk('kafka-console-producer', ['--topic', topic], `${lines}\n`);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  rmSync(work, { recursive: true, force: true });
  await disconnectAll();
});

describe('log dirs', () => {
  test('every broker, dir and replica of a topic with the sizes kafka-log-dirs reports', async () => {
    // Followers may still be writing what acks=all made them fetch: wait until the replicas agree.
    const cli = await waitFor(
      () => cliLogDirs(topic),
      (c) => {
        const sizes = new Map<string, Set<number>>();
        for (const b of c.brokers)
          for (const d of b.logDirs) for (const p of d.partitions) sizes.set(p.partition, (sizes.get(p.partition) ?? new Set()).add(p.size));
        return sizes.size === 3 && [...sizes.values()].every((s) => s.size === 1);
      },
    );
    const res = await api.get<LogDirsReport>(`/api/clusters/local/log-dirs?topic=${topic}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.brokers.map((b) => b.id)).toEqual(cli.brokers.map((b) => b.broker).sort((a, b) => a - b));
    for (const b of cli.brokers) {
      const ours = r.brokers.find((x) => x.id === b.broker);
      expect(ours?.error).toBeNull();
      expect(ours?.dirs.map((d) => d.path).sort()).toEqual(b.logDirs.map((d) => d.logDir).sort());
      for (const d of ours?.dirs ?? []) {
        expect(d.offline).toBe(false);
        expect(d.totalBytes).toBeGreaterThan(0);
        expect(d.usableBytes).toBeGreaterThan(0);
        expect(d.usableBytes).toBeLessThanOrEqual(d.totalBytes as number);
      }
    }
    if (testKind.isDefault) expect(r.brokers.every((b) => b.dirs.length === 2)).toBe(true);
    // Every replica: the same broker, dir and size as the tool says.
    const cliReplicas = cli.brokers
      .flatMap((b) =>
        b.logDirs.flatMap((d) =>
          d.partitions.map((p) => ({
            partition: Number(p.partition.slice(topic.length + 1)),
            broker: b.broker,
            dir: d.logDir,
            size: p.size,
            future: p.isFuture,
          })),
        ),
      )
      .sort((x, y) => x.partition - y.partition || x.broker - y.broker);
    expect(cliReplicas).toHaveLength(9);
    expect(r.partitions?.map(({ partition, broker, dir, size, future }) => ({ partition, broker, dir, size, future }))).toEqual(cliReplicas);
    const total = cliReplicas.reduce((s, p) => s + p.size, 0);
    expect(total).toBeGreaterThan(3 * 600 * 700);
    expect(r.topics.find((t) => t.topic === topic)).toEqual({ topic, size: total, replicas: 9 });
    expect(r.moving).toEqual([]);
    expect(r.command).toContain(`kafka-log-dirs --bootstrap-server`);
    expect(r.command).toContain(`--topic-list ${topic}`);
  });

  test('the cluster-wide view: per-dir totals cover the topic, topics are largest first, the topics list sorts by the same sizes', async () => {
    const res = await api.get<LogDirsReport>('/api/clusters/local/log-dirs');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.partitions).toBeNull();
    expect(r.topicCount).toBe(r.topics.length);
    const sizes = r.topics.map((t) => t.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const b of r.brokers) expect(b.size).toBe(b.dirs.reduce((s, d) => s + d.size, 0));
    const ours = r.topics.find((t) => t.topic === topic);
    expect(ours?.replicas).toBe(9);
    // The topics list's size column comes from the same DescribeLogDirs answers.
    const list = await api.get(`/api/clusters/local/topics?search=${topic}&sort=size&order=desc`);
    expect(list.status).toBe(200);
    expect(list.body.topics[0].size).toBe(ours?.size);
  });

  test('an unknown topic is a 404', async () => {
    const res = await api.get('/api/clusters/local/log-dirs?topic=no-such-topic-here');
    expect(res.status).toBe(404);
  });

  test.runIf(testKind.isDefault)(
    'a replica moved to the other dir of its broker shows as moving, as kafka-log-dirs shows its future replica, then lands there',
    async () => {
      const moved = uniqueName('dirmove');
      const broker = testKafka.nodes[0].id;
      await testKafka.toolOk('kafka-topics', ['--create', '--topic', moved, '--replica-assignment', String(broker)]);
      try {
        await testKafka.fill(moved, 3000);
        const before = await cliLogDirs(moved);
        const dirs = before.brokers.find((b) => b.broker === broker)?.logDirs ?? [];
        const from = dirs.find((d) => d.partitions.length > 0)?.logDir as string;
        const to = dirs.find((d) => d.logDir !== from)?.logDir as string;
        expect(from && to).toBeTruthy();
        // Slow the copy down so the move can be seen under way.
        await testKafka.toolOk('kafka-configs', [
          '--entity-type',
          'brokers',
          '--entity-name',
          String(broker),
          '--alter',
          '--add-config',
          'replica.alter.log.dirs.io.max.bytes.per.second=20000',
        ]);
        const plan = join(work, 'move.json');
        writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: moved, partition: 0, replicas: [broker], log_dirs: [to] }] }));
        await testKafka.toolOk('kafka-reassign-partitions', ['--execute', '--reassignment-json-file', plan]);
        const moving = await waitFor(
          () => api.get<LogDirsReport>(`/api/clusters/local/log-dirs?topic=${moved}`),
          (res) => res.body.moving.length > 0,
        );
        const cli = await cliLogDirs(moved);
        const future = cli.brokers.flatMap((b) =>
          b.logDirs.flatMap((d) => d.partitions.filter((p) => p.isFuture).map(() => ({ broker: b.broker, dir: d.logDir }))),
        );
        expect(future).toEqual([{ broker, dir: to }]);
        expect(moving.body.moving).toMatchObject([{ topic: moved, partition: 0, broker, from, to }]);
        expect(moving.body.partitions?.filter((p) => p.future).map((p) => p.dir)).toEqual([to]);
        const m = moving.body.moving[0];
        expect(m.currentSize).toBeGreaterThan(2_000_000);
        expect(m.size).toBeLessThan(m.currentSize as number);
        // The cluster-wide view lists the move too, and counts the topic once (its current replica).
        const all = await api.get<LogDirsReport>('/api/clusters/local/log-dirs');
        expect(all.body.moving.filter((x) => x.topic === moved)).toHaveLength(1);
        expect(all.body.topics.find((t) => t.topic === moved)?.replicas).toBe(1);
      } finally {
        await testKafka.tool('kafka-configs', [
          '--entity-type',
          'brokers',
          '--entity-name',
          String(broker),
          '--alter',
          '--delete-config',
          'replica.alter.log.dirs.io.max.bytes.per.second',
        ]);
      }
      const done = await waitFor(
        () => api.get<LogDirsReport>(`/api/clusters/local/log-dirs?topic=${moved}`),
        (res) => res.body.moving.length === 0,
      );
      const after = await cliLogDirs(moved);
      const where = after.brokers.flatMap((b) => b.logDirs.filter((d) => d.partitions.length > 0).map((d) => d.logDir));
      expect(done.body.partitions?.map((p) => p.dir)).toEqual(where);
      expect(where).toHaveLength(1);
      expect(done.body.partitions?.[0].future).toBe(false);
      await testKafka.tool('kafka-topics', ['--delete', '--topic', moved]);
    },
    120_000,
  );
});

/** `Key: value` lines of kafka-metadata-quorum describe --status. */
function statusFields(out: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const r = /^(\w+):\s+(.*)$/.exec(line.trim());
    if (r) m[r[1]] = r[2];
  }
  return m;
}

const idsIn = (list: string) => [...list.matchAll(/"id":\s*(\d+)|(?<=[[,]\s*)(\d+)(?=\s*[,\]])/g)].map((x) => Number(x[1] ?? x[2])).sort((a, b) => a - b);

describe('the quorum', () => {
  test.runIf(testKind.mode === 'kraft')('leader, epoch, voters, observers and high watermark as kafka-metadata-quorum describes them', async () => {
    const before = statusFields(await testKafka.toolOk('kafka-metadata-quorum', ['describe', '--status']));
    const res = await api.get<QuorumReport>('/api/clusters/local/quorum');
    const after = statusFields(await testKafka.toolOk('kafka-metadata-quorum', ['describe', '--status']));
    expect(res.status).toBe(200);
    const q = res.body;
    if (!q.applies) throw new Error('a KRaft cluster has a quorum');
    expect(before.LeaderId).toBe(after.LeaderId);
    expect(q.leaderId).toBe(Number(before.LeaderId));
    expect(q.leaderEpoch).toBe(Number(before.LeaderEpoch));
    expect(q.voters.map((v) => v.id).sort((a, b) => a - b)).toEqual(idsIn(before.CurrentVoters));
    expect(q.observers.map((v) => v.id).sort((a, b) => a - b)).toEqual(idsIn(before.CurrentObservers));
    // The metadata log grows all the time (no-op records): ours lies between the tool's two reads.
    expect(q.highWatermark).toBeGreaterThanOrEqual(Number(before.HighWatermark));
    expect(q.highWatermark).toBeLessThanOrEqual(Number(after.HighWatermark));
    expect(q.voters.find((v) => v.status === 'Leader')?.id).toBe(q.leaderId);
    expect(q.voters.filter((v) => v.status === 'Leader')).toHaveLength(1);
    for (const v of q.voters) {
      expect(v.logEndOffset).toBeGreaterThan(0);
      expect(v.lag).toBeGreaterThanOrEqual(0);
    }
    expect(q.maxFollowerLag).toBe(Math.max(...q.voters.map((v) => v.lag ?? 0)));
    expect(q.command).toContain('kafka-metadata-quorum');
  });

  test.runIf(testKind.mode === 'kraft')('each replica with the status and directory id kafka-metadata-quorum --replication prints', async () => {
    const out = await testKafka.toolOk('kafka-metadata-quorum', ['describe', '--replication']);
    const lines = out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const header = lines[0].split(/\s+/);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(/\s+/).map((v, i) => [header[i], v])));
    const res = await api.get<QuorumReport>('/api/clusters/local/quorum');
    const q = res.body;
    if (!q.applies) throw new Error('a KRaft cluster has a quorum');
    const ours = [...q.voters, ...q.observers].map((v) => ({ id: v.id, status: v.status, dir: v.directoryId }));
    expect(ours.map(({ id, status }) => ({ id, status })).sort((a, b) => a.id - b.id)).toEqual(
      rows.map((r) => ({ id: Number(r.NodeId), status: r.Status })).sort((a, b) => a.id - b.id),
    );
    if (header.includes('DirectoryId'))
      for (const r of rows) expect(ours.find((o) => o.id === Number(r.NodeId))?.dir ?? 'AAAAAAAAAAAAAAAAAAAAAA').toBe(r.DirectoryId);
  });

  test.runIf(testKind.mode === 'zookeeper')('a ZooKeeper-era cluster says there is no KRaft quorum', async () => {
    const res = await api.get<QuorumReport>('/api/clusters/local/quorum');
    expect(res.status).toBe(200);
    expect(res.body.applies).toBe(false);
    if (res.body.applies) return;
    expect(res.body.reason).toMatch(/ZooKeeper/);
  });
});

describe('feature levels', () => {
  test('finalized and supported levels of every feature as kafka-features describe prints them', async () => {
    const out = await testKafka.toolOk('kafka-features', ['describe']);
    const cli = out
      .split('\n')
      .filter((l) => l.startsWith('Feature:'))
      // Tab-separated up to 3.x, padded with spaces from 4.0.
      .map((l) => Object.fromEntries([...l.matchAll(/(\w+):\s+(\S+)/g)].map((m) => [m[1], m[2]])));
    const res = await api.get<FeaturesReport>('/api/clusters/local/features');
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.mode).toBe(testKind.mode);
    if (testKind.mode === 'kraft') expect(cli.map((c) => c.Feature)).toContain('metadata.version');
    for (const c of cli) {
      const ours = f.features.find((x) => x.name === c.Feature);
      expect(ours, c.Feature).toBeDefined();
      if (!ours) continue;
      const mv = c.Feature === 'metadata.version';
      expect(String(mv ? ours.supportedMinName : ours.supportedMin)).toBe(c.SupportedMinVersion);
      expect(String(mv ? ours.supportedMaxName : ours.supportedMax)).toBe(c.SupportedMaxVersion);
      const finalized = mv ? ours.finalizedName : ours.finalizedLevel;
      expect(finalized === null ? '-' : String(finalized)).toBe(c.FinalizedVersionLevel);
    }
    if (testKind.mode === 'kraft') expect(f.finalizedEpoch).toBeGreaterThanOrEqual(Number(cli[0].Epoch));
    else expect(f.note).toMatch(/ZooKeeper/);
  });
});
