import 'server-only';
import type { ClusterClients } from './registry';
import { tpKey, type PartitionKey } from './offsets';
import { send, type KjsCluster, type RawMetadata } from './protocol';
import { FetchApi } from './protocol/generated/fetch';
import { clusterMetadata } from './metadata';
import { batchHeaders, decodeBatch, isControl } from './record-batch';

/**
 * The timestamp of the first data record at or after an offset, with one small Fetch per
 * partition leader. Used for time lag: how long the first unconsumed record has waited.
 */
export interface OffsetAt {
  topic: string;
  partition: number;
  offset: string;
}

const PARTITION_MAX_BYTES = 16 * 1024;
/** Partitions per leader asked again one by one when their batch did not fit (see below). */
const MAX_SINGLE_RETRIES = 50;

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
      try {
        const found = await firstRecords(c.cluster, leader, items);
        for (const [k, ts] of found) out.set(k, ts);
        // Kafka returns a whole batch larger than the byte limit only for the first partition of a
        // fetch; a partition whose batch was cut short is asked again on its own.
        for (const w of items.filter((x) => !found.has(tpKey(x.topic, x.partition))).slice(0, MAX_SINGLE_RETRIES)) {
          for (const [k, ts] of await firstRecords(c.cluster, leader, [w])) out.set(k, ts);
        }
      } catch {
        // Time lag is a hint: a leader that does not answer leaves it unknown.
      }
    }),
  );
  return out;
}

/** One Fetch for the given partitions of one leader: the timestamp of the first data record at or after each offset. */
async function firstRecords(cluster: KjsCluster, leader: number, items: OffsetAt[]): Promise<Map<PartitionKey, number>> {
  const from = new Map(items.map((w) => [tpKey(w.topic, w.partition), Number(w.offset)]));
  const topics = new Map<string, { partition: number; fetchOffset: bigint; partitionMaxBytes: number }[]>();
  for (const w of items)
    topics.set(w.topic, [...(topics.get(w.topic) ?? []), { partition: w.partition, fetchOffset: BigInt(w.offset), partitionMaxBytes: PARTITION_MAX_BYTES }]);
  const request = {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: PARTITION_MAX_BYTES * items.length + 1024,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
  };
  const res = await send(cluster, { nodeId: leader }, FetchApi, request, { maxVersion: 12, errorCode: () => 0 });
  const out = new Map<PartitionKey, number>();
  for (const t of res.responses) {
    for (const p of t.partitions) {
      const k = tpKey(t.topic, p.partitionIndex);
      const start = from.get(k);
      if (start === undefined || p.errorCode || !p.records) continue;
      // A fetch returns whole batches: skip records before the offset and control batches.
      for (const b of batchHeaders(p.records)) {
        if (b.lastOffset < start || isControl(b)) continue;
        let first: number | null = null;
        await decodeBatch(
          p.records,
          b,
          p.partitionIndex,
          start,
          Number.MAX_SAFE_INTEGER,
          () => first === null,
          (r) => (first ??= r.timestamp),
        );
        if (first !== null) {
          out.set(k, first);
          break;
        }
      }
    }
  }
  return out;
}
