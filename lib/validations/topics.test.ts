import { describe, expect, test } from 'vitest';
import { collidingTopics, createTopicBody, topicName } from './topics';
import { cli } from '@/lib/cli-commands';

describe('topic name rules', () => {
  test.each(['orders', 'a.b_c-D9', 'x'.repeat(249), '...x'])('accepts %s', (n) => expect(topicName.safeParse(n).success).toBe(true));
  test.each(['', '.', '..', 'x'.repeat(250), 'has space', 'ümlaut', 'a/b'])('refuses %j', (n) => expect(topicName.safeParse(n).success).toBe(false));
});

test('"." and "_" collisions are found both ways, but a name never collides with itself', () => {
  expect(collidingTopics('a.b', ['a_b', 'a.b', 'ab'])).toEqual(['a_b']);
  expect(collidingTopics('a_b', ['a.b'])).toEqual(['a.b']);
  expect(collidingTopics('ab', ['a_b'])).toEqual([]);
});

test('create body: partitions and replication factor are positive whole numbers; configs default to none', () => {
  expect(createTopicBody.parse({ name: 't', partitions: 3, replicationFactor: 1 })).toEqual({ name: 't', partitions: 3, replicationFactor: 1, configs: {}, validateOnly: false });
  for (const bad of [{ partitions: 0 }, { partitions: -1 }, { partitions: 1.5 }, { replicationFactor: 0 }]) {
    expect(createTopicBody.safeParse({ name: 't', partitions: 1, replicationFactor: 1, ...bad }).success).toBe(false);
  }
});

test('CLI equivalents quote what the shell would split', () => {
  expect(cli.createTopic('h:9092', { name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '172800000' } })).toBe(
    'kafka-topics.sh --bootstrap-server h:9092 --create --topic orders --partitions 3 --replication-factor 1 --config retention.ms=172800000',
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'cleanup.policy', 'compact,delete')).toBe(
    "kafka-configs.sh --bootstrap-server h:9092 --entity-type topics --entity-name t --alter --add-config 'cleanup.policy=[compact,delete]'",
  );
  expect(cli.setConfig('h:9092', { type: 'topics', name: 't' }, 'x', 'a b')).toContain(`--add-config 'x=a b'`);
});
