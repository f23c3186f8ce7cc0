import 'server-only';
import type { ClusterClients } from './registry';
import { tpKey, type PartitionKey } from './offsets';
import type { RawMetadata } from './protocol';
import { clusterMetadata } from './metadata';

/**
 * The timestamp of the first data record at or after an offset, with one small Fetch per
 * partition leader. Used for time lag: how long the first unconsumed record has waited.
 */
export interface OffsetAt {
  topic: string;
  partition: number;
  offset: string;
}

interface FetchedRecord {
  offset: string;
  timestamp: string;
  isControlRecord?: boolean;
}

interface FetchResponse {
  responses: { topicName: string; partitions: { partition: number; errorCode: number; messages: FetchedRecord[] }[] }[];
}

const PARTITION_MAX_BYTES = 16 * 1024;

export async function recordTimestamps(c: ClusterClients, wanted: OffsetAt[], metadata?: RawMetadata): Promise<Map<PartitionKey, number | null>> {
  const out = new Map<PartitionKey, number | null>();
  if (wanted.length === 0) return out;
  const meta = metadata ?? (await clusterMetadata(c, [...new Set(wanted.map((w) => w.topic))]));
  const leaderOf = new Map<PartitionKey, number>();
  for (const t of meta.topicMetadata) for (const p of t.partitionMetadata) leaderOf.set(tpKey(t.topic, p.partitionId), p.leader);
  const byLeader = new Map<number, OffsetAt[]>();
  for (const w of wanted) {
    const leader = leaderOf.get(tpKey(w.topic, w.partition));
    out.set(tpKey(w.topic, w.partition), null);
    if (leader !== undefined && leader >= 0) byLeader.set(leader, [...(byLeader.get(leader) ?? []), w]);
  }
  await Promise.all(
    [...byLeader].map(async ([leader, items]) => {
      const from = new Map(items.map((w) => [tpKey(w.topic, w.partition), BigInt(w.offset)]));
      const topics = new Map<string, { partition: number; fetchOffset: string; maxBytes: number }[]>();
      for (const w of items) topics.set(w.topic, [...(topics.get(w.topic) ?? []), { partition: w.partition, fetchOffset: w.offset, maxBytes: PARTITION_MAX_BYTES }]);
      try {
        const broker = await c.cluster.findBroker({ nodeId: String(leader) });
        const res = (await broker.fetch({
          replicaId: -1,
          isolationLevel: 0,
          maxWaitTime: 0,
          minBytes: 0,
          maxBytes: PARTITION_MAX_BYTES * items.length + 1024,
          topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
        })) as FetchResponse;
        for (const t of res.responses) {
          for (const p of t.partitions) {
            const k = tpKey(t.topicName, p.partition);
            const start = from.get(k);
            if (start === undefined) continue;
            // A fetch returns whole batches: skip records before the offset and control records.
            const first = p.messages.find((m) => !m.isControlRecord && BigInt(m.offset) >= start);
            out.set(k, first ? Number(first.timestamp) : null);
          }
        }
      } catch {
        // Time lag is a hint: a leader that does not answer leaves it unknown.
      }
    }),
  );
  return out;
}
