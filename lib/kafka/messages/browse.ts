import 'server-only';
import { ApiError } from '@/lib/errors';
import { clients } from '../registry';
import { PartitionReader, assertNotAllFailed } from '../reader';
import type { RawRecord } from '../record-batch';
import { encodeCursor, readablePartitions, startPositions } from './positions';
import { recordDecoder } from '@/lib/schema-registry/records';
import { toWire } from './wire';
import type { BrowseQuery, MessagesPage, PartitionWarning } from '@/lib/schemas/messages';

/**
 * One page of records, read forwards or backwards from a position, with cursors to the
 * pages after and before it. Partitions whose offsets cannot be read are skipped with a
 * warning rather than failing the page.
 */

const byTime = (a: RawRecord, b: RawRecord) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset;

/** Reads [pos, until) per partition, at most `perPartition` records each. */
async function collect(
  reader: PartitionReader,
  positions: Map<number, number>,
  until: Map<number, number>,
  perPartition: number,
  warnings: PartitionWarning[],
): Promise<Map<number, RawRecord[]>> {
  const out = new Map<number, RawRecord[]>([...positions.keys()].map((p) => [p, []]));
  const pos = new Map(positions);
  for (let round = 0; round < 50; round++) {
    const active = new Map([...pos].filter(([p, o]) => o < (until.get(p) ?? 0) && out.get(p)!.length < perPartition));
    if (!active.size) break;
    const res = await reader.fetchAll(active, { maxWaitMs: 0, minBytes: 0, until, partitionMaxBytes: 1024 * 1024 });
    assertNotAllFailed([...res.values()]);
    for (const [p, o] of res) {
      out.get(p)!.push(...o.records);
      if (o.warning || o.error) {
        warnings.push({ partition: p, message: o.warning ?? o.error! });
        pos.delete(p);
        continue;
      }
      pos.set(p, o.next);
    }
  }
  return out;
}

export async function browse(clusterId: string, topic: string, q: BrowseQuery): Promise<MessagesPage> {
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation);
  const ranges = await reader.ranges();
  const { live, warnings } = readablePartitions(reader.partitions, ranges);
  if (live.length === 0 && reader.partitions.length) {
    if (warnings.every((w) => w.message.includes('did not answer'))) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  }
  const { positions, direction: dir, warnings: skipped } = await startPositions(q, live, ranges, reader);
  warnings.push(...skipped);
  const start = (p: number) => ranges.get(p)!.start!;
  const end = (p: number) => ranges.get(p)!.end!;

  let taken: RawRecord[];
  if (dir === 'f') {
    const until = new Map([...positions.keys()].map((p) => [p, end(p)]));
    const got = await collect(reader, positions, until, q.limit, warnings);
    taken = [...got.values()].flat().sort(byTime).slice(0, q.limit);
  } else {
    const from = new Map([...positions].map(([p, o]) => [p, Math.max(start(p), o - q.limit)]));
    const got = await collect(reader, from, positions, Number.MAX_SAFE_INTEGER, warnings);
    const all = [...got.values()].flat().sort(byTime);
    taken = all.slice(Math.max(0, all.length - q.limit));
  }

  // Cursors: per partition, the first and one past the last offset shown (or the position read from).
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const r of taken) {
    if (!first.has(r.partition) || r.offset < first.get(r.partition)!) first.set(r.partition, r.offset);
    if (!last.has(r.partition) || r.offset >= last.get(r.partition)!) last.set(r.partition, r.offset + 1);
  }
  const nextPos = new Map([...positions.keys()].map((p) => [p, last.get(p) ?? (dir === 'f' ? positions.get(p)! : positions.get(p)!)]));
  const prevPos = new Map([...positions.keys()].map((p) => [p, first.get(p) ?? positions.get(p)!]));
  const hasNext = [...nextPos].some(([p, o]) => o < end(p));
  const hasPrev = [...prevPos].some(([p, o]) => o > start(p));

  // Records in the schema-registry format decoded; the registry being down is a warning.
  const decoder = recordDecoder(clusterId, topic);
  let records = taken.map(toWire);
  if (decoder) {
    await decoder.prepare(taken);
    records = taken.map((r) => decoder.wire(r) as NonNullable<ReturnType<typeof decoder.wire>>);
    for (const message of decoder.takeWarnings()) warnings.push({ partition: -1, message });
  }

  return {
    topic,
    records,
    partitions: reader.partitions.map((p) => ({ partition: p, start: ranges.get(p)!.start, end: ranges.get(p)!.end })),
    warnings,
    next: hasNext ? encodeCursor('f', nextPos) : null,
    prev: hasPrev ? encodeCursor('b', prevPos) : null,
  };
}
