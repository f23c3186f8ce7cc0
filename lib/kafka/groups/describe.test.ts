import { describe, expect, test } from 'vitest';
import type { GroupPartition } from '@/lib/schemas/groups';
import { summedLag } from './describe';

describe('summedLag', () => {
  const row = (committed: string | null, lag: number | null): GroupPartition => ({
    topic: 't',
    partition: 0,
    committed,
    logStart: '0',
    logEnd: '10',
    lag,
    timeLagMs: null,
    owner: null,
  });

  test('sums the partitions that have a committed offset', () => {
    expect(summedLag([row('4', 6), row('10', 0), row(null, null)])).toBe(6);
  });

  test('is unknown, not zero, when nothing is committed yet or a committed partition has no known log end', () => {
    expect(summedLag([row(null, null), row(null, null)])).toBeNull();
    expect(summedLag([row('4', 6), row('3', null)])).toBeNull();
  });
});
