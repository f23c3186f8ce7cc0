import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The lag-history store: a compact append-only format of our own (Node 20 has no
 * node:sqlite, and the embedded databases on npm need native builds or downloads from
 * elsewhere). One directory per cluster:
 *
 *   series.jsonl          one line per series: ["key", id]  (append-only dictionary)
 *   raw/<ts>.seg          every sample, one segment per hour  (kept rawRetentionMs)
 *   m5/<ts>.seg           one sample per 5 minutes, a segment per day  (kept downsampledRetentionMs)
 *
 * A segment is a run of frames, each [u32 length][payload]. A payload is the sample time
 * (float64 ms) and the series that changed since the previous frame of the segment, as
 * (id delta, value delta) zig-zag varints, then the ids that disappeared. The first frame
 * of a segment holds every value, so a segment reads on its own and retention is deleting
 * files. An idle partition costs nothing per sample. A frame cut short by a crash is
 * dropped when the segment is opened again.
 *
 * Offsets are counters, so keeping one sample per 5 minutes keeps rates exact over those
 * 5 minutes; lag there is the lag at each 5-minute mark.
 */

export interface Tier {
  name: 'raw' | 'm5';
  /** Keep one sample per this many ms (0: every sample). */
  stepMs: number;
  segmentMs: number;
  retentionMs: number;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function defaultTiers(rawRetentionMs = DAY, downsampledRetentionMs = 30 * DAY): Tier[] {
  return [
    { name: 'raw', stepMs: 0, segmentMs: HOUR, retentionMs: rawRetentionMs },
    { name: 'm5', stepMs: 5 * 60_000, segmentMs: DAY, retentionMs: downsampledRetentionMs },
  ];
}

// ---- varints (values up to 2^53, so arithmetic rather than 32-bit bitwise operators) ----

class Out {
  buf = Buffer.allocUnsafe(1024);
  len = 0;
  private room(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  uvarint(n: number) {
    this.room(10);
    while (n >= 128) {
      this.buf[this.len++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.buf[this.len++] = n;
  }
  svarint(n: number) {
    this.uvarint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  f64(n: number) {
    this.room(8);
    this.buf.writeDoubleLE(n, this.len);
    this.len += 8;
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

class In {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end: number,
  ) {}
  uvarint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      n += (b & 127) * mul;
      if (b < 128) return n;
      mul *= 128;
    }
  }
  svarint(): number {
    const z = this.uvarint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
  f64(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
}

/** Frame payload: the changes from `prev` to `next` (all of `next` when prev is empty). */
export function encodeFrame(ts: number, prev: Map<number, number>, next: Map<number, number>): Buffer {
  const changed: number[] = [];
  for (const [id, v] of next) if (prev.get(id) !== v) changed.push(id);
  changed.sort((a, b) => a - b);
  const removed: number[] = [];
  for (const id of prev.keys()) if (!next.has(id)) removed.push(id);
  removed.sort((a, b) => a - b);
  const o = new Out();
  o.f64(ts);
  o.uvarint(changed.length);
  let last = -1;
  for (const id of changed) {
    o.uvarint(id - last - 1);
    last = id;
    o.svarint((next.get(id) as number) - (prev.get(id) ?? 0));
  }
  o.uvarint(removed.length);
  last = -1;
  for (const id of removed) {
    o.uvarint(id - last - 1);
    last = id;
  }
  const payload = o.bytes();
  const framed = Buffer.allocUnsafe(4 + payload.length);
  framed.writeUInt32LE(payload.length, 0);
  payload.copy(framed, 4);
  return framed;
}

/**
 * Reads a segment's frames in order, keeping `state` current; calls `onFrame` after each
 * with the ids that changed. Returns the byte length of the complete frames.
 */
export function decodeSegment(buf: Buffer, state: Map<number, number>, onFrame: (ts: number, changed: number[], removed: number[]) => void): number {
  let pos = 0;
  while (pos + 4 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    if (pos + 4 + len > buf.length) break;
    const r = new In(buf, pos + 4 + len);
    r.pos = pos + 4;
    try {
      const ts = r.f64();
      const n = r.uvarint();
      const changed: number[] = new Array(n);
      let id = -1;
      for (let i = 0; i < n; i++) {
        id += r.uvarint() + 1;
        state.set(id, (state.get(id) ?? 0) + r.svarint());
        changed[i] = id;
      }
      const m = r.uvarint();
      const removed: number[] = new Array(m);
      id = -1;
      for (let i = 0; i < m; i++) {
        id += r.uvarint() + 1;
        state.delete(id);
        removed[i] = id;
      }
      onFrame(ts, changed, removed);
    } catch {
      break;
    }
    pos += 4 + len;
  }
  return pos;
}

/**
 * decodeSegment for a few series: values of ids outside `slot` are read past, not kept, so
 * reading a handful of series out of tens of thousands costs one pass over the bytes.
 */
export function decodeWanted(buf: Buffer, slot: Int32Array, count: number, onFrame: (ts: number, values: Float64Array) => void): void {
  const values = new Float64Array(count).fill(Number.NaN);
  const acc = new Float64Array(count);
  let pos = 0;
  while (pos + 4 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const end = pos + 4 + len;
    if (end > buf.length) break;
    let p = pos + 4;
    const ts = buf.readDoubleLE(p);
    p += 8;
    // inline varints: this loop runs once per stored value
    const uv = (): number => {
      let n = 0;
      let mul = 1;
      for (;;) {
        if (p >= end) throw new RangeError('damaged frame');
        const b = buf[p++];
        n += (b & 127) * mul;
        if (b < 128) return n;
        mul *= 128;
      }
    };
    let n: number;
    try {
      n = uv();
    } catch {
      break;
    }
    let id = -1;
    let damaged = false;
    try {
      while (n-- > 0) {
        id += uv() + 1;
        const z = uv();
        const k = id < slot.length ? slot[id] : -1;
        if (k >= 0) {
          acc[k] += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
          values[k] = acc[k];
        }
      }
      let m = uv();
      id = -1;
      while (m-- > 0) {
        id += uv() + 1;
        const k = id < slot.length ? slot[id] : -1;
        if (k >= 0) {
          acc[k] = 0;
          values[k] = Number.NaN;
        }
      }
    } catch {
      damaged = true;
    }
    if (damaged || p !== end) break; // a damaged frame: stop at the last good one
    onFrame(ts, values);
    pos = end;
  }
}

interface Segment {
  start: number;
  path: string;
}

/** One tier: its segment files and the values its current segment holds. */
class TierLog {
  private current: { seg: Segment; fd: number } | null = null;
  private state = new Map<number, number>();
  private lastWritten = -Infinity;

  constructor(
    readonly tier: Tier,
    readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.lastWritten = this.lastSample();
  }

  segments(): Segment[] {
    return readdirSync(this.dir)
      .filter((f) => /^\d+\.seg$/.test(f))
      .map((f) => ({ start: Number(f.slice(0, -4)), path: join(this.dir, f) }))
      .sort((a, b) => a.start - b.start);
  }

  /** True when a sample at ts belongs in this tier. */
  wants(ts: number): boolean {
    if (this.tier.stepMs === 0) return true;
    return Math.floor(ts / this.tier.stepMs) !== Math.floor(this.lastWritten / this.tier.stepMs);
  }

  append(ts: number, values: Map<number, number>) {
    if (!this.wants(ts)) return;
    if (this.current && Math.floor(ts / this.tier.segmentMs) !== Math.floor(this.current.seg.start / this.tier.segmentMs)) this.close();
    if (!this.current) {
      // A new segment starts with every value (after a restart too: the old one stays as written).
      const seg = { start: ts, path: join(this.dir, `${Math.trunc(ts)}.seg`) };
      if (existsSync(seg.path)) this.repair(seg.path);
      this.current = { seg, fd: openSync(seg.path, 'a') };
      this.state = new Map();
    }
    const frame = encodeFrame(ts, this.state, values);
    writeSync(this.current.fd, frame);
    this.state = new Map(values);
    this.lastWritten = ts;
  }

  /** Drops a frame cut short by a crash. */
  private repair(path: string) {
    const buf = readFileSync(path);
    const good = decodeSegment(buf, new Map(), () => {});
    if (good < buf.length) truncateSync(path, good);
  }

  close() {
    if (!this.current) return;
    try {
      fsyncSync(this.current.fd);
    } catch {}
    closeSync(this.current.fd);
    this.current = null;
  }

  /** Deletes segments whose every sample is older than the retention. */
  prune(now: number) {
    const segs = this.segments();
    for (let i = 0; i < segs.length - 1; i++) {
      if (segs[i + 1].start <= now - this.tier.retentionMs && segs[i].path !== this.current?.seg.path) unlinkSync(segs[i].path);
    }
  }

  /**
   * The samples of the wanted ids between from and to (inclusive): `slot[id]` is the wanted
   * id's index (-1 for the others, which are skipped without being kept); `onPoint` gets the
   * time and each wanted slot's value (NaN where the series has none then).
   */
  read(slot: Int32Array, count: number, from: number, to: number, onPoint: (ts: number, values: Float64Array) => void) {
    const segs = this.segments();
    for (let i = 0; i < segs.length; i++) {
      const end = segs[i + 1]?.start ?? Infinity;
      if (end < from || segs[i].start > to) continue;
      let buf: Buffer;
      try {
        buf = readFileSync(segs[i].path);
      } catch {
        continue; // pruned meanwhile
      }
      decodeWanted(buf, slot, count, (ts, values) => {
        if (ts >= from && ts <= to) onPoint(ts, values);
      });
    }
  }

  bytes(): number {
    return this.segments().reduce((n, s) => n + statSync(s.path).size, 0);
  }

  /** Time of the last sample written (-Infinity when none). */
  lastSample(): number {
    const last = this.segments().at(-1);
    if (!last) return -Infinity;
    let ts = -Infinity;
    decodeSegment(readFileSync(last.path), new Map(), (t) => (ts = t));
    return ts === -Infinity ? last.start : ts;
  }
}

export interface Series {
  t: number[];
  v: number[];
}

/** The store of one cluster. Not shared between processes: each instance keeps its own copy. */
export class HistoryStore {
  private ids = new Map<string, number>();
  private keys: string[] = [];
  private readonly tiers: TierLog[];
  private lastTs = -Infinity;

  constructor(
    readonly dir: string,
    readonly tierSpecs: Tier[] = defaultTiers(),
  ) {
    mkdirSync(dir, { recursive: true });
    const dict = join(dir, 'series.jsonl');
    if (existsSync(dict)) {
      for (const line of readFileSync(dict, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const [key, id] = JSON.parse(line) as [string, number];
          this.ids.set(key, id);
          this.keys[id] = key;
        } catch {
          // a line cut short by a crash: its id is unused, as frames written after it never named it
        }
      }
    }
    this.tiers = tierSpecs.map((t) => new TierLog(t, join(dir, t.name)));
    this.lastTs = Math.max(...this.tiers.map((t) => t.lastSample()));
  }

  /** Time of the newest sample (-Infinity when empty). */
  get newest(): number {
    return this.lastTs;
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys[id] = key;
      appendFileSync(join(this.dir, 'series.jsonl'), `${JSON.stringify([key, id])}\n`);
    }
    return id;
  }

  /** Appends one sample (every series' current value); samples must come in time order. */
  append(ts: number, values: Map<string, number>) {
    if (ts <= this.lastTs) return;
    this.lastTs = ts;
    const byId = new Map<number, number>();
    for (const [k, v] of values) if (Number.isFinite(v)) byId.set(this.idOf(k), v);
    for (const t of this.tiers) t.append(ts, byId);
  }

  /** The tier that covers `from`: raw while it holds it, else the downsampled one. */
  tierFor(from: number, now = Date.now()): Tier {
    return (this.tiers.find((t) => from >= now - t.tier.retentionMs) ?? this.tiers[this.tiers.length - 1]).tier;
  }

  /** Series by key between from and to; a series absent at a sample has no point there. */
  query(keys: string[], from: number, to: number, opts: { tier?: Tier['name']; now?: number } = {}): Map<string, Series> {
    const tier = opts.tier ? this.tiers.find((t) => t.tier.name === opts.tier) : this.tiers.find((t) => t.tier === this.tierFor(from, opts.now));
    const out = new Map<string, Series>();
    const wanted = new Map<number, string>();
    for (const k of keys) {
      const id = this.ids.get(k);
      if (id !== undefined) wanted.set(id, k);
    }
    if (!tier || wanted.size === 0) return out;
    const slot = new Int32Array(this.keys.length).fill(-1);
    const slotKeys: string[] = [];
    for (const [id, key] of wanted) {
      slot[id] = slotKeys.length;
      slotKeys.push(key);
    }
    const series: Series[] = slotKeys.map(() => ({ t: [], v: [] }));
    tier.read(slot, slotKeys.length, from, to, (ts, values) => {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (Number.isNaN(v)) continue;
        series[i].t.push(ts);
        series[i].v.push(v);
      }
    });
    for (let i = 0; i < slotKeys.length; i++) if (series[i].t.length) out.set(slotKeys[i], series[i]);
    return out;
  }

  /** Keys with the given prefix (the dictionary is in memory). */
  keysWithPrefix(prefix: string): string[] {
    return this.keys.filter((k) => k?.startsWith(prefix));
  }

  prune(now = Date.now()) {
    for (const t of this.tiers) t.prune(now);
  }

  bytes(): number {
    const dict = join(this.dir, 'series.jsonl');
    return (existsSync(dict) ? statSync(dict).size : 0) + this.tiers.reduce((n, t) => n + t.bytes(), 0);
  }

  close() {
    for (const t of this.tiers) t.close();
  }
}
