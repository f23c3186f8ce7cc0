import { describe, expect, test } from 'vitest';
import { topicName } from './common';

describe('topic name rules', () => {
  test.each(['orders', 'a.b_c-D9', 'x'.repeat(249), '...x'])('accepts %s', (n) => expect(topicName.safeParse(n).success).toBe(true));
  test.each(['', '.', '..', 'x'.repeat(250), 'has space', 'ümlaut', 'a/b'])('refuses %j', (n) => expect(topicName.safeParse(n).success).toBe(false));
});
