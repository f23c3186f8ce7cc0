/**
 * What the stored series mean: rates from offset counters, lag in time, time to drain and
 * trends. Pure, so the unit tests check the arithmetic on exact inputs.
 */

export interface Series {
  t: number[];
  v: number[];
}

/** Per-second rate between consecutive samples, at the later one; a counter going back (a topic recreated) gives null. */
export function rates(s: Series): (number | null)[] {
  const out: (number | null)[] = [null];
  for (let i = 1; i < s.t.length; i++) {
    const dt = s.t[i] - s.t[i - 1];
    const dv = s.v[i] - s.v[i - 1];
    out.push(dt > 0 && dv >= 0 ? (dv * 1000) / dt : null);
  }
  return out.slice(0, s.t.length);
}

/** Average per-second rate over the samples at or after `from`: (last - first) / time; null with fewer than two. */
export function rateSince(s: Series, from: number): number | null {
  let i = 0;
  while (i < s.t.length && s.t[i] < from) i++;
  const last = s.t.length - 1;
  if (last - i < 1) return null;
  const dt = s.t[last] - s.t[i];
  const dv = s.v[last] - s.v[i];
  return dt > 0 && dv >= 0 ? (dv * 1000) / dt : null;
}

/** Least-squares slope (per second) of the samples at or after `from`; null with fewer than two. */
export function slopeSince(s: Series, from: number): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < s.t.length; i++) {
    if (s.t[i] >= from) {
      xs.push(s.t[i] / 1000);
      ys.push(s.v[i]);
    }
  }
  if (xs.length < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den > 0 ? num / den : null;
}

/**
 * Lag in time at each committed sample: how long ago the partition's end offset was where
 * the group's committed offset is now (interpolated between samples). Null where the
 * committed offset is older than the history, or no end sample is known.
 */
export function timeLags(end: Series, committed: Series): (number | null)[] {
  const out: (number | null)[] = [];
  let k = -1;
  for (let i = 0; i < committed.t.length; i++) {
    const t = committed.t[i];
    const c = committed.v[i];
    while (k + 1 < end.t.length && end.t[k + 1] <= t) k++; // the last end sample at or before t
    if (k < 0) {
      out.push(null);
      continue;
    }
    if (c >= end.v[k]) {
      out.push(0);
      continue;
    }
    // the first sample in 0..k whose end offset reached c (end offsets never go back)
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end.v[mid] >= c) hi = mid;
      else lo = mid + 1;
    }
    if (lo === 0) {
      out.push(end.v[0] === c ? t - end.t[0] : null);
      continue;
    }
    const v0 = end.v[lo - 1];
    const v1 = end.v[lo];
    const at = end.t[lo - 1] + ((c - v0) / (v1 - v0)) * (end.t[lo] - end.t[lo - 1]);
    out.push(Math.max(0, Math.round(t - at)));
  }
  return out;
}

export type Drain =
  | { status: 'caught-up' }
  | { status: 'draining'; etaMs: number }
  | { status: 'falling-behind'; growthPerSec: number }
  | { status: 'stalled' }
  | { status: 'unknown'; reason: string };

export interface PartitionFlow {
  lag: number;
  /** records/s the group commits, and the partition receives, over the recent window */
  consumeRate: number | null;
  produceRate: number | null;
}

/** One partition: caught up, draining in `lag / (consume - produce)`, falling behind, or stalled. */
export function drainOf(p: PartitionFlow): Drain {
  if (p.lag === 0) return { status: 'caught-up' };
  if (p.consumeRate === null || p.produceRate === null) return { status: 'unknown', reason: 'not enough samples yet' };
  const net = p.consumeRate - p.produceRate;
  if (net > 0) return { status: 'draining', etaMs: (p.lag / net) * 1000 };
  if (p.consumeRate === 0 && p.produceRate === 0) return { status: 'stalled' };
  return { status: 'falling-behind', growthPerSec: -net };
}

/**
 * A group drains when its slowest partition does (not the sum): the largest estimate wins;
 * any partition falling behind makes the group fall behind.
 */
export function groupDrain<P extends PartitionFlow>(parts: P[]): { drain: Drain; slowest: P | null } {
  let worst: { drain: Drain; slowest: P | null } = { drain: { status: 'caught-up' }, slowest: null };
  const rank = (d: Drain) => ({ 'caught-up': 0, draining: 1, unknown: 2, stalled: 3, 'falling-behind': 4 })[d.status];
  for (const p of parts) {
    const d = drainOf(p);
    const r = rank(d);
    const w = rank(worst.drain);
    if (r > w) worst = { drain: d, slowest: p };
    else if (r === w && d.status === 'draining' && worst.drain.status === 'draining' && d.etaMs > worst.drain.etaMs) worst = { drain: d, slowest: p };
    else if (r === w && d.status === 'falling-behind' && worst.drain.status === 'falling-behind' && d.growthPerSec > worst.drain.growthPerSec)
      worst = { drain: d, slowest: p };
  }
  if (parts.length === 0) return { drain: { status: 'unknown', reason: 'the group has no committed offsets in the history' }, slowest: null };
  return worst;
}

/** At most `max` evenly spaced indexes of n samples, the last always kept. */
export function thin(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = n / max;
  const out: number[] = [];
  for (let i = 0; i < max - 1; i++) out.push(Math.floor(i * step));
  out.push(n - 1);
  return out;
}
