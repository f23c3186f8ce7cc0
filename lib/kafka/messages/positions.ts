import 'server-only';
import { ApiError } from '@/lib/errors';
import type { PartitionWarning } from '@/lib/schemas/messages';
import type { PartitionReader } from '../reader';

/**
 * Where browse and search start reading, per partition, and the cursors that carry those
 * positions from one page or search to the next. One function for both, so a start given
 * by offset, time or cursor means the same in a page and in a search.
 */

interface Cursor {
  d: 'f' | 'b';
  p: [number, number][];
}

export function encodeCursor(d: 'f' | 'b', positions: Map<number, number>): string {
  return Buffer.from(JSON.stringify({ d, p: [...positions] } satisfies Cursor)).toString('base64url');
}

/** A cursor comes back from the client: anything but one we wrote is a 400. */
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (
      (c.d === 'f' || c.d === 'b') &&
      Array.isArray(c.p) &&
      c.p.every((x) => Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && n >= 0))
    )
      return c;
  } catch {
    // reported below
  }
  throw new ApiError('bad_request', 'The cursor is not valid (use the next or prev cursor of a page as it was returned)', { field: 'cursor' });
}

export type Ranges = Awaited<ReturnType<PartitionReader['ranges']>>;

/** The partitions whose log start and end are known; the others are skipped, each with a warning. */
export function readablePartitions(partitions: number[], ranges: Ranges): { live: number[]; warnings: PartitionWarning[] } {
  const warnings: PartitionWarning[] = [];
  const live = partitions.filter((p) => {
    const r = ranges.get(p)!;
    if (r.start === null || r.end === null) warnings.push({ partition: p, message: `skipped: ${r.error ?? 'offsets unknown'}` });
    return r.start !== null && r.end !== null;
  });
  return { live, warnings };
}

export interface StartQuery {
  from: 'oldest' | 'newest' | 'offset' | 'timestamp';
  offset?: number;
  timestamp?: number;
  /** A `next`/`prev` cursor: it replaces `from`. */
  cursor?: string;
}

export interface Start {
  /** Every position lies within its partition's [log start, log end]. */
  positions: Map<number, number>;
  /** 'b' when the records wanted end at the positions (from=newest, a `prev` cursor): browse reads backwards. */
  direction: 'f' | 'b';
  /** Partitions left out: no offset could be found for the time. */
  warnings: PartitionWarning[];
}

/**
 * The start of each `live` partition (see readablePartitions). Out-of-range requests are
 * moved to the log start or end, as the reader does when an offset goes out of range while
 * reading; only an offset past the end of every partition is an error (a 422: nothing
 * would be read). `newestRecords`: from=newest starts that many records before the ends,
 * spread over the partitions (a search reads forwards); without it, at the ends.
 */
export async function startPositions(
  q: StartQuery,
  live: number[],
  ranges: Ranges,
  timeIndex: Pick<PartitionReader, 'offsetsForTimestamp'>,
  newestRecords = 0,
): Promise<Start> {
  const start = (p: number) => ranges.get(p)!.start!;
  const end = (p: number) => ranges.get(p)!.end!;
  const clamp = (p: number, o: number) => Math.min(end(p), Math.max(start(p), o));
  const positions = new Map<number, number>();
  const warnings: PartitionWarning[] = [];
  let direction: Start['direction'] = 'f';
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    direction = cur.d;
    for (const [p, o] of cur.p) if (live.includes(p)) positions.set(p, clamp(p, o));
  } else if (q.from === 'oldest') {
    for (const p of live) positions.set(p, start(p));
  } else if (q.from === 'newest') {
    direction = 'b';
    const back = Math.ceil(newestRecords / Math.max(1, live.length));
    for (const p of live) positions.set(p, Math.max(start(p), end(p) - back));
  } else if (q.from === 'offset') {
    const offset = q.offset ?? 0;
    if (live.length && live.every((p) => offset > end(p))) {
      const ends = live.map((p) => `${p}: ${end(p)}`).join(', ');
      throw new ApiError(
        'unprocessable',
        `Offset ${offset} is beyond the end of ${live.length === 1 ? `partition ${live[0]}` : 'every chosen partition'} (log end offsets ${ends})`,
        { field: 'offset' },
      );
    }
    for (const p of live) positions.set(p, clamp(p, offset));
  } else {
    const found = await timeIndex.offsetsForTimestamp(q.timestamp ?? 0, live);
    for (const p of live) {
      const o = found.get(p);
      if (o == null) warnings.push({ partition: p, message: 'skipped: no offset for that timestamp (leader unavailable)' });
      else positions.set(p, clamp(p, o));
    }
  }
  return { positions, direction, warnings };
}
