import 'server-only';
import type { ClusterClients } from './registry';
import { errorType, send, type RawMetadata } from './protocol';
import { ListOffsetsApi } from './protocol/generated/list-offsets';
import { clusterMetadata } from './metadata';

/**
 * Batched ListOffsets: one request per partition leader for any number of topics and
 * partitions (kafkajs's admin asks one topic at a time). Used by the topics list
 * (message counts), consumer lag and the message reader.
 */
export type OffsetSpec = 'earliest' | 'latest' | { timestamp: number };

export interface TopicPartition {
  topic: string;
  partition: number;
}

export type PartitionKey = `${string}:${number}`;
export const tpKey = (topic: string, partition: number): PartitionKey => `${topic}:${partition}`;

export interface OffsetResult {
  /** The offset as a decimal string (Kafka offsets are int64); null when the partition could not be asked. */
  offset: string | null;
  /** For timestamp lookups: the timestamp of the record found (-1 when none). */
  timestamp?: string;
  error?: string;
}

const SPEC_TIMESTAMP = { earliest: -2, latest: -1 } as const;
const ISOLATION = { read_uncommitted: 0, read_committed: 1 } as const;

/** Leader of every partition of the given topics, from one Metadata request. */
export async function partitionLeaders(c: ClusterClients, topics: string[]): Promise<RawMetadata> {
  return clusterMetadata(c, topics);
}

export async function listOffsets(
  c: ClusterClients,
  partitions: TopicPartition[],
  spec: OffsetSpec,
  opts: { isolation?: keyof typeof ISOLATION; metadata?: RawMetadata } = {},
): Promise<Map<PartitionKey, OffsetResult>> {
  const out = new Map<PartitionKey, OffsetResult>();
  if (partitions.length === 0) return out;
  const topics = [...new Set(partitions.map((p) => p.topic))];
  const metadata = opts.metadata ?? (await partitionLeaders(c, topics));
  const leaderOf = new Map<PartitionKey, number>();
  for (const t of metadata.topicMetadata) for (const p of t.partitionMetadata) leaderOf.set(tpKey(t.topic, p.partitionId), p.leader);

  const byLeader = new Map<number, TopicPartition[]>();
  for (const tp of partitions) {
    const leader = leaderOf.get(tpKey(tp.topic, tp.partition));
    if (leader === undefined) out.set(tpKey(tp.topic, tp.partition), { offset: null, error: 'unknown partition' });
    else if (leader < 0) out.set(tpKey(tp.topic, tp.partition), { offset: null, error: 'partition is offline (no leader)' });
    else byLeader.set(leader, [...(byLeader.get(leader) ?? []), tp]);
  }
  // Negative timestamps are Kafka's codes (-1 latest, -2 earliest, ...): a time before 1970
  // asks for the first record at or after it, which is the first record at or after 0.
  const timestamp = typeof spec === 'object' ? Math.max(0, spec.timestamp) : SPEC_TIMESTAMP[spec];

  await Promise.all(
    [...byLeader].map(async ([leader, tps]) => {
      try {
        const grouped = new Map<string, number[]>();
        for (const tp of tps) grouped.set(tp.topic, [...(grouped.get(tp.topic) ?? []), tp.partition]);
        const res = await send(c.cluster, { nodeId: leader }, ListOffsetsApi, {
          replicaId: -1,
          isolationLevel: ISOLATION[opts.isolation ?? 'read_uncommitted'],
          topics: [...grouped].map(([name, ps]) => ({
            name,
            partitions: ps.map((partitionIndex) => ({ partitionIndex, timestamp: BigInt(Math.trunc(timestamp)), currentLeaderEpoch: -1 })),
          })),
        });
        for (const t of res.topics) {
          for (const p of t.partitions) {
            const k = tpKey(t.name, p.partitionIndex);
            out.set(
              k,
              p.errorCode ? { offset: null, error: `Kafka answered ${errorType(p.errorCode)}` } : { offset: String(p.offset), timestamp: String(p.timestamp) },
            );
          }
        }
      } catch (err) {
        const reason = err instanceof Error ? err.name : 'error';
        for (const tp of tps) out.set(tpKey(tp.topic, tp.partition), { offset: null, error: `leader ${leader} did not answer (${reason})` });
      }
    }),
  );
  return out;
}

/** Earliest and latest offsets of every partition of the given topics. */
export async function offsetRanges(
  c: ClusterClients,
  topics: string[],
): Promise<Map<PartitionKey, { start: string | null; end: string | null; error?: string }>> {
  const metadata = await partitionLeaders(c, topics);
  const tps = metadata.topicMetadata.flatMap((t) => t.partitionMetadata.map((p) => ({ topic: t.topic, partition: p.partitionId })));
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata })]);
  const out = new Map<PartitionKey, { start: string | null; end: string | null; error?: string }>();
  for (const tp of tps) {
    const k = tpKey(tp.topic, tp.partition);
    const e = earliest.get(k);
    const l = latest.get(k);
    out.set(k, { start: e?.offset ?? null, end: l?.offset ?? null, error: e?.error ?? l?.error });
  }
  return out;
}
