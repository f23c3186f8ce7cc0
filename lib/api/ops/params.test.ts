import { expect, test } from 'vitest';
import { operations } from '.';
import { topicName } from '@/lib/schemas/common';

test('every topic path parameter is checked by the one topic name rule', () => {
  const withTopic = operations.filter((o) => o.path.includes('{topic}'));
  expect(withTopic.length).toBeGreaterThan(0);
  for (const o of withTopic) expect((o.params as unknown as { shape: Record<string, unknown> }).shape.topic, o.id).toBe(topicName);
});
