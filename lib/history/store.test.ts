import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, decodeSegment, decodeWanted, encodeFrame, HistoryStore, HOUR } from './store';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'history-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('frames', () => {
  it('round-trips changes, removals and large offsets', () => {
    const a = new Map([
      [0, 5],
      [3, 2 ** 52],
      [7, -4],
    ]);
    const b = new Map([
      [0, 5],
      [3, 2 ** 52 + 17],
      [9, 1],
    ]);
    const buf = Buffer.concat([encodeFrame(1000, new Map(), a), encodeFrame(2000, a, b)]);
    const state = new Map<number, number>();
    const frames: [number, number[], number[]][] = [];
    decodeSegment(buf, state, (ts, changed, removed) => frames.push([ts, changed, removed]));
    expect(frames).toEqual([
      [1000, [0, 3, 7], []],
      [2000, [3, 9], [7]],
    ]);
    expect(state).toEqual(b);
  });
});

describe('HistoryStore', () => {
  const t0 = Date.UTC(2026, 0, 1);

  it('answers what was written, survives a reopen, and drops a frame cut short', () => {
    const dir = tmp();
    const s = new HistoryStore(dir);
    for (let i = 0; i < 10; i++) s.append(t0 + i * 30_000, new Map([['a', i * 100], ['b', 7], ...(i < 5 ? ([['c', i]] as [string, number][]) : [])]));
    s.close();
    const r = new HistoryStore(dir);
    const q = r.query(['a', 'b', 'c', 'missing'], t0, t0 + 10 * 30_000, { tier: 'raw' });
    expect(q.get('a')?.v).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(q.get('b')?.v).toEqual(Array(10).fill(7));
    expect(q.get('c')?.t).toEqual([0, 1, 2, 3, 4].map((i) => t0 + i * 30_000));
    expect(q.has('missing')).toBe(false);
    // A crash mid-frame: the tail is dropped when the segment is appended to again.
    const seg = join(dir, 'raw', readdirSync(join(dir, 'raw'))[0]);
    truncateSync(seg, statSync(seg).size - 3);
    const q2 = new HistoryStore(dir).query(['a'], t0, t0 + HOUR, { tier: 'raw' });
    expect(q2.get('a')?.v).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800]);
  });

  it('keeps one sample per 5 minutes in the downsampled tier and prunes by retention', () => {
    const dir = tmp();
    const s = new HistoryStore(dir);
    const n = (3 * DAY) / 30_000;
    for (let i = 0; i <= n; i++) s.append(t0 + i * 30_000, new Map([['a', i]]));
    const m5 = s.query(['a'], t0, t0 + 3 * DAY, { tier: 'm5' }).get('a');
    expect(m5?.t.length).toBe((3 * DAY) / 300_000 + 1);
    expect(m5?.v.slice(0, 3)).toEqual([0, 10, 20]);
    s.prune(t0 + 3 * DAY);
    const raw = s.query(['a'], t0, t0 + 3 * DAY, { tier: 'raw' }).get('a');
    // raw keeps a day (hour segments: the oldest kept one may start up to an hour earlier)
    expect(raw?.t[0]).toBeGreaterThanOrEqual(t0 + 2 * DAY - HOUR);
    expect(raw?.t[0]).toBeLessThanOrEqual(t0 + 2 * DAY);
    expect(s.tierFor(t0 + 2.5 * DAY, t0 + 3 * DAY).name).toBe('raw');
    expect(s.tierFor(t0, t0 + 3 * DAY).name).toBe('m5');
  });

  it('costs next to nothing for series that do not change', () => {
    const dir = tmp();
    const s = new HistoryStore(dir);
    const values = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) values.set(`idle-${i}`, 1_000_000 + i);
    s.append(t0, values);
    const first = s.bytes();
    for (let i = 1; i <= 100; i++) s.append(t0 + i * 30_000, values);
    // 100 samples of 10,000 idle series: ~14 bytes each, not 100 x the first frame
    expect(s.bytes() - first).toBeLessThan(100 * 20);
  });
});

describe('reading a few series out of many', () => {
  it('gives the same points as the full decode, and stops at a damaged frame', () => {
    const a = new Map([
      [0, 1],
      [5, 10],
      [9, 100],
    ]);
    const b = new Map([
      [0, 2],
      [9, 90],
    ]);
    const c = new Map([
      [0, 3],
      [5, 7],
      [9, 90],
    ]);
    const buf = Buffer.concat([encodeFrame(1, new Map(), a), encodeFrame(2, a, b), encodeFrame(3, b, c)]);
    const slot = new Int32Array(10).fill(-1);
    slot[5] = 0;
    slot[9] = 1;
    const seen: [number, number[]][] = [];
    decodeWanted(buf, slot, 2, (ts, v) => seen.push([ts, [...v]]));
    expect(seen).toEqual([
      [1, [10, 100]],
      [2, [Number.NaN, 90]],
      [3, [7, 90]],
    ]);
    // a frame whose bytes were overwritten: the points before it are kept, nothing after
    const damaged = Buffer.from(buf);
    const second = 4 + buf.readUInt32LE(0);
    damaged.fill(0xff, second + 4 + 8, second + 4 + 8 + 3);
    const kept: number[] = [];
    decodeWanted(damaged, slot, 2, (ts) => kept.push(ts));
    expect(kept).toEqual([1]);
  });
});
