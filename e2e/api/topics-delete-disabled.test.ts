import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, reloadConsoleConfig } from '../support/api';
import { uniqueName } from '../support/kafka';
import { KafkaCluster } from '../../scripts/kafka/cluster';
import { disconnectAll } from '@/lib/kafka/registry';

/**
 * A single-broker cluster started with delete.topic.enable=false, added to the console's
 * cluster list as "nodelete" for this file only.
 */
let cluster: KafkaCluster;
let configFile: string;
const originalConfig = process.env.KAFKA_CONSOLE_CONFIG!;

beforeAll(async () => {
  cluster = await KafkaCluster.start({ nodes: 1, config: { 'delete.topic.enable': 'false' } });
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
