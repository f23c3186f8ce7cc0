/**
 * The generated admin requests that have no caller yet, each sent once to the real 3-broker
 * cluster through the transport, and checked against Kafka's own CLI.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runTool } from '../../scripts/kafka/cluster';
import { testKafka, uniqueName } from '../support/kafka';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import { send } from '@/lib/kafka/protocol/transport';
import { ApiVersionsApi } from '@/lib/kafka/protocol/generated/api-versions';
import { DescribeClientQuotasApi } from '@/lib/kafka/protocol/generated/describe-client-quotas';
import { DescribeClusterApi } from '@/lib/kafka/protocol/generated/describe-cluster';
import { DescribeLogDirsApi } from '@/lib/kafka/protocol/generated/describe-log-dirs';
import { DescribeProducersApi } from '@/lib/kafka/protocol/generated/describe-producers';
import { DescribeUserScramCredentialsApi } from '@/lib/kafka/protocol/generated/describe-user-scram-credentials';
import { ElectLeadersApi } from '@/lib/kafka/protocol/generated/elect-leaders';
import { ListPartitionReassignmentsApi } from '@/lib/kafka/protocol/generated/list-partition-reassignments';
import { ListTransactionsApi } from '@/lib/kafka/protocol/generated/list-transactions';
import { errorType } from '@/lib/kafka/protocol/errors';

const topic = uniqueName('proto');
const user = uniqueName('proto-user');

async function cli(tool: string, args: string[], input?: string): Promise<string> {
  const r = await runTool(tool, args, input);
  if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

const cluster = async () => (await clients('local')).cluster;

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '2']);
  await testKafka.toolOk('kafka-console-producer', ['--topic', topic], 'a\nb\nc\nd\n');
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await testKafka.tool('kafka-configs', ['--alter', '--entity-type', 'users', '--entity-name', user, '--delete-config', 'producer_byte_rate']);
  await testKafka.tool('kafka-configs', ['--alter', '--entity-type', 'users', '--entity-name', user, '--delete-config', 'SCRAM-SHA-256']);
  await disconnectAll();
});

test('DescribeCluster: the cluster id of kafka-cluster cluster-id and the brokers of kafka-broker-api-versions', async () => {
  const res = await send(await cluster(), { anyBroker: true }, DescribeClusterApi, { endpointType: 1 });
  expect(res.errorCode).toBe(0);
  const id = /Cluster ID: (\S+)/.exec(await cli('kafka-cluster', ['cluster-id', '--bootstrap-server', testKafka.bootstrap]))?.[1];
  expect(res.clusterId).toBe(id);
  const versions = await testKafka.toolOk('kafka-broker-api-versions', []);
  const cliBrokers = [...versions.matchAll(/^(\S+):(\d+) \(id: (\d+) rack: /gm)].map((m) => `${m[3]}@${m[1]}:${m[2]}`).sort();
  expect(res.brokers.map((b) => `${b.brokerId}@${b.host}:${b.port}`).sort()).toEqual(cliBrokers);
});

test('DescribeLogDirs on every broker: the partition sizes of kafka-log-dirs --describe', async () => {
  const out = await cli('kafka-log-dirs', ['--describe', '--bootstrap-server', testKafka.bootstrap, '--topic-list', topic]);
  const json = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as {
    brokers: { broker: number; logDirs: { partitions: { partition: string; size: number; isFuture: boolean }[] }[] }[];
  };
  const theirs = json.brokers
    .flatMap((b) => b.logDirs.flatMap((d) => d.partitions.filter((p) => !p.isFuture).map((p) => `${b.broker}:${p.partition}:${p.size}`)))
    .sort();
  const c = await cluster();
  const ours: string[] = [];
  for (const { id } of testKafka.nodes) {
    const res = await send(c, { nodeId: id }, DescribeLogDirsApi, { topics: [{ topic, partitions: [0, 1, 2] }] });
    for (const dir of res.results)
      for (const t of dir.topics) for (const p of t.partitions) if (!p.isFutureKey) ours.push(`${id}:${t.name}-${p.partitionIndex}:${p.partitionSize}`);
  }
  expect(ours.sort()).toEqual(theirs);
  expect(ours).toHaveLength(6); // 3 partitions, 2 replicas each
});

test('ApiVersions (features in tagged fields): the finalized levels of kafka-features describe', async () => {
  const res = await send(await cluster(), { anyBroker: true }, ApiVersionsApi, { clientSoftwareName: 'kafka-console', clientSoftwareVersion: '0' });
  expect(res.errorCode).toBe(0);
  expect(res.finalizedFeaturesEpoch).toBeGreaterThanOrEqual(0n);
  const out = await cli('kafka-features', ['--bootstrap-server', testKafka.bootstrap, 'describe']);
  // metadata.version is printed by name (e.g. 4.1-IV1); the others by level.
  const theirs = [...out.matchAll(/Feature: (\S+)\s+SupportedMinVersion: \S+\s+SupportedMaxVersion: \S+\s+FinalizedVersionLevel: (\d+)\s/g)]
    .map((m) => `${m[1]}=${m[2]}`)
    .sort();
  const ours = res.finalizedFeatures
    .filter((f) => f.name !== 'metadata.version')
    .map((f) => `${f.name}=${f.maxVersionLevel}`)
    .sort();
  expect(theirs.length).toBeGreaterThan(0);
  // ApiVersions leaves out features finalized at level 0 (kraft.version=0 on a static quorum).
  expect(ours).toEqual(theirs.filter((x) => !x.startsWith('metadata.version=') && !x.endsWith('=0')));
});

test('DescribeClientQuotas and DescribeUserScramCredentials: what kafka-configs --alter wrote', async () => {
  // kafka-configs alters quotas and SCRAM credentials of a user in separate calls.
  await testKafka.toolOk('kafka-configs', ['--alter', '--entity-type', 'users', '--entity-name', user, '--add-config', 'producer_byte_rate=1024']);
  await testKafka.toolOk('kafka-configs', [
    '--alter',
    '--entity-type',
    'users',
    '--entity-name',
    user,
    '--add-config',
    'SCRAM-SHA-256=[iterations=8192,password=secret]',
  ]);
  const c = await cluster();
  const quotas = await send(c, { anyBroker: true }, DescribeClientQuotasApi, {
    components: [{ entityType: 'user', matchType: 0, match: user }],
    strict: false,
  });
  expect(quotas.errorCode).toBe(0);
  expect(
    (quotas.entries ?? []).map((e) => ({ entity: e.entity.map((x) => [x.entityType, x.entityName]), values: e.values.map((v) => [v.key, v.value]) })),
  ).toEqual([{ entity: [['user', user]], values: [['producer_byte_rate', 1024]] }]);
  const scram = await send(c, { anyBroker: true }, DescribeUserScramCredentialsApi, { users: [{ name: user }] });
  expect(scram.errorCode).toBe(0);
  expect(scram.results).toEqual([
    expect.objectContaining({ user, errorCode: 0, credentialInfos: [expect.objectContaining({ mechanism: 1, iterations: 8192 })] }),
  ]);
  const described = await testKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user]);
  expect(described).toContain('SCRAM-SHA-256=iterations=8192');
  expect(described).toMatch(/producer_byte_rate=1024/);
});

test('DescribeProducers on the partition leader: the producers of kafka-transactions describe-producers', async () => {
  const c = await cluster();
  const md = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', topic]);
  const leader = Number(/\tPartition: 0\tLeader: (\d+)/.exec(md)![1]);
  const res = await send(c, { nodeId: leader }, DescribeProducersApi, { topics: [{ name: topic, partitionIndexes: [0] }] });
  const p = res.topics[0].partitions[0];
  expect(errorType(p.errorCode)).toBe('NONE');
  const out = await cli('kafka-transactions', ['--bootstrap-server', testKafka.bootstrap, 'describe-producers', '--topic', topic, '--partition', '0']);
  // Columns: ProducerId, ProducerEpoch, LatestCoordinatorEpoch, LastSequence, ...
  const theirs = [...out.matchAll(/^(\d+)\s+(\d+)\s+(-?\d+)\s+(-?\d+)/gm)].map((m) => `${m[1]}/${m[2]}/${m[4]}`).sort();
  expect(p.activeProducers.map((x) => `${x.producerId}/${x.producerEpoch}/${x.lastSequence}`).sort()).toEqual(theirs);
});

test('ListTransactions on every broker, ListPartitionReassignments and ElectLeaders answer as the CLI sees the cluster', async () => {
  const c = await cluster();
  const listed: string[] = [];
  for (const { id } of testKafka.nodes) {
    const res = await send(c, { nodeId: id }, ListTransactionsApi, {});
    expect(res.errorCode).toBe(0);
    listed.push(...res.transactionStates.map((t) => t.transactionalId));
  }
  const out = await cli('kafka-transactions', ['--bootstrap-server', testKafka.bootstrap, 'list']);
  const theirs = out
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
  expect(listed.sort()).toEqual(theirs.sort());

  const reassignments = await send(c, { anyBroker: true }, ListPartitionReassignmentsApi, {
    timeoutMs: 10_000,
    topics: [{ name: topic, partitionIndexes: [0, 1, 2] }],
  });
  expect(reassignments.errorCode).toBe(0);
  expect(reassignments.topics).toEqual([]);

  // Every partition already has its preferred leader: Kafka answers ELECTION_NOT_NEEDED per partition.
  const elected = await send(c, { anyBroker: true }, ElectLeadersApi, {
    electionType: 0,
    topicPartitions: [{ topic, partitions: [0, 1, 2] }],
    timeoutMs: 10_000,
  });
  expect(errorType(elected.errorCode)).toBe('NONE');
  expect(elected.replicaElectionResults.flatMap((r) => r.partitionResult.map((p) => errorType(p.errorCode)))).toEqual([
    'ELECTION_NOT_NEEDED',
    'ELECTION_NOT_NEEDED',
    'ELECTION_NOT_NEEDED',
  ]);
});
