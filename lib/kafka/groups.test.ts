import { describe, expect, test } from 'vitest';
import { resetCli, summedLag } from './groups';
import type { GroupPartition } from '@/lib/types';

describe('resetCli', () => {
  test('builds the kafka-consumer-groups command, quoting what the shell would split', () => {
    expect(resetCli('h:9092', 'orders', { type: 'topic', topic: 't' }, { type: 'earliest' })).toBe(
      'kafka-consumer-groups --bootstrap-server h:9092 --group orders --reset-offsets --to-earliest --topic t --execute',
    );
    expect(resetCli('h:9092', "my group's", { type: 'partitions', topic: 't', partitions: [0, 2] }, { type: 'shift', by: -5 })).toBe(
      "kafka-consumer-groups --bootstrap-server h:9092 --group 'my group'\\''s' --reset-offsets --shift-by -5 --topic t:0,2 --execute",
    );
    expect(resetCli('h:9092', 'g', { type: 'group' }, { type: 'timestamp', timestamp: '2024-05-01T12:00:00+02:00' })).toBe(
      'kafka-consumer-groups --bootstrap-server h:9092 --group g --reset-offsets --to-datetime 2024-05-01T10:00:00.000+00:00 --all-topics --execute',
    );
  });
});

describe('summedLag', () => {
  const row = (committed: string | null, lag: number | null): GroupPartition =>
    ({ topic: 't', partition: 0, committed, logStart: '0', logEnd: '10', lag, timeLagMs: null, owner: null });

  test('sums the partitions that have a committed offset', () => {
    expect(summedLag([row('4', 6), row('10', 0), row(null, null)])).toBe(6);
  });

  test('is unknown, not zero, when nothing is committed yet or a committed partition has no known log end', () => {
    expect(summedLag([row(null, null), row(null, null)])).toBeNull();
    expect(summedLag([row('4', 6), row('3', null)])).toBeNull();
  });
});
