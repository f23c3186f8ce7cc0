import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/errors';
import { encodeCursor, readablePartitions, startPositions, type Ranges, type StartQuery } from './positions';

// Partition 0 holds offsets 10-19 (retention removed 0-9), 1 is empty (retention removed
// 0-4: start = end = 5), 2 holds 0-99.
const ranges: Ranges = new Map([
  [0, { start: 10, end: 20 }],
  [1, { start: 5, end: 5 }],
  [2, { start: 0, end: 100 }],
]);
const live = [0, 1, 2];

/** A time index answering fixed offsets, and recording what it was asked. */
function timeIndex(answers: Record<number, number | null> = {}) {
  const asked: { ts: number; partitions: number[] }[] = [];
  return {
    asked,
    async offsetsForTimestamp(ts: number, partitions: number[] = []) {
      asked.push({ ts, partitions });
      return new Map(partitions.map((p) => [p, answers[p] ?? null]));
    },
  };
}

async function start(q: Partial<StartQuery>, opts: { live?: number[]; index?: ReturnType<typeof timeIndex>; newestRecords?: number } = {}) {
  const index = opts.index ?? timeIndex();
  const s = await startPositions({ from: 'oldest', ...q }, opts.live ?? live, ranges, index, opts.newestRecords);
  if (q.from !== 'timestamp' || q.cursor) expect(index.asked).toEqual([]);
  return { positions: Object.fromEntries(s.positions), direction: s.direction, warnings: s.warnings };
}

async function refusal(q: Partial<StartQuery>, partitions = live): Promise<ApiError> {
  const err = await start(q, { live: partitions }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('readablePartitions', () => {
  test('keeps the partitions whose log start and end are known; each other one is a warning saying why', () => {
    const r: Ranges = new Map([
      [0, { start: 0, end: 5 }],
      [1, { start: null, end: 7, error: 'leader 2 did not answer (KafkaJSConnectionError)' }],
      [2, { start: 3, end: null }],
    ]);
    expect(readablePartitions([0, 1, 2], r)).toEqual({
      live: [0],
      warnings: [
        { partition: 1, message: 'skipped: leader 2 did not answer (KafkaJSConnectionError)' },
        { partition: 2, message: 'skipped: offsets unknown' },
      ],
    });
  });
});

describe('startPositions', () => {
  test('oldest: each log start (an empty partition: its start, which is its end)', async () => {
    expect(await start({ from: 'oldest' })).toEqual({ positions: { 0: 10, 1: 5, 2: 0 }, direction: 'f', warnings: [] });
  });

  test('newest: each log end, read backwards', async () => {
    expect(await start({ from: 'newest' })).toEqual({ positions: { 0: 20, 1: 5, 2: 100 }, direction: 'b', warnings: [] });
  });

  test('newest with a record count: that many before the ends, spread over the partitions, never before a log start', async () => {
    expect((await start({ from: 'newest' }, { newestRecords: 10 })).positions).toEqual({ 0: 16, 1: 5, 2: 96 });
    expect((await start({ from: 'newest' }, { newestRecords: 30 })).positions).toEqual({ 0: 10, 1: 5, 2: 90 });
    expect((await start({ from: 'newest' }, { newestRecords: 5, live: [2] })).positions).toEqual({ 2: 95 });
  });

  test('offset: below a log start moves to the start, past a log end to the end', async () => {
    expect((await start({ from: 'offset', offset: 3 })).positions).toEqual({ 0: 10, 1: 5, 2: 3 });
    expect((await start({ from: 'offset', offset: 15 })).positions).toEqual({ 0: 15, 1: 5, 2: 15 });
    expect((await start({ from: 'offset', offset: 50 })).positions).toEqual({ 0: 20, 1: 5, 2: 50 });
    expect((await start({ from: 'offset' })).positions).toEqual({ 0: 10, 1: 5, 2: 0 });
  });

  test('offset: exactly at the log end is not beyond it (nothing to read yet, not an error)', async () => {
    expect((await start({ from: 'offset', offset: 20 }, { live: [0] })).positions).toEqual({ 0: 20 });
    expect((await start({ from: 'offset', offset: 5 }, { live: [1] })).positions).toEqual({ 1: 5 });
  });

  test('offset past the end of every chosen partition is a 422 on the field offset, naming the log ends', async () => {
    const all = await refusal({ from: 'offset', offset: 101 });
    expect(all.status).toBe(422);
    expect(all.extra.field).toBe('offset');
    expect(all.message).toBe('Offset 101 is beyond the end of every chosen partition (log end offsets 0: 20, 1: 5, 2: 100)');
    const empty = await refusal({ from: 'offset', offset: 6 }, [1]);
    expect(empty.message).toBe('Offset 6 is beyond the end of partition 1 (log end offsets 1: 5)');
  });

  test('timestamp: asks the time index for the readable partitions only, and keeps what it answers within the log', async () => {
    // After the last record the index answers the log end; an answer outside the range
    // (the log moved between the two reads) is moved into it.
    const index = timeIndex({ 0: 3, 1: 5, 2: 150 });
    expect(await start({ from: 'timestamp', timestamp: 1_700_000_000_000 }, { index })).toEqual({
      positions: { 0: 10, 1: 5, 2: 100 },
      direction: 'f',
      warnings: [],
    });
    expect(index.asked).toEqual([{ ts: 1_700_000_000_000, partitions: [0, 1, 2] }]);
    expect((await start({ from: 'timestamp', timestamp: 1 }, { index: timeIndex({ 0: 20, 1: 5, 2: 100 }) })).positions).toEqual({ 0: 20, 1: 5, 2: 100 });
  });

  test('timestamp: a partition without an answer is left out with a warning', async () => {
    expect(await start({ from: 'timestamp', timestamp: 1 }, { index: timeIndex({ 0: 12, 2: 40 }) })).toEqual({
      positions: { 0: 12, 2: 40 },
      direction: 'f',
      warnings: [{ partition: 1, message: 'skipped: no offset for that timestamp (leader unavailable)' }],
    });
  });

  test('a cursor replaces from: its direction, its readable partitions only, each moved into its log', async () => {
    const cursor = encodeCursor(
      'b',
      new Map([
        [0, 25],
        [2, 40],
        [3, 7],
      ]),
    );
    expect(await start({ from: 'timestamp', cursor })).toEqual({ positions: { 0: 20, 2: 40 }, direction: 'b', warnings: [] });
    expect(
      await start(
        {
          from: 'oldest',
          cursor: encodeCursor(
            'f',
            new Map([
              [0, 2],
              [1, 9],
              [2, 0],
            ]),
          ),
        },
        { live: [0, 1] },
      ),
    ).toEqual({
      positions: { 0: 10, 1: 5 },
      direction: 'f',
      warnings: [],
    });
  });

  test.each([
    ['not base64 JSON', 'oops'],
    ['a negative offset', Buffer.from(JSON.stringify({ d: 'f', p: [[0, -1]] })).toString('base64url')],
    ['an unknown direction', Buffer.from(JSON.stringify({ d: 'x', p: [] })).toString('base64url')],
  ])('a cursor that is %s is a 400 on the field cursor', async (_, cursor) => {
    const err = await refusal({ cursor });
    expect(err.status).toBe(400);
    expect(err.extra.field).toBe('cursor');
  });

  test('with no readable partition nothing is positioned and no offset is beyond the end', async () => {
    expect(await start({ from: 'offset', offset: 1_000 }, { live: [] })).toEqual({ positions: {}, direction: 'f', warnings: [] });
    expect((await start({ from: 'newest' }, { live: [], newestRecords: 10 })).positions).toEqual({});
  });
});
