import 'server-only';
import { ApiError } from '@/lib/errors';
import type { EventSourceLike } from '@/lib/messages/format';
import type { PartitionWarning, StreamDone, StreamEvent } from '@/lib/schemas/messages';
import { clients } from '../registry';
import { PartitionReader, type Isolation } from '../reader';
import type { RecordTest } from '../record-batch';
import { buildTest, type Filter } from './filter';
import { encodeCursor, readablePartitions, startPositions, type StartQuery } from './positions';
import { Scanner } from './scanner';
import { recordDecoder, type RecordDecoder } from '@/lib/schema-registry/records';

/**
 * The two message streams (SSE): the live tail and the search. Each is validated and
 * positioned before the stream opens, so bad input is a 4xx rather than a stream that fails.
 */

const HEARTBEAT_MS = 15_000;

const positionsRecord = (m: Map<number, number>) => Object.fromEntries([...m].map(([p, o]) => [String(p), String(o)]));

export interface StreamQuery {
  partitions?: number[];
  isolation: Isolation;
  filter: Filter | null;
}

export interface TailQuery extends StreamQuery {
  /** Records per partition to show from before the tail opened (0: only new records). */
  last: number;
}

/** A live tail: validated and positioned before the stream opens (so bad input is a 4xx, not a stream). */
export async function openTail(clusterId: string, topic: string, q: TailQuery): Promise<EventSourceLike> {
  const test = buildTest(q.filter);
  const decoder = recordDecoder(clusterId, topic, test);
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation, { ownConnections: true });
  try {
    return await positionTail(reader, topic, q, decoder ? decoder.readerTest() : test, decoder);
  } catch (err) {
    reader.close();
    throw err;
  }
}

async function positionTail(
  reader: PartitionReader,
  topic: string,
  q: TailQuery,
  test: RecordTest | null,
  decoder: RecordDecoder | null,
): Promise<EventSourceLike> {
  const openedAt = Date.now();
  const ranges = await reader.ranges();
  const positions = new Map<number, number>();
  const warnings: PartitionWarning[] = [];
  const waiting = new Set<number>();
  for (const p of reader.partitions) {
    const r = ranges.get(p)!;
    if (r.end === null) {
      waiting.add(p);
      warnings.push({
        partition: p,
        message: `not tailed yet (${r.error ?? 'log end unknown'}); tailed once it has a leader, from what was written since the tail opened`,
      });
    } else positions.set(p, Math.max(r.start ?? 0, r.end - q.last));
  }
  if (!positions.size && reader.partitions.length) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  const scanner = new Scanner(reader, positions, { tail: true, test, skipLag: 10_000, decoder });
  // Partitions without a leader at the start are looked at again every few seconds. Nothing can
  // be written to them while they have none, so once back they are read from the first record
  // written since the tail opened (its log end then is unknown, and the end when it is seen again
  // may already be past records written in between).
  let lookingAgain = false;
  const lookAgain = async () => {
    if (lookingAgain || scanner.closed || !waiting.size) return;
    lookingAgain = true;
    try {
      await reader.refreshLeaders();
      const again = await reader.offsetsForTimestamp(openedAt, [...waiting]);
      for (const [p, from] of again) {
        if (from === null || scanner.closed) continue;
        waiting.delete(p);
        scanner.add(p, from);
      }
    } catch {
      // still unavailable: the next round tries again
    } finally {
      lookingAgain = false;
      if (!waiting.size) clearInterval(retry);
    }
  };
  const retry = setInterval(() => void lookAgain(), 2000);
  if (!waiting.size) clearInterval(retry);
  let matched = 0;
  let sentStart = false;
  let lastProgress = Date.now();
  return {
    async next() {
      if (scanner.closed) return null;
      if (!sentStart) {
        sentStart = true;
        scanner.start();
        const ends = Object.fromEntries([...ranges].filter(([, r]) => r.end !== null).map(([p, r]) => [String(p), String(r.end)]));
        return [
          { event: 'progress', data: { phase: 'started', scanned: 0, matched: 0, positions: positionsRecord(positions), ends } },
          ...warnings.map((w): StreamEvent => ({ event: 'warning', data: w })),
        ];
      }
      const events = await scanner.take(500, HEARTBEAT_MS);
      if (scanner.closed) return null;
      matched += events.filter((e) => e.event === 'message').length;
      if (events.some((e) => e.event === 'error')) return events; // the last event: the response ends with it
      if (Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        events.push({ event: 'progress', data: { phase: 'scanning', scanned: scanner.scanned, matched, positions: positionsRecord(scanner.positions) } });
      }
      return events;
    },
    close() {
      clearInterval(retry);
      scanner.close();
    },
  };
}

export interface SearchQuery extends StreamQuery, StartQuery {
  limit: number;
  maxRecords: number;
  maxSeconds: number;
}

/** A search over [start, log end at the time it starts), streaming matches and progress. */
export async function openSearch(clusterId: string, topic: string, q: SearchQuery): Promise<EventSourceLike> {
  const test = buildTest(q.filter);
  const decoder = recordDecoder(clusterId, topic, test);
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation, { ownConnections: true });
  try {
    return await positionSearch(reader, topic, q, decoder ? decoder.readerTest() : test, decoder);
  } catch (err) {
    reader.close();
    throw err;
  }
}

async function positionSearch(
  reader: PartitionReader,
  topic: string,
  q: SearchQuery,
  test: RecordTest | null,
  decoder: RecordDecoder | null,
): Promise<EventSourceLike> {
  const ranges = await reader.ranges();
  const { live, warnings } = readablePartitions(reader.partitions, ranges);
  if (!live.length && reader.partitions.length) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  // from=newest: the newest `maxRecords` records, spread over the partitions.
  const { positions, warnings: skipped } = await startPositions(q, live, ranges, reader, q.maxRecords);
  warnings.push(...skipped);
  const until = new Map(live.map((p) => [p, ranges.get(p)!.end!]));
  const scanner = new Scanner(reader, positions, { tail: false, test, until, decoder });
  const started = Date.now();
  let matched = 0;
  let sentStart = false;
  let lastProgress = 0;
  let finished = false;
  const progress = (phase: 'started' | 'scanning' = 'scanning'): StreamEvent => ({
    event: 'progress',
    data: { phase, scanned: scanner.scanned, matched, positions: positionsRecord(scanner.undelivered()), ends: positionsRecord(until) },
  });
  const done = (reason: StreamDone['reason']): StreamEvent[] => {
    finished = true;
    const rest = scanner.undelivered();
    const complete = [...rest].every(([p, o]) => o >= until.get(p)!);
    scanner.close();
    return [
      progress(),
      {
        event: 'done',
        data: { reason, scanned: scanner.scanned, matched, elapsedMs: Date.now() - started, cursor: complete ? null : encodeCursor('f', rest) },
      },
    ];
  };
  return {
    async next() {
      if (finished) return null;
      if (!sentStart) {
        sentStart = true;
        scanner.start();
        return [progress('started'), ...warnings.map((w): StreamEvent => ({ event: 'warning', data: w }))];
      }
      const budgetLeft = q.maxSeconds * 1000 - (Date.now() - started);
      const events = await scanner.take(Math.min(500, q.limit - matched), Math.max(1, Math.min(budgetLeft, 250)));
      if (scanner.closed && !finished) return null;
      matched += events.filter((e) => e.event === 'message').length;
      const failure = events.find((e) => e.event === 'error');
      if (failure) {
        // Ends the search: the matches before it, where each partition got to, then the error.
        finished = true;
        const last = progress();
        scanner.close();
        return [...events.filter((e) => e !== failure), last, failure];
      }
      if (matched >= q.limit) return [...events, ...done('limit')];
      if (scanner.scanned >= q.maxRecords) return [...events, ...done('records-budget')];
      if (Date.now() - started >= q.maxSeconds * 1000) return [...events, ...done('time-budget')];
      if (!scanner.active && events.length === 0) return done('end');
      if (Date.now() - lastProgress >= 250) {
        lastProgress = Date.now();
        events.push(progress());
      }
      return events;
    },
    close() {
      finished = true;
      scanner.close();
    },
  };
}
