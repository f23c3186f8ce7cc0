import { describe, expect, it } from 'vitest';
import { drainOf, groupDrain, rateSince, rates, slopeSince, thin, timeLags } from './analysis';

describe('rates', () => {
  it('is the per-second change between samples, null where a counter went back', () => {
    expect(rates({ t: [0, 1000, 3000, 4000], v: [0, 10, 50, 20] })).toEqual([null, 10, 20, null]);
    expect(rateSince({ t: [0, 1000, 3000, 4000], v: [0, 10, 50, 60] }, 1000)).toBe(50 / 3);
    expect(rateSince({ t: [0], v: [0] }, 0)).toBeNull();
  });
  it('slope fits a line', () => {
    expect(slopeSince({ t: [0, 1000, 2000, 3000], v: [5, 7, 9, 11] }, 0)).toBeCloseTo(2);
  });
});

describe('timeLags', () => {
  it('is how long ago the end offset was where the committed offset is', () => {
    const end = { t: [0, 10_000, 20_000, 30_000], v: [0, 100, 200, 300] };
    // at 30 s the group is at 150: the end passed 150 at 15 s -> 15 s behind
    expect(timeLags(end, { t: [10_000, 20_000, 30_000], v: [100, 120, 150] })).toEqual([0, 8_000, 15_000]);
  });
  it('is unknown when the committed offset is older than the history', () => {
    expect(timeLags({ t: [0, 1000], v: [50, 60] }, { t: [1000], v: [10] })).toEqual([null]);
  });
});

describe('time to drain', () => {
  it('per partition', () => {
    expect(drainOf({ lag: 0, consumeRate: 1, produceRate: 1 })).toEqual({ status: 'caught-up' });
    expect(drainOf({ lag: 1000, consumeRate: 30, produceRate: 10 })).toEqual({ status: 'draining', etaMs: 50_000 });
    expect(drainOf({ lag: 1000, consumeRate: 5, produceRate: 10 })).toEqual({ status: 'falling-behind', growthPerSec: 5 });
    expect(drainOf({ lag: 10, consumeRate: 0, produceRate: 0 })).toEqual({ status: 'stalled' });
    expect(drainOf({ lag: 10, consumeRate: null, produceRate: 0 }).status).toBe('unknown');
  });
  it('a group takes its slowest partition, not the sum', () => {
    const a = { id: 'a', lag: 1000, consumeRate: 20, produceRate: 10 }; // 100 s
    const b = { id: 'b', lag: 3000, consumeRate: 110, produceRate: 10 }; // 30 s
    const r = groupDrain([a, b]);
    expect(r.drain).toEqual({ status: 'draining', etaMs: 100_000 });
    expect(r.slowest?.id).toBe('a');
    const c = { id: 'c', lag: 5, consumeRate: 1, produceRate: 2 };
    expect(groupDrain([a, b, c]).drain.status).toBe('falling-behind');
    expect(groupDrain([{ lag: 0, consumeRate: 0, produceRate: 0 }]).drain.status).toBe('caught-up');
  });
});

describe('thin', () => {
  it('keeps at most max points, the last among them', () => {
    expect(thin(3, 5)).toEqual([0, 1, 2]);
    const t = thin(1000, 10);
    expect(t.length).toBe(10);
    expect(t.at(-1)).toBe(999);
  });
});
