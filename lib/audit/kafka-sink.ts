import 'server-only';
import { consoleConfig } from '@/lib/config';
import { ApiError } from '@/lib/errors';
import { clusterMetadata } from '@/lib/kafka/metadata';
import { PartitionReader } from '@/lib/kafka/reader';
import { clients } from '@/lib/kafka/registry';
import { log } from '@/lib/log';
import { parseAuditEntry } from './query';
import type { AuditEntry } from '@/lib/schemas/audit';

/**
 * The audit topic (config `audit.topic: { cluster, topic }`): every entry is also produced
 * there as a JSON record keyed by its id, so several console instances share one trail and
 * the audit page reads it back from there. The console creates the topic on first use if
 * it is missing: one partition (one order for the whole trail), replication factor 3 (fewer
 * on smaller clusters), cleanup.policy=delete, the broker's default retention; to keep the
 * trail longer, create it yourself beforehand (or raise its retention.ms).
 */

const ensured = new Map<string, Promise<void>>();

async function createIfMissing(clusterId: string, topic: string): Promise<void> {
  const c = await clients(clusterId);
  const md = await clusterMetadata(c.cluster, [topic]);
  const t = md.topicMetadata.find((x) => x.topic === topic);
  if (t && t.topicErrorCode === 0 && t.partitionMetadata.length > 0) return;
  const replicationFactor = Math.max(1, Math.min(3, md.brokers.length));
  const created = await c.admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }],
    waitForLeaders: true,
  });
  if (created) log('info', 'audit: created the audit topic', { cluster: clusterId, topic, replicationFactor });
}

function ensureTopic(clusterId: string, topic: string): Promise<void> {
  const key = `${clusterId}\u0000${topic}`;
  let p = ensured.get(key);
  if (!p) {
    p = createIfMissing(clusterId, topic).catch((err: unknown) => {
      ensured.delete(key);
      throw err;
    });
    ensured.set(key, p);
  }
  return p;
}

/** The sink log.ts adds on the first entry; it follows the configuration, so it does nothing when no topic is configured. */
export async function topicSink(entry: AuditEntry): Promise<void> {
  const target = consoleConfig().audit.topic;
  if (!target) return;
  await ensureTopic(target.cluster, target.topic);
  const producer = await (await clients(target.cluster)).producer();
  await producer.send({ topic: target.topic, acks: -1, messages: [{ key: entry.id, value: JSON.stringify(entry) }] });
}

/** How many records per partition the audit page reads back from the topic. */
export const TOPIC_RECORDS_PER_PARTITION = 5_000;

export interface TopicScan {
  source: 'topic';
  cluster: string;
  topic: string;
  records: number;
  /** Every record of the topic was read (none were older than the window). */
  complete: boolean;
}

/**
 * The last `perPartition` records of every partition of the audit topic, as entries,
 * newest first. Fetched straight from the leaders (no consumer group, nothing committed).
 * A topic that does not exist yet holds no entries.
 */
export async function readTopicEntries(perPartition = TOPIC_RECORDS_PER_PARTITION): Promise<{ entries: AuditEntry[]; scan: TopicScan }> {
  const target = consoleConfig().audit.topic;
  if (!target) throw new ApiError('internal', 'No audit topic is configured');
  const scan: TopicScan = { source: 'topic', cluster: target.cluster, topic: target.topic, records: 0, complete: true };
  const c = await clients(target.cluster);
  let reader: PartitionReader;
  try {
    reader = await PartitionReader.open(c, target.topic, undefined);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return { entries: [], scan };
    throw err;
  }
  const ranges = await reader.ranges();
  const pos = new Map<number, number>();
  const until = new Map<number, number>();
  for (const p of reader.partitions) {
    const r = ranges.get(p);
    if (r?.start == null || r.end == null)
      throw new ApiError('unavailable', `Partition ${p} of the audit topic ${target.topic} cannot be read now (${r?.error ?? 'offsets unknown'})`);
    const from = Math.max(r.start, r.end - perPartition);
    if (from > r.start) scan.complete = false;
    if (from < r.end) {
      pos.set(p, from);
      until.set(p, r.end);
    }
  }
  const entries: AuditEntry[] = [];
  for (let round = 0; round < 200 && pos.size; round++) {
    const res = await reader.fetchAll(pos, { maxWaitMs: 0, minBytes: 0, until, partitionMaxBytes: 1024 * 1024 });
    for (const [p, o] of res) {
      if (o.warning) throw new ApiError('unavailable', `Partition ${p} of the audit topic ${target.topic} cannot be read now: ${o.warning}`);
      for (const r of o.records) {
        scan.records++;
        const e = r.value ? parseAuditEntry(r.value.toString('utf8')) : null;
        if (e) entries.push(e);
      }
      if (o.next >= until.get(p)!) pos.delete(p);
      else pos.set(p, o.next);
    }
  }
  entries.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  return { entries, scan };
}
