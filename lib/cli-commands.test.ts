import { expect, test } from 'vitest';
import { cli, shareDeleteOffsetsCli, shareResetCli, shareWritesCli } from './cli-commands';

test('CLI equivalents quote what the shell would split', () => {
  expect(cli.createTopic('h:9092', { name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '172800000' } })).toBe(
    'kafka-topics.sh --bootstrap-server h:9092 --create --topic orders --partitions 3 --replication-factor 1 --config retention.ms=172800000',
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'cleanup.policy', 'compact,delete')).toBe(
    "kafka-configs.sh --bootstrap-server h:9092 --entity-type topics --entity-name t --alter --add-config 'cleanup.policy=[compact,delete]'",
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'x', 'a b')).toContain(`--add-config 'x=a b'`);
});

test('kafka-share-groups commands: the strategies the tool has, and what is sent where it has none', () => {
  const bs = 'h:9092';
  expect(shareResetCli(bs, 'g', { type: 'topic', topic: 'orders' }, { type: 'earliest' })).toBe(
    'kafka-share-groups --bootstrap-server h:9092 --group g --reset-offsets --to-earliest --topic orders --execute',
  );
  expect(shareResetCli(bs, 'g', { type: 'group' }, { type: 'latest' })).toBe(
    'kafka-share-groups --bootstrap-server h:9092 --group g --reset-offsets --to-latest --all-topics --execute',
  );
  expect(shareResetCli(bs, 'g', { type: 'partitions', topic: 'orders', partitions: [0, 2] }, { type: 'timestamp', timestamp: '2026-05-01T12:00:00Z' })).toBe(
    'kafka-share-groups --bootstrap-server h:9092 --group g --reset-offsets --to-datetime 2026-05-01T12:00:00.000+00:00 --topic orders:0,2 --execute',
  );
  expect(shareResetCli(bs, 'g', { type: 'topic', topic: 'orders' }, { type: 'offset', offset: 7 })).toBe(
    '# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group g setting the start offset of orders to 7',
  );
  expect(shareDeleteOffsetsCli(bs, "it's", 'orders')).toBe(`kafka-share-groups --bootstrap-server h:9092 --group 'it'\\''s' --delete-offsets --topic orders`);
  expect(
    shareWritesCli(bs, 'g', [
      { topic: 'a', partition: 0, offset: '5' },
      { topic: 'a', partition: 1, offset: null },
      { topic: 'b', partition: 0, offset: null },
    ]),
  ).toEqual([
    'kafka-share-groups --bootstrap-server h:9092 --group g --delete-offsets --topic a',
    '# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group g setting the start offset of a:0 to 5',
    'kafka-share-groups --bootstrap-server h:9092 --group g --delete-offsets --topic b',
  ]);
});
