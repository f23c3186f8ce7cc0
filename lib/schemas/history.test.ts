import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_CHARS, MAX_SUMMARY_ROWS, summaryChunks } from './history';

describe('summaryChunks', () => {
  it('splits by count and by URL length, keeping every name once and in order', () => {
    const many = Array.from({ length: 450 }, (_, i) => `t${i}`);
    const byCount = summaryChunks(many);
    expect(byCount.map((c) => c.length)).toEqual([MAX_SUMMARY_ROWS, MAX_SUMMARY_ROWS, 50]);
    expect(byCount.flat()).toEqual(many);
    const long = Array.from({ length: 100 }, (_, i) => `${'g'.repeat(240)}-${i}`);
    const byLength = summaryChunks(long);
    expect(byLength.flat()).toEqual(long);
    for (const c of byLength) expect(c.map(encodeURIComponent).join(',').length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summaryChunks([])).toEqual([]);
  });
});
