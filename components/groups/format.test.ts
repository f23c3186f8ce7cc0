import { describe, expect, test } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  test.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [200_000, '3 min 20 s'],
    [7_500_000, '2 h 5 min'],
    [370_800_000, '4 d 7 h'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
