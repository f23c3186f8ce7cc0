import { expect, test } from 'vitest';
import { cli } from './cli-commands';

test('CLI equivalents quote what the shell would split', () => {
  expect(cli.createTopic('h:9092', { name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '172800000' } })).toBe(
    'kafka-topics.sh --bootstrap-server h:9092 --create --topic orders --partitions 3 --replication-factor 1 --config retention.ms=172800000',
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'cleanup.policy', 'compact,delete')).toBe(
    "kafka-configs.sh --bootstrap-server h:9092 --entity-type topics --entity-name t --alter --add-config 'cleanup.policy=[compact,delete]'",
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'x', 'a b')).toContain(`--add-config 'x=a b'`);
});
