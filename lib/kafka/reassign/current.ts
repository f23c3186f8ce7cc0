import 'server-only';
import { ApiError } from '@/lib/errors';
import { MAX_REASSIGN_PARTITIONS, type PartitionTarget } from '@/lib/schemas/reassignments';
import type { Assignment, TargetBroker } from '@/lib/reassign/plan';
import { metadataFromAnyBroker } from '../metadata';
import { describeLogDirs, errorType, send, type Target } from '../protocol';
import { ListPartitionReassignmentsApi } from '../protocol/generated/list-partition-reassignments';
import type { RawMetadata } from '../protocol/kafkajs';
import type { ClusterClients } from '../registry';

/** The cluster as a reassignment sees it: partitions with replicas and leader, and the registered brokers with racks. */
export interface ClusterLayout {
  partitions: (Assignment & { leader: number })[];
  brokers: TargetBroker[];
  /** Where AlterPartitionReassignments goes: the controller on ZooKeeper-era clusters (KRaft brokers forward it). */
  controller: Target;
}

export const key = (p: { topic: string; partition: number }) => `${p.topic}:${p.partition}`;

function layoutOf(metadata: RawMetadata, topics: string[] | null, skipMissing: boolean): ClusterLayout {
  const partitions: ClusterLayout['partitions'] = [];
  for (const t of metadata.topicMetadata) {
    if (t.topicErrorCode === 3 && skipMissing) continue;
    if (t.topicErrorCode === 3) throw new ApiError('not_found', `Topic ${t.topic} does not exist`, { field: 'topics' });
    if (!topics && t.isInternal) continue;
    for (const p of t.partitionMetadata) partitions.push({ topic: t.topic, partition: p.partitionId, replicas: p.replicas, leader: p.leader });
  }
  partitions.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  if (partitions.length > MAX_REASSIGN_PARTITIONS)
    throw new ApiError('payload_too_large', `The scope has ${partitions.length} partitions; plan at most ${MAX_REASSIGN_PARTITIONS} at once`);
  const brokers = metadata.brokers.map((b) => ({ id: b.nodeId, rack: b.rack ?? null })).sort((a, b) => a.id - b.id);
  const id = metadata.controllerId;
  const controller: Target = id !== undefined && id >= 0 ? { nodeId: id } : { anyBroker: true };
  return { partitions, brokers, controller };
}

/** The layout of the given topics (every non-internal topic when null); a missing topic is a 404 unless skipMissing. */
export async function clusterLayout(c: ClusterClients, topics: string[] | null, skipMissing = false): Promise<ClusterLayout> {
  const { metadata } = await metadataFromAnyBroker(c.cluster, topics);
  return layoutOf(metadata, topics, skipMissing);
}

/**
 * Checks a plan against the cluster: every partition exists, every broker is registered.
 * Replica counts and duplicates are the schema's; a broker outside the cluster is a 422 naming it.
 */
export async function layoutForTargets(
  c: ClusterClients,
  targets: PartitionTarget[],
): Promise<ClusterLayout & { current: Map<string, Assignment & { leader: number }> }> {
  const layout = await clusterLayout(c, [...new Set(targets.map((t) => t.topic))]);
  const current = new Map(layout.partitions.map((p) => [key(p), p]));
  const missing = targets.filter((t) => !current.has(key(t)));
  if (missing.length) throw new ApiError('not_found', `No such partition: ${missing.slice(0, 5).map(key).join(', ')}`, { field: 'partitions' });
  const ids = new Set(layout.brokers.map((b) => b.id));
  for (const t of targets) {
    const unknown = t.replicas.filter((b) => !ids.has(b));
    if (unknown.length)
      throw new ApiError(
        'unprocessable',
        `${key(t)}: broker ${unknown.join(', ')} is not in the cluster (brokers: ${[...ids].sort((a, b) => a - b).join(', ')})`,
        { field: 'partitions' },
      );
  }
  return { ...layout, current };
}

export interface Ongoing {
  topic: string;
  partition: number;
  replicas: number[];
  adding: number[];
  removing: number[];
}

/** Every reassignment Kafka is running (ListPartitionReassignments), whoever started it. */
export async function listOngoing(c: ClusterClients, controller: Target): Promise<Ongoing[]> {
  const res = await send(c.cluster, controller, ListPartitionReassignmentsApi, { timeoutMs: 10_000, topics: null });
  if (res.errorCode)
    throw new ApiError('unprocessable', `Kafka could not list reassignments (${errorType(res.errorCode)}${res.errorMessage ? `: ${res.errorMessage}` : ''})`);
  return res.topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas })),
  );
}

/**
 * Bytes of the given partitions on the given brokers (DescribeLogDirs, one request per broker,
 * all at once, each bounded by a timeout). A broker that does not answer leaves its entries out.
 */
export async function replicaSizes(c: ClusterClients, wanted: { broker: number; topic: string; partition: number }[]): Promise<Map<string, number>> {
  const byBroker = new Map<number, Map<string, number[]>>();
  for (const w of wanted) {
    if (w.broker < 0) continue;
    const m = byBroker.get(w.broker) ?? new Map<string, number[]>();
    m.set(w.topic, [...(m.get(w.topic) ?? []), w.partition]);
    byBroker.set(w.broker, m);
  }
  const sizes = new Map<string, number>();
  await Promise.all(
    [...byBroker].map(async ([broker, topics]) => {
      try {
        const res = await describeLogDirs(
          c.cluster,
          { nodeId: broker },
          [...topics].map(([topic, partitions]) => ({ topic, partitions })),
          5_000,
        );
        for (const r of res) sizes.set(`${broker}/${key(r)}`, Number(r.size));
      } catch {
        // Unknown sizes are shown as unknown.
      }
    }),
  );
  return sizes;
}
