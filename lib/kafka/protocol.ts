/**
 * The requests the console sends itself (kafkajs's public API lacks them or sends them
 * unsafely), in the console's own terms. Each goes through the generated codecs
 * (protocol/generated/) and the one transport (protocol/transport.ts), which picks the
 * highest version both sides speak.
 */
import type { Input } from './protocol/codec';
import { checkError, errorTypeOrNull, KafkaResponseError } from './protocol/errors';
import { ConsumerGroupDescribeApi, type ConsumerGroupDescribeResponse } from './protocol/generated/consumer-group-describe';
import { CreatePartitionsApi } from './protocol/generated/create-partitions';
import { CreateTopicsApi } from './protocol/generated/create-topics';
import { DeleteTopicsApi } from './protocol/generated/delete-topics';
import { DescribeConfigsApi } from './protocol/generated/describe-configs';
import { DescribeLogDirsApi } from './protocol/generated/describe-log-dirs';
import { DescribeQuorumApi } from './protocol/generated/describe-quorum';
import { IncrementalAlterConfigsApi } from './protocol/generated/incremental-alter-configs';
import { ListGroupsApi } from './protocol/generated/list-groups';
import { OffsetCommitApi, type OffsetCommitRequestTopic } from './protocol/generated/offset-commit';
import { OffsetDeleteApi } from './protocol/generated/offset-delete';
import { OffsetFetchApi } from './protocol/generated/offset-fetch';
import type { KjsBroker, KjsCluster } from './protocol/kafkajs';
import { pickVersion, send, supports, type Target } from './protocol/transport';

export { checkError, errorType, KafkaResponseError } from './protocol/errors';
export type { KjsBroker, KjsCluster, RawMetadata, RawPartitionMetadata } from './protocol/kafkajs';
export { countingRequests, findCoordinator, send, supports, type Target } from './protocol/transport';

// --- DescribeQuorum: the active KRaft controller ---------------------------------------

export interface QuorumReplica {
  replicaId: number;
  /** Base64url, as Kafka prints Uuids; all zeros when the quorum does not track directories. */
  directoryId: string;
  logEndOffset: string;
  /** Leader wall-clock times in ms; -1 when unknown. */
  lastFetchTimestamp: string;
  lastCaughtUpTimestamp: string;
}

export interface QuorumInfo {
  leaderId: number;
  leaderEpoch: number;
  highWatermark: string;
  voters: QuorumReplica[];
  observers: QuorumReplica[];
  /** Voters' controller listeners (DescribeQuorum v2+). */
  nodes: { id: number; endpoints: string[] }[];
}

/** Whether a broker answers DescribeQuorum (KRaft; ZooKeeper-era brokers do not). */
export const supportsDescribeQuorum = (broker: KjsBroker) => supports(broker, DescribeQuorumApi);

export async function describeQuorum(cluster: KjsCluster, to: Target, requestTimeoutMs?: number): Promise<QuorumInfo> {
  const res = await send(
    cluster,
    to,
    DescribeQuorumApi,
    { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] },
    { requestTimeoutMs },
  );
  checkError(res.errorCode, res.errorMessage);
  const p = res.topics[0]?.partitions[0];
  if (!p) throw new KafkaResponseError(-1, 'UNKNOWN_SERVER_ERROR', 'empty DescribeQuorum response');
  checkError(p.errorCode, p.errorMessage);
  const replica = (r: (typeof p.currentVoters)[number]): QuorumReplica => ({
    replicaId: r.replicaId,
    directoryId: r.replicaDirectoryId,
    logEndOffset: String(r.logEndOffset),
    lastFetchTimestamp: String(r.lastFetchTimestamp),
    lastCaughtUpTimestamp: String(r.lastCaughtUpTimestamp),
  });
  return {
    leaderId: p.leaderId,
    leaderEpoch: p.leaderEpoch,
    highWatermark: String(p.highWatermark),
    voters: p.currentVoters.map(replica),
    observers: p.observers.map(replica),
    nodes: res.nodes.map((n) => ({ id: n.nodeId, endpoints: n.listeners.map((l) => `${l.name}://${l.host}:${l.port}`) })),
  };
}

// --- IncrementalAlterConfigs: change one config without touching the others --------------

export type ConfigOp = 'set' | 'delete' | 'append' | 'subtract';
const CONFIG_OPS: Record<ConfigOp, number> = { set: 0, delete: 1, append: 2, subtract: 3 };
export const RESOURCE_TYPES = { topic: 2, broker: 4, brokerLogger: 8, group: 32 } as const;

export interface AlterConfigResource {
  type: keyof typeof RESOURCE_TYPES;
  name: string;
  configs: { name: string; op: ConfigOp; value?: string | null }[];
}

export interface AlterConfigResult {
  type: number;
  name: string;
  errorCode: number;
  errorType: string | null;
  errorMessage: string | null;
}

export async function incrementalAlterConfigs(
  cluster: KjsCluster,
  to: Target,
  resources: AlterConfigResource[],
  validateOnly: boolean,
): Promise<AlterConfigResult[]> {
  const res = await send(cluster, to, IncrementalAlterConfigsApi, {
    resources: resources.map((r) => ({
      resourceType: RESOURCE_TYPES[r.type],
      resourceName: r.name,
      configs: r.configs.map((c) => ({ name: c.name, configOperation: CONFIG_OPS[c.op], value: c.op === 'delete' ? null : (c.value ?? null) })),
    })),
    validateOnly,
  });
  return res.responses.map((r) => ({
    type: r.resourceType,
    name: r.resourceName,
    errorCode: r.errorCode,
    errorType: errorTypeOrNull(r.errorCode),
    errorMessage: r.errorMessage,
  }));
}

// --- OffsetCommit as an admin, OffsetDelete --------------------------------------------------

export interface CommitPartition {
  partition: number;
  offset: string;
}

export interface CommitResult {
  topic: string;
  partition: number;
  errorCode: number;
  errorType: string | null;
}

function partitionResults(topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]): CommitResult[] {
  return topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, errorCode: p.errorCode, errorType: errorTypeOrNull(p.errorCode) })),
  );
}

/** Per partition error codes are the group's; retriable coordinator errors are retried by the transport. */
const firstPartitionError = (res: { topics: { partitions: { errorCode: number }[] }[] }) =>
  res.topics.flatMap((t) => t.partitions).find((p) => p.errorCode)?.errorCode ?? 0;

/**
 * OffsetCommit with generation -1 and an empty member id: the way Kafka's own admin client
 * commits offsets. The coordinator accepts it only while the group has no active members, so
 * it never races a running consumer. (v10 names topics by id; the console names them.)
 */
export async function adminOffsetCommit(
  cluster: KjsCluster,
  groupId: string,
  topics: { topic: string; partitions: CommitPartition[] }[],
): Promise<CommitResult[]> {
  const request = {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    topics: topics.map(
      (t): Input<OffsetCommitRequestTopic> => ({
        name: t.topic,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partition,
          committedOffset: BigInt(p.offset),
          committedLeaderEpoch: -1,
          committedMetadata: null,
        })),
      }),
    ),
  };
  const res = await send(cluster, { coordinator: groupId }, OffsetCommitApi, request, { maxVersion: 9, errorCode: firstPartitionError });
  return partitionResults(res.topics);
}

/** OffsetDelete: a group-level error is thrown; partition errors are returned. */
export async function offsetDelete(cluster: KjsCluster, groupId: string, topics: { topic: string; partitions: number[] }[]): Promise<CommitResult[]> {
  const request = { groupId, topics: topics.map((t) => ({ name: t.topic, partitions: t.partitions.map((p) => ({ partitionIndex: p })) })) };
  const res = await send(cluster, { coordinator: groupId }, OffsetDeleteApi, request);
  checkError(res.errorCode);
  return partitionResults(res.topics);
}

// --- ListGroups: every group a broker coordinates, with state and type --------------------

// --- OffsetFetch: committed offsets of many groups at their coordinator ---------------------

export interface FetchedGroupOffsets {
  error: string | null;
  /** Partitions with a committed offset (>= 0). */
  offsets: { topic: string; partition: number; offset: number }[];
}

/**
 * Committed offsets of every partition of the given groups, which `broker` coordinates:
 * v8+ asks for many groups in one request (chunked), older brokers one request per group.
 * v10 answers with topic ids instead of names, so the console stays at v9.
 */
export async function offsetFetchGroups(broker: KjsBroker, cluster: KjsCluster, groupIds: string[], chunk = 500): Promise<Map<string, FetchedGroupOffsets>> {
  const out = new Map<string, FetchedGroupOffsets>();
  const version = pickVersion(broker, OffsetFetchApi, { minVersion: 2, maxVersion: 9 });
  const batched = version !== null && version >= 8;
  const chunks: string[][] = [];
  for (let i = 0; i < groupIds.length; i += batched ? chunk : 1) chunks.push(groupIds.slice(i, i + (batched ? chunk : 1)));
  for (const ids of chunks) {
    if (batched) {
      const res = await send(
        cluster,
        { broker },
        OffsetFetchApi,
        { groups: ids.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: null })) },
        { maxVersion: 9 },
      );
      for (const g of res.groups) {
        out.set(g.groupId, {
          error: g.errorCode ? errorTypeOrNull(g.errorCode) : null,
          offsets: g.topics.flatMap((t) =>
            t.partitions
              .filter((p) => !p.errorCode && p.committedOffset >= 0n)
              .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) })),
          ),
        });
      }
    } else {
      const res = await send(cluster, { broker }, OffsetFetchApi, { groupId: ids[0], topics: null }, { maxVersion: 7 });
      out.set(ids[0], {
        error: res.errorCode ? errorTypeOrNull(res.errorCode) : null,
        offsets: res.topics.flatMap((t) =>
          t.partitions
            .filter((p) => !p.errorCode && p.committedOffset >= 0n)
            .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) })),
        ),
      });
    }
  }
  return out;
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  /** Kafka's state name (v4+), e.g. Stable, Empty; null on older brokers. */
  state: string | null;
  /** "classic", "consumer" (KIP-848), "share", ... (v5+); null on older brokers. */
  type: string | null;
}

export async function listGroups(cluster: KjsCluster, to: Target): Promise<ListedGroup[]> {
  let version = 0;
  const res = await send(cluster, to, ListGroupsApi, {}, { answeredBy: (_, v) => (version = v) });
  checkError(res.errorCode);
  return res.groups.map((g) => ({
    groupId: g.groupId,
    protocolType: g.protocolType,
    state: version >= 4 ? g.groupState : null,
    type: version >= 5 ? g.groupType : null,
  }));
}

// --- ConsumerGroupDescribe: groups of the KIP-848 consumer protocol ------------------------

export interface CgdAssignment {
  topicId: string;
  topic: string;
  partitions: number[];
}

export interface CgdMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: CgdAssignment[];
  targetAssignment: CgdAssignment[];
}

export interface CgdGroup {
  groupId: string;
  errorCode: number;
  errorType: string | null;
  errorMessage: string | null;
  state: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: CgdMember[];
}

export const supportsConsumerGroupDescribe = (broker: KjsBroker) => supports(broker, ConsumerGroupDescribeApi);

type CgdAssignmentData = ConsumerGroupDescribeResponse['groups'][number]['members'][number]['assignment'];
const assignment = (a: CgdAssignmentData): CgdAssignment[] =>
  a.topicPartitions.map((tp) => ({ topicId: tp.topicId, topic: tp.topicName, partitions: tp.partitions }));

/** Per-group errors are returned, not thrown. */
export async function consumerGroupDescribe(cluster: KjsCluster, to: Target, groupIds: string[]): Promise<CgdGroup[]> {
  const res = await send(cluster, to, ConsumerGroupDescribeApi, { groupIds, includeAuthorizedOperations: false });
  return res.groups.map((g) => ({
    groupId: g.groupId,
    errorCode: g.errorCode,
    errorType: errorTypeOrNull(g.errorCode),
    errorMessage: g.errorMessage,
    state: g.groupState,
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    assignorName: g.assignorName,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames,
      subscribedTopicRegex: m.subscribedTopicRegex,
      assignment: assignment(m.assignment),
      targetAssignment: assignment(m.targetAssignment),
    })),
  }));
}

// --- DescribeConfigs: values, sources, synonyms, types and documentation ------------------

/** Kafka's ConfigSource ids (DescribeConfigs v1+) index the API's source names. */
export { CONFIG_SOURCES } from '@/lib/schemas/configs';

/** Kafka's ConfigType ids (DescribeConfigs v3+). */
export const CONFIG_TYPES: Record<number, string> = {
  0: 'unknown',
  1: 'boolean',
  2: 'string',
  3: 'int',
  4: 'short',
  5: 'long',
  6: 'double',
  7: 'list',
  8: 'class',
  9: 'password',
};

export interface RawConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  source: number;
  sensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
  type: number;
  documentation: string | null;
}

export interface DescribeConfigsResult {
  errorCode: number;
  errorType: string | null;
  errorMessage: string | null;
  type: number;
  name: string;
  configs: RawConfigEntry[];
}

/** DescribeConfigs v3+ (Kafka 2.6+): with synonyms and documentation. */
export async function describeConfigs(
  cluster: KjsCluster,
  to: Target,
  resources: { type: keyof typeof RESOURCE_TYPES; name: string; keys?: string[] | null }[],
): Promise<DescribeConfigsResult[]> {
  const request = {
    resources: resources.map((r) => ({ resourceType: RESOURCE_TYPES[r.type], resourceName: r.name, configurationKeys: r.keys ?? null })),
    includeSynonyms: true,
    includeDocumentation: true,
  };
  const res = await send(cluster, to, DescribeConfigsApi, request, { minVersion: 3 });
  return res.results.map((r) => ({
    errorCode: r.errorCode,
    errorType: errorTypeOrNull(r.errorCode),
    errorMessage: r.errorMessage,
    type: r.resourceType,
    name: r.resourceName,
    configs: r.configs.map((c) => ({
      name: c.name,
      value: c.value,
      readOnly: c.readOnly,
      source: c.configSource,
      sensitive: c.isSensitive,
      synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: s.source })),
      type: c.configType,
      documentation: c.documentation,
    })),
  }));
}

// --- CreateTopics, CreatePartitions, DeleteTopics ------------------------------------------

export interface CreateTopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: { name: string; value: string }[];
}

export interface TopicResult {
  name: string;
  errorCode: number;
  errorType: string | null;
  errorMessage: string | null;
}

const topicResult = (r: { name: string; errorCode: number; errorMessage: string | null }): TopicResult => ({
  name: r.name,
  errorCode: r.errorCode,
  errorType: errorTypeOrNull(r.errorCode),
  errorMessage: r.errorMessage,
});

/** CreateTopics with validate_only and Kafka's error_message for each topic. */
export async function createTopics(
  cluster: KjsCluster,
  to: Target,
  topics: CreateTopicSpec[],
  timeoutMs: number,
  validateOnly: boolean,
): Promise<TopicResult[]> {
  const request = {
    topics: topics.map((t) => ({ name: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor, assignments: [], configs: t.configs })),
    timeoutMs,
    validateOnly,
  };
  const res = await send(cluster, to, CreateTopicsApi, request);
  return res.topics.map(topicResult);
}

/** CreatePartitions with validate_only; Kafka places the new replicas. */
export async function createPartitions(
  cluster: KjsCluster,
  to: Target,
  topics: { name: string; count: number }[],
  timeoutMs: number,
  validateOnly: boolean,
): Promise<TopicResult[]> {
  const request = { topics: topics.map((t) => ({ name: t.name, count: t.count, assignments: null })), timeoutMs, validateOnly };
  const res = await send(cluster, to, CreatePartitionsApi, request);
  return res.results.map(topicResult);
}

/**
 * DeleteTopics v3+ (Kafka 2.1+). kafkajs sends v1, to which a cluster with
 * delete.topic.enable=false answers only INVALID_REQUEST; from v3 it says TOPIC_DELETION_DISABLED.
 */
export const supportsDeleteTopics = (broker: KjsBroker) => supports(broker, DeleteTopicsApi, { minVersion: 3 });

export async function deleteTopics(cluster: KjsCluster, to: Target, topics: string[], timeoutMs: number): Promise<TopicResult[]> {
  const res = await send(
    cluster,
    to,
    DeleteTopicsApi,
    (v) => (v >= 6 ? { topics: topics.map((name) => ({ name })), timeoutMs } : { topicNames: topics, timeoutMs }),
    { minVersion: 3 },
  );
  return res.responses.map((r) => topicResult({ name: r.name ?? '', errorCode: r.errorCode, errorMessage: r.errorMessage }));
}

// --- DescribeLogDirs: partition sizes on one broker ------------------------------------------

/** Bytes on disk of each asked partition on the broker (future replicas left out; an offline dir lists nothing). */
export async function describeLogDirs(
  cluster: KjsCluster,
  to: Target,
  topics: { topic: string; partitions: number[] }[],
  requestTimeoutMs?: number,
): Promise<{ topic: string; partition: number; size: string }[]> {
  const res = await send(cluster, to, DescribeLogDirsApi, { topics: topics.map((t) => ({ topic: t.topic, partitions: t.partitions })) }, { requestTimeoutMs });
  return res.results.flatMap((dir) =>
    dir.topics.flatMap((t) =>
      t.partitions.filter((p) => !p.isFutureKey).map((p) => ({ topic: t.name, partition: p.partitionIndex, size: String(p.partitionSize) })),
    ),
  );
}
