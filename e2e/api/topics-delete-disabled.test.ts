import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { LogDirsReport } from '@/lib/schemas/storage';
import { waitFor } from '../support/wait';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, reloadConsoleConfig } from '../support/api';
import { uniqueName } from '../support/kafka';
import { KafkaCluster } from '../../scripts/kafka/cluster';
import { disconnectAll } from '@/lib/kafka/registry';

/**
 * A single-broker cluster started with delete.topic.enable=false and two log dirs (the second
 * one is broken on purpose below), added to the console's cluster list as "nodelete" for this
 * file only.
 */
let cluster: KafkaCluster;
let configFile: string;
const originalConfig = process.env.KAFKA_CONSOLE_CONFIG!;

beforeAll(async () => {
  cluster = await KafkaCluster.start({
    nodes: 1,
    logDirs: 2,
    // Checkpoints every second, so a broken dir is noticed at once.
    config: { 'delete.topic.enable': 'false', 'log.flush.offset.checkpoint.interval.ms': '1000' },
  });
  const config = JSON.parse(readFileSync(originalConfig, 'utf8')) as { clusters: unknown[] };
  config.clusters.push({ id: 'nodelete', name: 'Deletion disabled', bootstrapServers: cluster.brokers });
  configFile = join(cluster.dataDir, 'clusters.json');
  writeFileSync(configFile, JSON.stringify(config));
  process.env.KAFKA_CONSOLE_CONFIG = configFile;
  // The registry reads the cluster list once; start it afresh with the list above.
  await disconnectAll();
  reloadConsoleConfig();
});

afterAll(async () => {
  await disconnectAll();
  process.env.KAFKA_CONSOLE_CONFIG = originalConfig;
  reloadConsoleConfig();
  rmSync(configFile, { force: true });
  await cluster?.stop();
});

describe('DELETE /api/clusters/{cluster}/topics/{topic} when the cluster forbids deletion', () => {
  test('is a 409 that says delete.topic.enable=false, and the topic stays', async () => {
    const name = uniqueName('nodel');
    await cluster.toolOk('kafka-topics', ['--create', '--topic', name, '--partitions', '1', '--replication-factor', '1']);
    const res = await api.delete(`/api/clusters/nodelete/topics/${name}`, { confirm: name });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/forbids deleting topics \(delete\.topic\.enable=false\)/);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|\.js:\d+/);
    const cli = await cluster.toolOk('kafka-topics', ['--list']);
    expect(cli.split('\n')).toContain(name);
  });
});

describe('GET /api/clusters/{cluster}/log-dirs with a failed log dir', () => {
  // Last in this file: the broker keeps running with the dir offline, as JBOD brokers do.
  test('the dir is offline with KAFKA_STORAGE_ERROR, as kafka-log-dirs reports an error for it; the other dir still answers', async () => {
    const name = uniqueName('offline');
    await cluster.toolOk('kafka-topics', ['--create', '--topic', name, '--partitions', '4', '--replication-factor', '1']);
    const before = await api.get<LogDirsReport>(`/api/clusters/nodelete/log-dirs?topic=${name}`);
    expect(before.status).toBe(200);
    const dirs = before.body.brokers[0].dirs;
    expect(dirs).toHaveLength(2);
    expect(dirs.every((d) => !d.offline && d.error === null)).toBe(true);
    // The second dir holds no metadata log; replace it with a file and the next checkpoint fails.
    const broken = dirs.map((d) => d.path).find((p) => p.endsWith('data2')) as string;
    expect(broken).toBeTruthy();
    rmSync(broken, { recursive: true, force: true });
    writeFileSync(broken, 'not a directory');
    const after = await waitFor(
      () => api.get<LogDirsReport>(`/api/clusters/nodelete/log-dirs?topic=${name}`),
      (r) => r.status === 200 && r.body.brokers[0].dirs.some((d) => d.offline),
      30_000,
    );
    const offline = after.body.brokers[0].dirs.find((d) => d.path === broken);
    expect(offline).toMatchObject({ offline: true, error: 'KAFKA_STORAGE_ERROR', replicas: 0, size: 0 });
    const online = after.body.brokers[0].dirs.find((d) => d.path !== broken);
    expect(online).toMatchObject({ offline: false, error: null });
    // Kafka's own tool sees the same: an error on that dir and none on the other.
    const out = await cluster.toolOk('kafka-log-dirs', ['--describe', '--broker-list', '1']);
    const cli = JSON.parse(out.split('\n').find((l) => l.trim().startsWith('{')) as string) as {
      brokers: { logDirs: { logDir: string; error: string | null }[] }[];
    };
    const byDir = new Map(cli.brokers[0].logDirs.map((d) => [d.logDir, d.error]));
    expect(byDir.get(broken)).toMatch(/KafkaStorageException/);
    expect(byDir.get(online?.path as string)).toBeNull();
    // The replicas that lived there are gone from the report: only the healthy dir's remain.
    expect(after.body.partitions?.every((p) => p.dir !== broken)).toBe(true);
  }, 60_000);
});
