import 'server-only';
import { ApiError } from '@/lib/errors';
import { MAX_STORAGE_ROWS, type FeaturesReport, type LogDirsReport, type QuorumReport } from '@/lib/schemas/storage';
import { toApiError } from './errors';
import { metadataFromAnyBroker } from './metadata';
import { checkError, describeQuorum, supportsDescribeQuorum, type QuorumReplica } from './protocol';
import { errorTypeOrNull } from './protocol/errors';
import { ApiVersionsApi } from './protocol/generated/api-versions';
import { DescribeLogDirsApi } from './protocol/generated/describe-log-dirs';
import { ZERO_UUID } from './protocol/codec';
import { send, supports } from './protocol/transport';
import type { ClusterClients } from './registry';

/**
 * Where the bytes are (DescribeLogDirs, asked of every broker at once) and the KRaft metadata
 * quorum and feature levels (DescribeQuorum, ApiVersions v3+), through the generated codecs.
 */

const BROKER_TIMEOUT_MS = 10_000;
const KAFKA_STORAGE_ERROR = 56;

/** -1 (unknown) and other negatives as null. */
const known = (n: bigint | number): number | null => (Number(n) < 0 ? null : Number(n));

export async function describeLogDirsReport(c: ClusterClients, topic?: string): Promise<LogDirsReport> {
  const { metadata } = await metadataFromAnyBroker(c.cluster, topic ? [topic] : null);
  let asked: { topic: string; partitions: number[] }[] | null = null;
  if (topic) {
    const t = metadata.topicMetadata.find((x) => x.topic === topic);
    if (!t || t.topicErrorCode === 3) throw new ApiError('not_found', `Topic ${topic} does not exist`);
    asked = [{ topic, partitions: t.partitionMetadata.map((p) => p.partitionId) }];
  }
  const ids = metadata.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
  const brokers: LogDirsReport['brokers'] = [];
  const perTopic = new Map<string, { size: number; replicas: number }>();
  const moving: LogDirsReport['moving'] = [];
  const partitions: NonNullable<LogDirsReport['partitions']> = [];
  // One request per broker, all at once: the broker count bounds the concurrency.
  const answers = await Promise.all(
    ids.map(async (id) => {
      try {
        const res = await send(
          c.cluster,
          { nodeId: id },
          DescribeLogDirsApi,
          { topics: asked },
          { requestTimeoutMs: BROKER_TIMEOUT_MS, deadlineMs: BROKER_TIMEOUT_MS },
        );
        if (res.errorCode !== 0) return { id, error: errorTypeOrNull(res.errorCode) ?? `error ${res.errorCode}` };
        return { id, res };
      } catch (err) {
        return { id, error: toApiError(err).message };
      }
    }),
  );
  for (const a of answers) {
    if (!('res' in a) || !a.res) {
      brokers.push({ id: a.id, error: a.error ?? 'no answer', size: 0, dirs: [] });
      continue;
    }
    let brokerSize = 0;
    const dirs: LogDirsReport['brokers'][number]['dirs'] = [];
    // Where each partition's current replica lives on this broker, to name a move's source.
    const currentDir = new Map<string, { dir: string; size: number }>();
    for (const d of a.res.results)
      for (const t of d.topics)
        for (const p of t.partitions) if (!p.isFutureKey) currentDir.set(`${t.name}:${p.partitionIndex}`, { dir: d.logDir, size: Number(p.partitionSize) });
    for (const d of a.res.results) {
      let size = 0;
      let replicas = 0;
      for (const t of d.topics) {
        for (const p of t.partitions) {
          const bytes = Number(p.partitionSize);
          size += bytes;
          replicas++;
          if (topic)
            partitions.push({ partition: p.partitionIndex, broker: a.id, dir: d.logDir, size: bytes, offsetLag: Number(p.offsetLag), future: p.isFutureKey });
          if (p.isFutureKey) {
            const cur = currentDir.get(`${t.name}:${p.partitionIndex}`);
            moving.push({
              topic: t.name,
              partition: p.partitionIndex,
              broker: a.id,
              from: cur?.dir ?? null,
              to: d.logDir,
              size: bytes,
              currentSize: cur?.size ?? null,
              offsetLag: Number(p.offsetLag),
            });
          } else {
            const agg = perTopic.get(t.name) ?? { size: 0, replicas: 0 };
            agg.size += bytes;
            agg.replicas++;
            perTopic.set(t.name, agg);
          }
        }
      }
      brokerSize += size;
      dirs.push({
        path: d.logDir,
        error: d.errorCode === 0 ? null : (errorTypeOrNull(d.errorCode) ?? `error ${d.errorCode}`),
        offline: d.errorCode === KAFKA_STORAGE_ERROR,
        totalBytes: known(d.totalBytes),
        usableBytes: known(d.usableBytes),
        size,
        replicas,
      });
    }
    dirs.sort((x, y) => x.path.localeCompare(y.path));
    brokers.push({ id: a.id, error: null, size: brokerSize, dirs });
  }
  const topics = [...perTopic].map(([name, v]) => ({ topic: name, ...v })).sort((x, y) => y.size - x.size || x.topic.localeCompare(y.topic));
  partitions.sort((x, y) => x.partition - y.partition || x.broker - y.broker || Number(x.future) - Number(y.future));
  moving.sort((x, y) => x.topic.localeCompare(y.topic) || x.partition - y.partition || x.broker - y.broker);
  const bootstrap = c.config.bootstrapServers[0];
  return {
    brokers,
    topics: topics.slice(0, MAX_STORAGE_ROWS),
    topicCount: topics.length,
    moving: moving.slice(0, MAX_STORAGE_ROWS),
    partitions: topic ? partitions : null,
    command: `kafka-log-dirs --bootstrap-server ${bootstrap} --describe --broker-list ${ids.join(',')}${topic ? ` --topic-list ${topic}` : ''}`,
  };
}

// --- The KRaft quorum ---------------------------------------------------------------------------

export async function describeQuorumReport(c: ClusterClients): Promise<QuorumReport> {
  const { broker } = await metadataFromAnyBroker(c.cluster, []);
  if (!supportsDescribeQuorum(broker))
    return {
      applies: false,
      reason: 'This cluster keeps its metadata in ZooKeeper: there is no KRaft quorum. The controller is the broker ZooKeeper elected (see the overview).',
    };
  // The overview's own call; its Kafka errors (CLUSTER_AUTHORIZATION_FAILED: 403) are the handler's to map.
  const q = await describeQuorum(c.cluster, { broker }, BROKER_TIMEOUT_MS);
  const leader = q.voters.find((v) => v.replicaId === q.leaderId);
  const leaderEnd = leader ? Number(leader.logEndOffset) : null;
  const replica = (status: 'Follower' | 'Observer') => (r: QuorumReplica) => {
    const leo = Number(r.logEndOffset);
    return {
      id: r.replicaId,
      directoryId: r.directoryId === ZERO_UUID ? null : r.directoryId,
      logEndOffset: leo,
      lag: leaderEnd === null || leo < 0 ? null : Math.max(0, leaderEnd - leo),
      lastFetchTimestamp: known(Number(r.lastFetchTimestamp)),
      lastCaughtUpTimestamp: known(Number(r.lastCaughtUpTimestamp)),
      status: r.replicaId === q.leaderId && status === 'Follower' ? ('Leader' as const) : status,
    };
  };
  const voters = q.voters.map(replica('Follower'));
  const observers = q.observers.map(replica('Observer'));
  // As kafka-metadata-quorum computes them: the furthest voter behind the leader, in offsets and in time.
  const lags = voters.map((v) => v.lag).filter((x): x is number => x !== null);
  const caughtUp = voters.map((v) => v.lastCaughtUpTimestamp).filter((x): x is number => x !== null);
  const leaderCaughtUp = voters.find((v) => v.status === 'Leader')?.lastCaughtUpTimestamp ?? null;
  return {
    applies: true,
    leaderId: q.leaderId,
    leaderEpoch: q.leaderEpoch,
    highWatermark: Number(q.highWatermark),
    maxFollowerLag: lags.length ? Math.max(...lags) : 0,
    maxFollowerLagTimeMs: leaderCaughtUp !== null && caughtUp.length ? leaderCaughtUp - Math.min(...caughtUp) : null,
    voters,
    observers,
    nodes: q.nodes,
    command: `kafka-metadata-quorum --bootstrap-server ${c.config.bootstrapServers[0]} describe --status --replication`,
  };
}

// --- Feature levels -----------------------------------------------------------------------------

/** metadata.version feature levels as Kafka names them (MetadataVersion, server-common): level 1 first. */
const METADATA_VERSIONS = [
  '3.0-IV1',
  '3.1-IV0',
  '3.2-IV0',
  '3.3-IV0',
  '3.3-IV1',
  '3.3-IV2',
  '3.3-IV3',
  '3.4-IV0',
  '3.5-IV0',
  '3.5-IV1',
  '3.5-IV2',
  '3.6-IV0',
  '3.6-IV1',
  '3.6-IV2',
  '3.7-IV0',
  '3.7-IV1',
  '3.7-IV2',
  '3.7-IV3',
  '3.7-IV4',
  '3.8-IV0',
  '3.9-IV0',
  '4.0-IV0',
  '4.0-IV1',
  '4.0-IV2',
  '4.0-IV3',
  '4.1-IV0',
  '4.1-IV1',
  '4.2-IV0',
  '4.2-IV1',
  '4.3-IV0',
];

export function metadataVersionName(level: number | null): string | null {
  if (level === null || level < 1) return null;
  return METADATA_VERSIONS[level - 1] ?? null;
}

export async function describeFeaturesReport(c: ClusterClients): Promise<FeaturesReport> {
  const { broker } = await metadataFromAnyBroker(c.cluster, []);
  const kraft = supportsDescribeQuorum(broker);
  if (!supports(broker, ApiVersionsApi, { minVersion: 3 }))
    return {
      mode: kraft ? 'kraft' : 'zookeeper',
      finalizedEpoch: null,
      features: [],
      broker: broker.nodeId,
      note: 'This broker predates feature versioning (ApiVersions v3, Kafka 2.7): it reports no feature levels.',
      command: `kafka-features --bootstrap-server ${c.config.bootstrapServers[0]} describe`,
    };
  const res = await send(c.cluster, { broker }, ApiVersionsApi, { clientSoftwareName: 'kafka-console', clientSoftwareVersion: '1' }, { minVersion: 3 });
  checkError(res.errorCode, null);
  const epoch = Number(res.finalizedFeaturesEpoch);
  const names = new Set([...res.supportedFeatures.map((f) => f.name), ...res.finalizedFeatures.map((f) => f.name)]);
  const features = [...names].sort().map((name) => {
    const s = res.supportedFeatures.find((f) => f.name === name);
    const f = res.finalizedFeatures.find((x) => x.name === name);
    const mv = name === 'metadata.version';
    // A supported feature that is not finalized is at level 0 (off), as kafka-features prints it.
    const finalizedLevel = f ? f.maxVersionLevel : s ? 0 : null;
    return {
      name,
      finalizedLevel,
      supportedMin: s?.minVersion ?? null,
      supportedMax: s?.maxVersion ?? null,
      finalizedName: mv ? metadataVersionName(finalizedLevel) : null,
      supportedMinName: mv ? metadataVersionName(s?.minVersion ?? null) : null,
      supportedMaxName: mv ? metadataVersionName(s?.maxVersion ?? null) : null,
    };
  });
  return {
    mode: kraft ? 'kraft' : 'zookeeper',
    finalizedEpoch: epoch < 0 ? null : epoch,
    features,
    broker: broker.nodeId,
    note: kraft
      ? null
      : 'On a ZooKeeper-era cluster feature levels are finalized in ZooKeeper, and metadata.version does not apply: the inter-broker protocol version is set per broker (inter.broker.protocol.version).',
    command: `kafka-features --bootstrap-server ${c.config.bootstrapServers[0]} describe`,
  };
}
