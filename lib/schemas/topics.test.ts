import { expect, test } from 'vitest';
import { collidingTopics, createTopicBody } from './topics';

test('"." and "_" collisions are found both ways, but a name never collides with itself', () => {
  expect(collidingTopics('a.b', ['a_b', 'a.b', 'ab'])).toEqual(['a_b']);
  expect(collidingTopics('a_b', ['a.b'])).toEqual(['a.b']);
  expect(collidingTopics('ab', ['a_b'])).toEqual([]);
});

test('create body: partitions and replication factor are positive whole numbers; configs default to none', () => {
  expect(createTopicBody.parse({ name: 't', partitions: 3, replicationFactor: 1 })).toEqual({
    name: 't',
    partitions: 3,
    replicationFactor: 1,
    configs: {},
    validateOnly: false,
  });
  for (const bad of [{ partitions: 0 }, { partitions: -1 }, { partitions: 1.5 }, { replicationFactor: 0 }]) {
    expect(createTopicBody.safeParse({ name: 't', partitions: 1, replicationFactor: 1, ...bad }).success).toBe(false);
  }
});
