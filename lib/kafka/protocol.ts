/**
 * Requests kafkajs's public API lacks or sends unsafely, sent through kafkajs's own
 * protocol layer (its Cluster, Broker and connection pool, Encoder and Decoder).
 *
 * kafkajs 2.2.4 only speaks non-flexible protocol versions. Flexible versions
 * (KIP-482) need request header v2 and response header v1, which each add a tagged-field
 * section; `send()` writes and skips those, so a request here only encodes its body.
 */
import Encoder from 'kafkajs/src/protocol/encoder.js';
import Decoder from 'kafkajs/src/protocol/decoder.js';
import kafkaErrors from 'kafkajs/src/protocol/error.js';

export interface KjsEncoder {
  writeInt8(v: number): KjsEncoder;
  writeInt16(v: number): KjsEncoder;
  writeInt32(v: number): KjsEncoder;
  writeInt64(v: string | number | bigint): KjsEncoder;
  writeBoolean(v: boolean): KjsEncoder;
  writeString(v: string | null): KjsEncoder;
  writeUVarInt(v: number): KjsEncoder;
  writeUVarIntString(v: string | null): KjsEncoder;
  writeBuffer(v: Buffer): KjsEncoder;
  buffer: Buffer;
}

export interface KjsDecoder {
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readBoolean(): boolean;
  readString(): string | null;
  readUVarInt(): number;
  readUVarIntString(): string | null;
  readTaggedFields(): unknown;
  readBytes(length?: number): Buffer;
  canReadBytes(length: number): boolean;
}

export interface KjsBroker {
  nodeId: number;
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { send(req: unknown): Promise<unknown>; host: string; port: number };
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  apiVersions(): Promise<Record<number, { minVersion: number; maxVersion: number }>>;
  metadata(topics?: string[]): Promise<RawMetadata>;
  fetch(args: Record<string, unknown>): Promise<unknown>;
  listOffsets(args: Record<string, unknown>): Promise<unknown>;
}

export interface KjsCluster {
  brokerPool: { seedBroker?: KjsBroker; metadata: RawMetadata | null; brokers: Record<string, KjsBroker> };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  refreshMetadata(): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  metadata(args?: { topics?: string[] }): Promise<RawMetadata>;
  findBroker(args: { nodeId: string | number }): Promise<KjsBroker>;
  findGroupCoordinator(args: { groupId: string }): Promise<KjsBroker>;
  findTopicPartitionMetadata(topic: string): RawPartitionMetadata[];
}

export interface RawPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

export interface RawMetadata {
  clusterId?: string;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  topicMetadata: {
    topicErrorCode: number;
    topic: string;
    isInternal: boolean;
    partitionMetadata: RawPartitionMetadata[];
  }[];
}

/** An error code in a Kafka response; `type` is Kafka's name for it (e.g. NON_EMPTY_GROUP). */
export class KafkaResponseError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    readonly kafkaMessage: string | null,
  ) {
    super(kafkaMessage ? `${type}: ${kafkaMessage}` : type);
    this.name = 'KafkaResponseError';
  }
}

export function errorType(code: number): string {
  return kafkaErrors.errorCodes.find((e) => e.code === code)?.type ?? `KAFKA_ERROR_${code}`;
}

export function checkError(code: number, message: string | null = null): void {
  if (code !== 0) throw new KafkaResponseError(code, errorType(code), message);
}

export interface RawApi<T> {
  apiKey: number;
  apiName: string;
  apiVersion: number;
  /** Flexible versions carry tagged fields in their headers (KIP-482). */
  flexible: boolean;
  encode(e: KjsEncoder): void;
  decode(d: KjsDecoder): T;
}

/** Sends one request to one broker through kafkajs's connection pool and decodes the answer. */
export async function send<T>(broker: KjsBroker, api: RawApi<T>, requestTimeout?: number): Promise<T> {
  if (!broker.isConnected()) await broker.connect();
  const request = {
    apiKey: api.apiKey,
    apiVersion: api.apiVersion,
    apiName: api.apiName,
    encode: async () => {
      const e = new Encoder();
      if (api.flexible) e.writeUVarInt(0); // request header v2: empty tagged fields
      api.encode(e);
      return e;
    },
  };
  const response = {
    decode: async (payload: Buffer) => {
      const d = new Decoder(payload);
      if (api.flexible) d.readTaggedFields(); // response header v1
      return api.decode(d);
    },
    parse: async (value: T) => value,
  };
  return (await broker.connectionPool.send({ request, response, requestTimeout })) as T;
}

/** The highest version both this code and the broker support, or null if none. */
export function pickVersion(broker: KjsBroker, apiKey: number, ours: number[]): number | null {
  const theirs = broker.versions?.[apiKey];
  if (!theirs) return null;
  const usable = ours.filter((v) => v >= theirs.minVersion && v <= theirs.maxVersion);
  return usable.length ? Math.max(...usable) : null;
}

// --- helpers for flexible encodings -------------------------------------------------

export const flex = {
  writeArray<T>(e: KjsEncoder, items: T[], write: (item: T) => void): void {
    e.writeUVarInt(items.length + 1);
    for (const item of items) write(item);
  },
  readArray<T>(d: KjsDecoder, read: () => T): T[] {
    const n = d.readUVarInt();
    const out: T[] = [];
    for (let i = 0; i < n - 1; i++) out.push(read());
    return out;
  },
  readUuid(d: KjsDecoder): string {
    return d.readBytes(16).toString('hex');
  },
};

export function readArray<T>(d: KjsDecoder, read: () => T): T[] {
  const n = d.readInt32();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read());
  return out;
}

export function writeArray<T>(e: KjsEncoder, items: T[], write: (item: T) => void): void {
  e.writeInt32(items.length);
  for (const item of items) write(item);
}

// --- DescribeQuorum (55): the active KRaft controller ---------------------------------

export const API_DESCRIBE_QUORUM = 55;

export interface QuorumInfo {
  leaderId: number;
  leaderEpoch: number;
  highWatermark: string;
  voters: { replicaId: number; logEndOffset: string }[];
  observers: { replicaId: number; logEndOffset: string }[];
}

export function describeQuorum(version: number): RawApi<QuorumInfo> {
  const replica = (d: KjsDecoder) => {
    const replicaId = d.readInt32();
    if (version >= 2) flex.readUuid(d);
    const logEndOffset = d.readInt64().toString();
    if (version >= 1) {
      d.readInt64();
      d.readInt64();
    }
    d.readTaggedFields();
    return { replicaId, logEndOffset };
  };
  return {
    apiKey: API_DESCRIBE_QUORUM,
    apiName: 'DescribeQuorum',
    apiVersion: version,
    flexible: true,
    encode(e) {
      flex.writeArray(e, ['__cluster_metadata'], (t) => {
        e.writeUVarIntString(t);
        flex.writeArray(e, [0], (p) => {
          e.writeInt32(p);
          e.writeUVarInt(0);
        });
        e.writeUVarInt(0);
      });
      e.writeUVarInt(0);
    },
    decode(d) {
      const errorCode = d.readInt16();
      const errorMessage = version >= 2 ? d.readUVarIntString() : null;
      checkError(errorCode, errorMessage);
      const topics = flex.readArray(d, () => {
        d.readUVarIntString();
        const partitions = flex.readArray(d, () => {
          d.readInt32();
          const pErr = d.readInt16();
          const pMsg = version >= 2 ? d.readUVarIntString() : null;
          checkError(pErr, pMsg);
          const leaderId = d.readInt32();
          const leaderEpoch = d.readInt32();
          const highWatermark = d.readInt64().toString();
          const voters = flex.readArray(d, () => replica(d));
          const observers = flex.readArray(d, () => replica(d));
          d.readTaggedFields();
          return { leaderId, leaderEpoch, highWatermark, voters, observers };
        });
        d.readTaggedFields();
        return partitions;
      });
      const info = topics[0]?.[0];
      if (!info) throw new KafkaResponseError(-1, 'UNKNOWN_SERVER_ERROR', 'empty DescribeQuorum response');
      return info;
    },
  };
}

// --- IncrementalAlterConfigs (44): change one config without touching the others -------

export const API_INCREMENTAL_ALTER_CONFIGS = 44;

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

/** IncrementalAlterConfigs v0 (Kafka 2.3+; non-flexible). */
export function incrementalAlterConfigs(resources: AlterConfigResource[], validateOnly: boolean): RawApi<AlterConfigResult[]> {
  return {
    apiKey: API_INCREMENTAL_ALTER_CONFIGS,
    apiName: 'IncrementalAlterConfigs',
    apiVersion: 0,
    flexible: false,
    encode(e) {
      writeArray(e, resources, (r) => {
        e.writeInt8(RESOURCE_TYPES[r.type]);
        e.writeString(r.name);
        writeArray(e, r.configs, (c) => {
          e.writeString(c.name);
          e.writeInt8(CONFIG_OPS[c.op]);
          e.writeString(c.op === 'delete' ? null : (c.value ?? null));
        });
      });
      e.writeBoolean(validateOnly);
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      return readArray(d, () => {
        const errorCode = d.readInt16();
        const errorMessage = d.readString();
        const type = d.readInt8();
        const name = d.readString() ?? '';
        return { type, name, errorCode, errorType: errorCode ? errorType(errorCode) : null, errorMessage };
      });
    },
  };
}

// --- OffsetCommit (8) as an admin: no member, generation -1 -------------------------

export const API_OFFSET_COMMIT = 8;

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

/**
 * OffsetCommit v2..v7 with generation -1 and an empty member id: the way Kafka's own
 * admin client commits offsets. The coordinator accepts it only while the group has no
 * active members, so it never races a running consumer.
 */
export function adminOffsetCommit(version: number, groupId: string, topics: { topic: string; partitions: CommitPartition[] }[]): RawApi<CommitResult[]> {
  return {
    apiKey: API_OFFSET_COMMIT,
    apiName: 'OffsetCommit',
    apiVersion: version,
    flexible: false,
    encode(e) {
      e.writeString(groupId);
      e.writeInt32(-1);
      e.writeString('');
      if (version >= 7) e.writeString(null);
      if (version <= 4) e.writeInt64(-1);
      writeArray(e, topics, (t) => {
        e.writeString(t.topic);
        writeArray(e, t.partitions, (p) => {
          e.writeInt32(p.partition);
          e.writeInt64(p.offset);
          if (version >= 6) e.writeInt32(-1);
          e.writeString(null);
        });
      });
    },
    decode(d) {
      if (version >= 3) d.readInt32();
      return readPartitionResults(d);
    },
  };
}

/** Per topic, per partition error codes: the answer shared by OffsetCommit (v0-v7) and OffsetDelete. */
function readPartitionResults(d: KjsDecoder): CommitResult[] {
  const out: CommitResult[] = [];
  readArray(d, () => {
    const topic = d.readString() ?? '';
    readArray(d, () => {
      const partition = d.readInt32();
      const errorCode = d.readInt16();
      out.push({ topic, partition, errorCode, errorType: errorCode ? errorType(errorCode) : null });
    });
  });
  return out;
}

// --- ListGroups (16) v3..v5: every group a broker coordinates, with state and type --------

export const API_LIST_GROUPS = 16;

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  /** Kafka's state name (v4+), e.g. Stable, Empty; null on older brokers. */
  state: string | null;
  /** "classic", "consumer" (KIP-848), "share", ... (v5+); null on older brokers. */
  type: string | null;
}

/** ListGroups v3..v5 (flexible): one broker's groups, with state (v4+) and type (v5+). */
export function listGroups(version: number): RawApi<ListedGroup[]> {
  return {
    apiKey: API_LIST_GROUPS,
    apiName: 'ListGroups',
    apiVersion: version,
    flexible: true,
    encode(e) {
      if (version >= 4) flex.writeArray(e, [] as string[], (s) => e.writeUVarIntString(s));
      if (version >= 5) flex.writeArray(e, [] as string[], (s) => e.writeUVarIntString(s));
      e.writeUVarInt(0);
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      checkError(d.readInt16());
      const groups = flex.readArray(d, () => {
        const groupId = d.readUVarIntString() ?? '';
        const protocolType = d.readUVarIntString() ?? '';
        const state = version >= 4 ? d.readUVarIntString() : null;
        const type = version >= 5 ? d.readUVarIntString() : null;
        d.readTaggedFields();
        return { groupId, protocolType, state, type };
      });
      d.readTaggedFields();
      return groups;
    },
  };
}

// --- ConsumerGroupDescribe (69): groups of the KIP-848 consumer protocol ----------------

export const API_CONSUMER_GROUP_DESCRIBE = 69;

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

/** ConsumerGroupDescribe v0..v1 (flexible only; Kafka 3.7+). Per-group errors are returned, not thrown. */
export function consumerGroupDescribe(version: number, groupIds: string[]): RawApi<CgdGroup[]> {
  const assignment = (d: KjsDecoder): CgdAssignment[] => {
    const tps = flex.readArray(d, () => {
      const topicId = flex.readUuid(d);
      const topic = d.readUVarIntString() ?? '';
      const partitions = flex.readArray(d, () => d.readInt32());
      d.readTaggedFields();
      return { topicId, topic, partitions };
    });
    d.readTaggedFields();
    return tps;
  };
  return {
    apiKey: API_CONSUMER_GROUP_DESCRIBE,
    apiName: 'ConsumerGroupDescribe',
    apiVersion: version,
    flexible: true,
    encode(e) {
      flex.writeArray(e, groupIds, (g) => e.writeUVarIntString(g));
      e.writeBoolean(false);
      e.writeUVarInt(0);
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      const groups = flex.readArray(d, () => {
        const errorCode = d.readInt16();
        const errorMessage = d.readUVarIntString();
        const groupId = d.readUVarIntString() ?? '';
        const state = d.readUVarIntString() ?? '';
        const groupEpoch = d.readInt32();
        const assignmentEpoch = d.readInt32();
        const assignorName = d.readUVarIntString() ?? '';
        const members = flex.readArray(d, () => {
          const memberId = d.readUVarIntString() ?? '';
          const instanceId = d.readUVarIntString();
          const rackId = d.readUVarIntString();
          const memberEpoch = d.readInt32();
          const clientId = d.readUVarIntString() ?? '';
          const clientHost = d.readUVarIntString() ?? '';
          const subscribedTopicNames = flex.readArray(d, () => d.readUVarIntString() ?? '');
          const subscribedTopicRegex = d.readUVarIntString();
          const current = assignment(d);
          const target = assignment(d);
          if (version >= 1) d.readInt8(); // member_type
          d.readTaggedFields();
          return { memberId, instanceId, rackId, memberEpoch, clientId, clientHost, subscribedTopicNames, subscribedTopicRegex, assignment: current, targetAssignment: target };
        });
        d.readInt32(); // authorized_operations
        d.readTaggedFields();
        return { groupId, errorCode, errorType: errorCode ? errorType(errorCode) : null, errorMessage, state, groupEpoch, assignmentEpoch, assignorName, members };
      });
      d.readTaggedFields();
      return groups;
    },
  };
}

// --- OffsetDelete (47): remove a group's committed offsets for some partitions ---------

export const API_OFFSET_DELETE = 47;

/** OffsetDelete v0 (Kafka 2.4+; non-flexible). A group-level error is thrown; partition errors are returned. */
export function offsetDelete(groupId: string, topics: { topic: string; partitions: number[] }[]): RawApi<CommitResult[]> {
  return {
    apiKey: API_OFFSET_DELETE,
    apiName: 'OffsetDelete',
    apiVersion: 0,
    flexible: false,
    encode(e) {
      e.writeString(groupId);
      writeArray(e, topics, (t) => {
        e.writeString(t.topic);
        writeArray(e, t.partitions, (p) => e.writeInt32(p));
      });
    },
    decode(d) {
      checkError(d.readInt16());
      d.readInt32(); // throttle_time_ms
      return readPartitionResults(d);
    },
  };
}

// --- DescribeConfigs (32) v3: values, sources, synonyms, types and documentation ------

export const API_DESCRIBE_CONFIGS = 32;

/** Kafka's ConfigSource ids (DescribeConfigs v1+). */
export const CONFIG_SOURCES: Record<number, string> = {
  0: 'unknown',
  1: 'topic',
  2: 'broker_dynamic',
  3: 'broker_dynamic_default',
  4: 'broker_static',
  5: 'default',
  6: 'broker_logger',
  7: 'client_metrics',
  8: 'group',
};

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

/** DescribeConfigs v3 (Kafka 2.6+; non-flexible): with synonyms and documentation. */
export function describeConfigsV3(resources: { type: keyof typeof RESOURCE_TYPES; name: string; keys?: string[] | null }[]): RawApi<DescribeConfigsResult[]> {
  return {
    apiKey: API_DESCRIBE_CONFIGS,
    apiName: 'DescribeConfigs',
    apiVersion: 3,
    flexible: false,
    encode(e) {
      writeArray(e, resources, (r) => {
        e.writeInt8(RESOURCE_TYPES[r.type]);
        e.writeString(r.name);
        if (r.keys) writeArray(e, r.keys, (k) => e.writeString(k));
        else e.writeInt32(-1);
      });
      e.writeBoolean(true); // include_synonyms
      e.writeBoolean(true); // include_documentation
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      return readArray(d, () => {
        const errorCode = d.readInt16();
        const errorMessage = d.readString();
        const type = d.readInt8();
        const name = d.readString() ?? '';
        const configs = readArray(d, () => {
          const configName = d.readString() ?? '';
          const value = d.readString();
          const readOnly = d.readBoolean();
          const source = d.readInt8();
          const sensitive = d.readBoolean();
          const synonyms = readArray(d, () => ({ name: d.readString() ?? '', value: d.readString(), source: d.readInt8() }));
          const configType = d.readInt8();
          const documentation = d.readString();
          return { name: configName, value, readOnly, source, sensitive, synonyms, type: configType, documentation };
        });
        return { errorCode, errorType: errorCode ? errorType(errorCode) : null, errorMessage, type, name, configs };
      });
    },
  };
}

// --- CreateTopics (19) v4: Kafka's error_message for each topic -----------------------

export const API_CREATE_TOPICS = 19;

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

/** CreateTopics v4 (Kafka 2.0+; non-flexible), with validate_only. */
export function createTopicsV4(topics: CreateTopicSpec[], timeoutMs: number, validateOnly: boolean): RawApi<TopicResult[]> {
  return {
    apiKey: API_CREATE_TOPICS,
    apiName: 'CreateTopics',
    apiVersion: 4,
    flexible: false,
    encode(e) {
      writeArray(e, topics, (t) => {
        e.writeString(t.name);
        e.writeInt32(t.partitions);
        e.writeInt16(t.replicationFactor);
        e.writeInt32(0); // no manual assignments
        writeArray(e, t.configs, (c) => {
          e.writeString(c.name);
          e.writeString(c.value);
        });
      });
      e.writeInt32(timeoutMs);
      e.writeBoolean(validateOnly);
    },
    decode: decodeTopicResults,
  };
}

/** The answer shared by CreateTopics v2 and CreatePartitions v1: per topic, its error and message. */
function decodeTopicResults(d: KjsDecoder): TopicResult[] {
  d.readInt32(); // throttle_time_ms
  return readArray(d, () => {
    const name = d.readString() ?? '';
    const errorCode = d.readInt16();
    const errorMessage = d.readString();
    return { name, errorCode, errorType: errorCode ? errorType(errorCode) : null, errorMessage };
  });
}

// --- CreatePartitions (37) v1: grow a topic, with validate_only ------------------------

export const API_CREATE_PARTITIONS = 37;

/** CreatePartitions v1 (Kafka 2.0+; non-flexible). */
export function createPartitionsV1(topics: { name: string; count: number }[], timeoutMs: number, validateOnly: boolean): RawApi<TopicResult[]> {
  return {
    apiKey: API_CREATE_PARTITIONS,
    apiName: 'CreatePartitions',
    apiVersion: 1,
    flexible: false,
    encode(e) {
      writeArray(e, topics, (t) => {
        e.writeString(t.name);
        e.writeInt32(t.count);
        e.writeInt32(-1); // assignments: null, Kafka places the new replicas
      });
      e.writeInt32(timeoutMs);
      e.writeBoolean(validateOnly);
    },
    decode: decodeTopicResults,
  };
}

// --- DescribeLogDirs (35) v1: partition sizes on one broker ----------------------------

export const API_DESCRIBE_LOG_DIRS = 35;

/** DescribeLogDirs v1 (non-flexible): bytes on disk of each asked partition on this broker. */
export function describeLogDirsV1(topics: { topic: string; partitions: number[] }[]): RawApi<{ topic: string; partition: number; size: string }[]> {
  return {
    apiKey: API_DESCRIBE_LOG_DIRS,
    apiName: 'DescribeLogDirs',
    apiVersion: 1,
    flexible: false,
    encode(e) {
      writeArray(e, topics, (t) => {
        e.writeString(t.topic);
        writeArray(e, t.partitions, (p) => e.writeInt32(p));
      });
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      const out: { topic: string; partition: number; size: string }[] = [];
      readArray(d, () => {
        d.readInt16(); // error_code of the log dir (an offline dir lists nothing)
        d.readString();
        readArray(d, () => {
          const topic = d.readString() ?? '';
          readArray(d, () => {
            const partition = d.readInt32();
            const size = d.readInt64().toString();
            d.readInt64(); // offset_lag
            const future = d.readBoolean();
            if (!future) out.push({ topic, partition, size });
          });
        });
      });
      return out;
    },
  };
}

// --- DeleteTopics (20) v3 ----------------------------------------------------------------

export const API_DELETE_TOPICS = 20;

/**
 * DeleteTopics v3 (Kafka 2.1+; non-flexible). kafkajs sends v1, to which a cluster with
 * delete.topic.enable=false answers only INVALID_REQUEST; from v3 it says TOPIC_DELETION_DISABLED.
 */
export function deleteTopicsV3(topics: string[], timeoutMs: number): RawApi<TopicResult[]> {
  return {
    apiKey: API_DELETE_TOPICS,
    apiName: 'DeleteTopics',
    apiVersion: 3,
    flexible: false,
    encode(e) {
      writeArray(e, topics, (t) => e.writeString(t));
      e.writeInt32(timeoutMs);
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      return readArray(d, () => {
        const name = d.readString() ?? '';
        const errorCode = d.readInt16();
        return { name, errorCode, errorType: errorCode ? errorType(errorCode) : null, errorMessage: null };
      });
    },
  };
}
