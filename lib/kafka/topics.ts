import 'server-only';
import { ApiError } from '@/lib/errors';
import {
  collidingTopics,
  type AddPartitionsOutcome,
  type CreateTopicOutcome,
  type CreateTopicRequest,
  type DeletedTopic,
  type ListTopicsOptions,
  type TopicList,
  type TopicSummary,
} from '@/lib/schemas/topics';
import { compileUserRegex } from '@/lib/regex';
import { clients, type ClusterClients } from './registry';
import { listOffsets, tpKey, type PartitionKey } from './offsets';
import { clusterMetadata, waitForTopicOnEveryBroker } from './metadata';
import { describeConfigs } from './configs';
import {
  createPartitions,
  createTopics,
  deleteTopics,
  describeLogDirs,
  KafkaResponseError,
  supportsDeleteTopics,
  type KjsBroker,
  type RawMetadata,
  type TopicResult,
} from './protocol';

type TopicMetadata = RawMetadata['topicMetadata'][number];

function summary(t: TopicMetadata): TopicSummary {
  let underReplicated = 0;
  let offline = 0;
  let rf = 0;
  for (const p of t.partitionMetadata) {
    if (p.isr.length < p.replicas.length) underReplicated++;
    if (p.leader < 0) offline++;
    rf = Math.max(rf, p.replicas.length);
  }
  return {
    name: t.topic,
    internal: t.isInternal,
    partitions: t.partitionMetadata.length,
    replicationFactor: rf,
    underReplicated,
    offline,
    messages: null,
    size: null,
  };
}

/** All topics' metadata in one request. */
async function allMetadata(c: ClusterClients): Promise<RawMetadata> {
  return clusterMetadata(c);
}

async function messageCounts(c: ClusterClients, metadata: RawMetadata, topics: TopicSummary[]): Promise<void> {
  const wanted = new Set(topics.map((t) => t.name));
  const sub: RawMetadata = { ...metadata, topicMetadata: metadata.topicMetadata.filter((t) => wanted.has(t.topic)) };
  const tps = sub.topicMetadata.flatMap((t) => t.partitionMetadata.map((p) => ({ topic: t.topic, partition: p.partitionId })));
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata: sub }), listOffsets(c, tps, 'latest', { metadata: sub })]);
  for (const t of topics) {
    let sum = 0;
    let known = true;
    for (const p of sub.topicMetadata.find((x) => x.topic === t.name)?.partitionMetadata ?? []) {
      const k: PartitionKey = tpKey(t.name, p.partitionId);
      const s = earliest.get(k)?.offset;
      const e = latest.get(k)?.offset;
      if (s == null || e == null) known = false;
      else sum += Number(e) - Number(s);
    }
    t.messages = known ? sum : null;
  }
}

async function sizes(c: ClusterClients, metadata: RawMetadata, topics: TopicSummary[]): Promise<void> {
  const wanted = new Set(topics.map((t) => t.name));
  const byBroker = new Map<number, Map<string, number[]>>();
  for (const t of metadata.topicMetadata) {
    if (!wanted.has(t.topic)) continue;
    for (const p of t.partitionMetadata) {
      for (const r of p.replicas) {
        const m = byBroker.get(r) ?? new Map<string, number[]>();
        m.set(t.topic, [...(m.get(t.topic) ?? []), p.partitionId]);
        byBroker.set(r, m);
      }
    }
  }
  const totals = new Map<string, number>();
  const failed = new Set<string>();
  const live = new Set(metadata.brokers.map((b) => b.nodeId));
  await Promise.all(
    [...byBroker].map(async ([id, m]) => {
      try {
        if (!live.has(id)) throw new Error('broker down');
        const broker = await c.cluster.findBroker({ nodeId: String(id) });
        const res = await describeLogDirs(
          c.cluster,
          { broker },
          [...m].map(([topic, partitions]) => ({ topic, partitions })),
          5_000,
        );
        for (const r of res) totals.set(r.topic, (totals.get(r.topic) ?? 0) + Number(r.size));
      } catch {
        for (const topic of m.keys()) failed.add(topic);
      }
    }),
  );
  for (const t of topics) t.size = failed.has(t.name) ? null : (totals.get(t.name) ?? 0);
}

/** The topic search: a case-insensitive substring, or a regular expression (RE2: linear time). */
export function nameFilter(search: string | undefined, regex: boolean | undefined): (name: string) => boolean {
  if (!search) return () => true;
  if (regex) {
    const compiled = compileUserRegex(search, true);
    if ('problem' in compiled) throw new ApiError('bad_request', `Search pattern rejected: ${compiled.problem} (RE2 syntax)`, { field: 'search' });
    return (n) => compiled.regex.test(n);
  }
  const s = search.toLowerCase();
  return (n) => n.toLowerCase().includes(s);
}

/**
 * The topics list: one Metadata request for every topic, then offsets (and sizes) only
 * for the page shown, unless the sort needs them for every matching topic.
 */
export async function listTopics(clusterId: string, o: ListTopicsOptions): Promise<TopicList> {
  const started = Date.now();
  const c = await clients(clusterId);
  const metadata = await allMetadata(c);
  const match = nameFilter(o.search, o.regex);
  let rows = metadata.topicMetadata.filter((t) => (o.internal || !t.isInternal) && match(t.topic)).map(summary);
  const needAll = o.sort === 'messages' || o.sort === 'size';
  if (needAll) await Promise.all([messageCounts(c, metadata, rows), sizes(c, metadata, rows)]);
  const dir = o.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    if (o.sort === 'name') return dir * a.name.localeCompare(b.name);
    const x = a[o.sort] ?? -1;
    const y = b[o.sort] ?? -1;
    return dir * (x - y) || a.name.localeCompare(b.name);
  });
  const total = rows.length;
  rows = rows.slice((o.page - 1) * o.pageSize, o.page * o.pageSize);
  if (!needAll) await Promise.all([messageCounts(c, metadata, rows), sizes(c, metadata, rows)]);
  return { topics: rows, total, clusterTotal: metadata.topicMetadata.length, page: o.page, pageSize: o.pageSize, elapsedMs: Date.now() - started };
}

export interface PartitionDetail {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  start: string | null;
  end: string | null;
  messages: number | null;
  underReplicated: boolean;
  leaderless: boolean;
}

export interface TopicDetail {
  name: string;
  internal: boolean;
  replicationFactor: number;
  partitions: PartitionDetail[];
  /** Per broker: how many of this topic's partitions it leads and holds (skew). */
  brokers: { id: number; leaders: number; replicas: number; live: boolean }[];
  underReplicated: number;
  offline: number;
  messages: number | null;
}

async function topicMetadata(c: ClusterClients, topic: string): Promise<{ metadata: RawMetadata; topic: TopicMetadata }> {
  const metadata = await allMetadata(c);
  const t = metadata.topicMetadata.find((x) => x.topic === topic);
  if (!t) throw new ApiError('not_found', `Topic ${topic} does not exist`);
  return { metadata, topic: t };
}

export async function describeTopic(clusterId: string, topic: string): Promise<TopicDetail> {
  const c = await clients(clusterId);
  const { metadata, topic: t } = await topicMetadata(c, topic);
  const sub: RawMetadata = { ...metadata, topicMetadata: [t] };
  const tps = t.partitionMetadata.map((p) => ({ topic, partition: p.partitionId }));
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata: sub }), listOffsets(c, tps, 'latest', { metadata: sub })]);
  const live = new Set(metadata.brokers.map((b) => b.nodeId));
  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  for (const b of live) {
    leaders.set(b, 0);
    replicas.set(b, 0);
  }
  let total: number | null = 0;
  const partitions = [...t.partitionMetadata]
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((p) => {
      const k = tpKey(topic, p.partitionId);
      const start = earliest.get(k)?.offset ?? null;
      const end = latest.get(k)?.offset ?? null;
      const messages = start !== null && end !== null ? Number(end) - Number(start) : null;
      total = total === null || messages === null ? null : total + messages;
      if (p.leader >= 0) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
      return {
        partition: p.partitionId,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas ?? [],
        start,
        end,
        messages,
        underReplicated: p.isr.length < p.replicas.length,
        leaderless: p.leader < 0,
      };
    });
  return {
    name: topic,
    internal: t.isInternal,
    replicationFactor: Math.max(0, ...t.partitionMetadata.map((p) => p.replicas.length)),
    partitions,
    brokers: [...replicas.keys()]
      .sort((a, b) => a - b)
      .map((id) => ({ id, leaders: leaders.get(id) ?? 0, replicas: replicas.get(id) ?? 0, live: live.has(id) })),
    underReplicated: partitions.filter((p) => p.underReplicated).length,
    offline: partitions.filter((p) => p.leaderless).length,
    messages: total,
  };
}

/** Admin requests go to the controller (ZooKeeper clusters need it; KRaft brokers forward). */
async function controllerBroker(c: ClusterClients, metadata: RawMetadata): Promise<KjsBroker> {
  const id = metadata.controllerId ?? -1;
  if (id >= 0 && metadata.brokers.some((b) => b.nodeId === id)) return c.cluster.findBroker({ nodeId: String(id) });
  const first = metadata.brokers[0];
  if (!first) throw new ApiError('unavailable', 'No broker is available');
  return c.cluster.findBroker({ nodeId: String(first.nodeId) });
}

const CREATE_FIELD: Record<string, string> = {
  TOPIC_ALREADY_EXISTS: 'name',
  INVALID_TOPIC_EXCEPTION: 'name',
  INVALID_PARTITIONS: 'partitions',
  INVALID_REPLICATION_FACTOR: 'replicationFactor',
  INVALID_CONFIG: 'configs',
  POLICY_VIOLATION: 'configs',
};

function topicError(r: TopicResult | undefined, action: string): ApiError | null {
  if (!r?.errorCode) return null;
  const type = r.errorType ?? 'UNKNOWN';
  const field = CREATE_FIELD[type];
  const message = `Kafka refused to ${action}: ${r.errorMessage ?? type}`;
  if (type === 'TOPIC_ALREADY_EXISTS') return new ApiError('conflict', `Topic ${r.name} already exists`, { field, details: { kafkaError: type } });
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return new ApiError('not_found', `Topic ${r.name} does not exist`, { details: { kafkaError: type } });
  if (type === 'TOPIC_DELETION_DISABLED')
    return new ApiError('conflict', `This cluster forbids deleting topics (delete.topic.enable=false): ${r.name} was not deleted`, {
      details: { kafkaError: type },
    });
  if (field || type === 'INVALID_REQUEST') return new ApiError('unprocessable', message, { field, details: { kafkaError: type } });
  throw new KafkaResponseError(r.errorCode, type, r.errorMessage);
}

async function waitForMetadata(c: ClusterClients, ok: (m: RawMetadata) => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (ok(await allMetadata(c))) return;
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function createTopic(clusterId: string, req: CreateTopicRequest): Promise<CreateTopicOutcome> {
  const c = await clients(clusterId);
  const metadata = await allMetadata(c);
  const names = metadata.topicMetadata.map((t) => t.topic);
  if (names.includes(req.name)) throw new ApiError('conflict', `Topic ${req.name} already exists`, { field: 'name' });
  const collides = collidingTopics(req.name, names);
  if (collides.length) {
    throw new ApiError('conflict', `Topic ${req.name} collides with existing topic ${collides.join(', ')}: Kafka treats "." and "_" alike in metric names`, {
      field: 'name',
    });
  }
  const brokers = metadata.brokers.length;
  if (req.replicationFactor > brokers) {
    throw new ApiError('unprocessable', `Replication factor ${req.replicationFactor} is above the number of available brokers (${brokers})`, {
      field: 'replicationFactor',
    });
  }
  const spec = {
    name: req.name,
    partitions: req.partitions,
    replicationFactor: req.replicationFactor,
    configs: Object.entries(req.configs).map(([name, value]) => ({ name, value })),
  };
  const broker = await controllerBroker(c, metadata);
  const [check] = await createTopics(c.cluster, { broker }, [spec], 10_000, true);
  const bad = topicError(check, `create topic ${req.name}`);
  if (bad?.extra.field === 'configs') {
    // Point at the config Kafka names, so the form can show the error on that row.
    const key = Object.keys(req.configs).find((k) => check?.errorMessage?.includes(k));
    if (key) throw new ApiError(bad.code, bad.message, { ...bad.extra, field: `configs.${key}` });
  }
  if (bad) throw bad;
  const outcome = {
    name: req.name,
    partitions: req.partitions,
    replicationFactor: req.replicationFactor,
    configs: req.configs,
    validateOnly: req.validateOnly,
  };
  if (req.validateOnly) return { ...outcome, created: false };
  const [done] = await createTopics(c.cluster, { broker }, [spec], 10_000, false);
  const failed = topicError(done, `create topic ${req.name}`);
  if (failed) throw failed;
  // Answer once every broker knows the topic, so the CLI or a producer pointed at any of them finds it.
  await waitForTopicOnEveryBroker(
    c.cluster,
    metadata.brokers.map((b) => b.nodeId),
    req.name,
    req.partitions,
  );
  return { ...outcome, created: true };
}

export async function deleteTopic(clusterId: string, topic: string): Promise<DeletedTopic> {
  const c = await clients(clusterId);
  const { metadata, topic: t } = await topicMetadata(c, topic);
  const overrides = await describeConfigs(c, 'topic', topic).then(
    (r) => Object.fromEntries(r.configs.filter((x) => x.isOverride).map((x) => [x.name, x.value])),
    () => null,
  );
  const before = { partitions: t.partitionMetadata.length, replicationFactor: t.partitionMetadata[0]?.replicas.length ?? 0, configs: overrides };
  const broker = await controllerBroker(c, metadata);
  if (!supportsDeleteTopics(broker)) await c.admin.deleteTopics({ topics: [topic], timeout: 10_000 });
  else {
    const [r] = await deleteTopics(c.cluster, { broker }, [topic], 10_000);
    const failed = topicError(r, `delete topic ${topic}`);
    if (failed) throw failed;
  }
  await waitForMetadata(c, (m) => !m.topicMetadata.some((x) => x.topic === topic));
  return { name: topic, deleted: true, before };
}

const UNKNOWN_SERVER_ERROR = -1;
/** KRaft's QuorumController.MAX_RECORDS_PER_USER_OP: one record per new partition. */
const MAX_PARTITIONS_PER_REQUEST = 10_000;

export async function addPartitions(clusterId: string, topic: string, count: number, validateOnly: boolean): Promise<AddPartitionsOutcome> {
  const c = await clients(clusterId);
  const { metadata, topic: t } = await topicMetadata(c, topic);
  const from = t.partitionMetadata.length;
  if (count < from) {
    throw new ApiError(
      'unprocessable',
      `Topic ${topic} has ${from} partitions; Kafka can only add partitions, never remove them (records live in them). Create a new topic to have fewer.`,
      {
        field: 'count',
      },
    );
  }
  if (count === from) throw new ApiError('unprocessable', `Topic ${topic} already has ${from} partitions; enter a larger number`, { field: 'count' });
  const broker = await controllerBroker(c, metadata);
  const [check] = await createPartitions(c.cluster, { broker }, [{ name: topic, count }], 10_000, true);
  if (check?.errorCode === UNKNOWN_SERVER_ERROR && count - from > MAX_PARTITIONS_PER_REQUEST) {
    // KRaft's controller refuses an operation of more than 10000 records and says only "unknown server error".
    throw new ApiError(
      'unprocessable',
      `Kafka adds at most ${MAX_PARTITIONS_PER_REQUEST} partitions in one request; ${topic} has ${from}, so add them in steps of up to ${MAX_PARTITIONS_PER_REQUEST}`,
      {
        field: 'count',
        details: { kafkaError: check.errorType },
      },
    );
  }
  const bad = topicError(check, `add partitions to ${topic}`);
  if (bad) throw bad.extra.field ? bad : new ApiError(bad.code, bad.message, { ...bad.extra, field: 'count' });
  const warning =
    'Records with a key are assigned to a partition by hashing the key over the partition count: after this change, keys map to other partitions and their order is no longer kept across the change.';
  if (!validateOnly) {
    const [done] = await createPartitions(c.cluster, { broker }, [{ name: topic, count }], 10_000, false);
    const failed = topicError(done, `add partitions to ${topic}`);
    if (failed) throw failed;
    await waitForMetadata(c, (m) => (m.topicMetadata.find((x) => x.topic === topic)?.partitionMetadata.length ?? 0) >= count);
  }
  return { name: topic, from, to: count, validateOnly, warning };
}
