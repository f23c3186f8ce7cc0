import 'server-only';
import { isUtf8 } from 'node:buffer';
import { ApiError } from '@/lib/errors';
import type { EventSourceLike } from '@/lib/messages/format';
import {
  isBase64,
  type BrowseQuery,
  type MessagesPage,
  type PartitionWarning,
  type ProduceInput,
  type ProduceResult,
  type StreamDone,
  type StreamError,
  type StreamEvent,
  type WireBytes,
  type WireRecord,
} from '@/lib/schemas/messages';
import { compileUserRegex } from '@/lib/regex';
import { log } from '@/lib/log';
import { clients } from './registry';
import { PartitionReader, assertNotAllFailed, type FetchOutcome, type Isolation } from './reader';
import type { RawRecord, RecordTest } from './record-batch';

// --- wire encoding ---------------------------------------------------------------------

function wireBytes(b: Buffer | null): WireBytes | null {
  if (b === null) return null;
  return isUtf8(b) ? { encoding: 'utf8', data: b.toString('utf8') } : { encoding: 'base64', data: b.toString('base64') };
}

export function toWire(r: RawRecord): WireRecord {
  return {
    partition: r.partition,
    offset: String(r.offset),
    timestamp: r.timestamp,
    timestampType: r.timestampType,
    key: wireBytes(r.key),
    value: wireBytes(r.value),
    headers: r.headers.map((h) => ({ key: h.key, value: wireBytes(h.value) })),
    size: r.size,
  };
}

// --- cursors ---------------------------------------------------------------------------

interface Cursor {
  d: 'f' | 'b';
  p: [number, number][];
}

export function encodeCursor(d: 'f' | 'b', positions: Map<number, number>): string {
  return Buffer.from(JSON.stringify({ d, p: [...positions] } satisfies Cursor)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if ((c.d === 'f' || c.d === 'b') && Array.isArray(c.p) && c.p.every((x) => Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && n >= 0))) return c;
  } catch {
    // reported below
  }
  throw new ApiError('bad_request', 'The cursor is not valid (use the next or prev cursor of a page as it was returned)', { field: 'cursor' });
}

// --- filters ---------------------------------------------------------------------------

export interface Filter {
  text: string;
  field: 'key' | 'value' | 'header' | 'any';
  mode: 'contains' | 'exact' | 'regex';
  ignoreCase: boolean;
  headerKey?: string;
}

type BytesMatch = (b: Buffer | null) => boolean;

function textMatch(f: Filter): BytesMatch {
  const needle = Buffer.from(f.text, 'utf8');
  const lower = f.text.toLowerCase();
  return (b) => {
    if (b === null) return false;
    if (!f.ignoreCase) return f.mode === 'exact' ? b.equals(needle) : b.indexOf(needle) >= 0;
    if (f.mode === 'exact' && b.length < needle.length / 4) return false;
    const s = b.toString('utf8').toLowerCase();
    return f.mode === 'exact' ? s === lower : s.includes(lower);
  };
}

/** Compiled once per stream, run on the bytes by RE2: linear time whatever the pattern. */
function regexMatch(f: Filter): BytesMatch {
  const compiled = compileUserRegex(f.text, f.ignoreCase);
  if ('problem' in compiled) throw new ApiError('bad_request', `q is not a usable regular expression: ${compiled.problem} (RE2 syntax)`, { field: 'q' });
  return (b) => b !== null && compiled.regex.test(b);
}

/**
 * The record filter: byte and string comparisons, or a regular expression run by RE2 (no
 * backtracking). Throws a 400 for a pattern that cannot be used.
 */
export function buildTest(f: Filter | null): RecordTest | null {
  if (!f) return null;
  const match = f.mode === 'regex' ? regexMatch(f) : textMatch(f);
  return (key, value, headers) => {
    if (f.field === 'key') return match(key);
    if (f.field === 'value') return match(value);
    const hs = f.headerKey ? headers.filter((h) => h.key === f.headerKey) : headers;
    const inHeaders = f.headerKey && f.text === '' ? hs.length > 0 : hs.some((h) => match(h.value));
    if (f.field === 'header') return inHeaders;
    return match(key) || match(value) || inHeaders;
  };
}

// --- browse ----------------------------------------------------------------------------

const byTime = (a: RawRecord, b: RawRecord) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset;

/** Reads [pos, until) per partition, at most `perPartition` records each. */
async function collect(
  reader: PartitionReader,
  positions: Map<number, number>,
  until: Map<number, number>,
  perPartition: number,
  warnings: PartitionWarning[],
): Promise<Map<number, RawRecord[]>> {
  const out = new Map<number, RawRecord[]>([...positions.keys()].map((p) => [p, []]));
  const pos = new Map(positions);
  for (let round = 0; round < 50; round++) {
    const active = new Map([...pos].filter(([p, o]) => o < (until.get(p) ?? 0) && out.get(p)!.length < perPartition));
    if (!active.size) break;
    const res = await reader.fetchAll(active, { maxWaitMs: 0, minBytes: 0, until, partitionMaxBytes: 1024 * 1024 });
    assertNotAllFailed([...res.values()]);
    for (const [p, o] of res) {
      out.get(p)!.push(...o.records);
      if (o.warning || o.error) {
        warnings.push({ partition: p, message: o.warning ?? o.error! });
        pos.delete(p);
        continue;
      }
      pos.set(p, o.next);
    }
  }
  return out;
}

export async function browse(clusterId: string, topic: string, q: BrowseQuery): Promise<MessagesPage> {
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation);
  const ranges = await reader.ranges();
  const warnings: PartitionWarning[] = [];
  const live: number[] = [];
  for (const p of reader.partitions) {
    const r = ranges.get(p)!;
    if (r.start === null || r.end === null) warnings.push({ partition: p, message: `skipped: ${r.error ?? 'offsets unknown'}` });
    else live.push(p);
  }
  if (live.length === 0 && reader.partitions.length) {
    if (warnings.every((w) => w.message.includes('did not answer'))) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  }
  const start = (p: number) => ranges.get(p)!.start!;
  const end = (p: number) => ranges.get(p)!.end!;
  const clampTo = (p: number, o: number) => Math.min(end(p), Math.max(start(p), o));

  let dir: 'f' | 'b' = 'f';
  const positions = new Map<number, number>();
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    dir = cur.d;
    for (const [p, o] of cur.p) if (live.includes(p)) positions.set(p, clampTo(p, o));
  } else if (q.from === 'oldest') {
    for (const p of live) positions.set(p, start(p));
  } else if (q.from === 'newest') {
    dir = 'b';
    for (const p of live) positions.set(p, end(p));
  } else if (q.from === 'offset') {
    const offset = q.offset ?? 0;
    if (live.length && live.every((p) => offset > end(p))) {
      const ends = live.map((p) => `${p}: ${end(p)}`).join(', ');
      throw new ApiError('unprocessable', `Offset ${offset} is beyond the end of ${live.length === 1 ? `partition ${live[0]}` : 'every chosen partition'} (log end offsets ${ends})`, { field: 'offset' });
    }
    for (const p of live) positions.set(p, clampTo(p, offset));
  } else {
    const found = await reader.offsetsForTimestamp(q.timestamp ?? 0, live);
    for (const p of live) {
      const o = found.get(p);
      if (o == null) warnings.push({ partition: p, message: 'skipped: no offset for that timestamp (leader unavailable)' });
      else positions.set(p, clampTo(p, o));
    }
  }

  let taken: RawRecord[];
  if (dir === 'f') {
    const until = new Map([...positions.keys()].map((p) => [p, end(p)]));
    const got = await collect(reader, positions, until, q.limit, warnings);
    taken = [...got.values()].flat().sort(byTime).slice(0, q.limit);
  } else {
    const from = new Map([...positions].map(([p, o]) => [p, Math.max(start(p), o - q.limit)]));
    const got = await collect(reader, from, positions, Number.MAX_SAFE_INTEGER, warnings);
    const all = [...got.values()].flat().sort(byTime);
    taken = all.slice(Math.max(0, all.length - q.limit));
  }

  // Cursors: per partition, the first and one past the last offset shown (or the position read from).
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const r of taken) {
    if (!first.has(r.partition) || r.offset < first.get(r.partition)!) first.set(r.partition, r.offset);
    if (!last.has(r.partition) || r.offset >= last.get(r.partition)!) last.set(r.partition, r.offset + 1);
  }
  const nextPos = new Map([...positions.keys()].map((p) => [p, last.get(p) ?? (dir === 'f' ? positions.get(p)! : positions.get(p)!)]));
  const prevPos = new Map([...positions.keys()].map((p) => [p, first.get(p) ?? positions.get(p)!]));
  const hasNext = [...nextPos].some(([p, o]) => o < end(p));
  const hasPrev = [...prevPos].some(([p, o]) => o > start(p));

  return {
    topic,
    records: taken.map(toWire),
    partitions: reader.partitions.map((p) => ({ partition: p, start: ranges.get(p)!.start, end: ranges.get(p)!.end })),
    warnings,
    next: hasNext ? encodeCursor('f', nextPos) : null,
    prev: hasPrev ? encodeCursor('b', prevPos) : null,
  };
}

// --- produce ---------------------------------------------------------------------------

function toBytes(s: string | null, encoding: 'utf8' | 'base64', field: string): Buffer | null {
  if (s === null) return null;
  if (encoding === 'base64') {
    if (!isBase64(s)) throw new ApiError('unprocessable', `${field} is not valid base64 (standard alphabet, padded with =)`, { field });
    return Buffer.from(s, 'base64');
  }
  return Buffer.from(s, 'utf8');
}

function isUnknownTopic(err: unknown): boolean {
  for (let e = err as { type?: unknown; originalError?: unknown; cause?: unknown } | undefined, i = 0; e && i < 6; i++) {
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

export async function produce(clusterId: string, topic: string, input: ProduceInput): Promise<ProduceResult> {
  // Validate every field before anything is sent.
  const key = toBytes(input.key, input.keyEncoding, 'key');
  const value = toBytes(input.value, input.valueEncoding, 'value');
  const headerList = input.headers.map((h, i) => ({ key: h.key, value: toBytes(h.value, h.encoding, `headers.${i}.value`) }));
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, input.partition === undefined ? undefined : [input.partition], 'read_uncommitted', { field: 'partition' });
  reader.close();
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const h of headerList) {
    const v = h.value ?? Buffer.alloc(0);
    const prev = headers[h.key];
    headers[h.key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const send = async () => (await c.producer()).send({ topic, acks: -1, messages: [{ key, value, headers, partition: input.partition }] });
  let sent: Awaited<ReturnType<typeof send>>;
  try {
    sent = await send();
  } catch (err) {
    // kafkajs asks for the metadata of every topic the producer ever wrote to, and fails
    // them all once one was deleted; the reader above has just seen this topic, so a
    // producer that knows only this topic succeeds.
    if (!isUnknownTopic(err)) throw err;
    await c.resetProducer();
    sent = await send();
  }
  const [meta] = sent;
  return {
    topic,
    partition: meta.partition,
    offset: String(meta.baseOffset ?? meta.offset ?? ''),
    timestamp: meta.logAppendTime && meta.logAppendTime !== '-1' ? Number(meta.logAppendTime) : null,
  };
}

// --- streams (search and tail) ---------------------------------------------------------

interface ScanOptions {
  tail: boolean;
  test: RecordTest | null;
  /** Search: stop each partition here. */
  until?: Map<number, number>;
  /** Tail: after the client made us wait, partitions lagging more than this jump to the end. */
  skipLag?: number;
}

const QUEUE_RECORDS = 2000;
const QUEUE_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * Reads partitions with one loop per leader (a long poll per broker for the tail, so one
 * quiet broker does not delay the others) into a bounded queue. The loops wait while the
 * queue is full: memory stays bounded whatever the client's speed.
 */
let openScanners = 0;
/** Streams (tails, searches) currently reading; 0 once every one is closed. */
export function activeStreams(): number {
  return openScanners;
}

class Scanner {
  readonly positions: Map<number, number>;
  private queue: StreamEvent[] = [];
  private queuedBytes = 0;
  private loops = new Set<number>();
  private dataWaiter: (() => void) | null = null;
  private spaceWaiters: (() => void)[] = [];
  private warned = new Map<number, string>();
  private failures = new Map<number, number>();
  scanned = 0;
  closed = false;
  /** An `error` event is queued: nothing is read or queued after it. */
  private failed = false;

  constructor(
    readonly reader: PartitionReader,
    positions: Map<number, number>,
    readonly opts: ScanOptions,
  ) {
    this.positions = new Map(positions);
    openScanners++;
  }

  start(): void {
    this.ensureLoops();
  }

  /** Starts reading one more partition (a tail's partition that had no leader when it opened). */
  add(partition: number, offset: number): void {
    if (this.closed) return;
    this.positions.set(partition, offset);
    this.ensureLoops();
  }

  /** True while some partition still has something to read (always, for a tail). */
  get active(): boolean {
    return this.loops.size > 0;
  }

  private pending(p: number): boolean {
    const until = this.opts.until?.get(p);
    return until === undefined ? this.opts.tail : this.positions.get(p)! < until;
  }

  private ensureLoops(): void {
    if (this.closed || this.failed) return;
    const groups = this.reader.byLeader([...this.positions.keys()].filter((p) => this.pending(p)));
    for (const leader of groups.keys()) {
      if (this.loops.has(leader)) continue;
      this.loops.add(leader);
      void this.loop(leader);
    }
    this.wake();
  }

  private wake(): void {
    const w = this.dataWaiter;
    this.dataWaiter = null;
    w?.();
  }

  private push(e: StreamEvent, bytes = 64): void {
    if (this.failed) return;
    this.queue.push(e);
    this.queuedBytes += bytes;
    this.wake();
  }

  private full(): boolean {
    return this.queue.length >= QUEUE_RECORDS || this.queuedBytes >= QUEUE_BYTES;
  }

  /** Ends the stream with an `error` event, queued after what was read before it. */
  private fail(error: StreamError): void {
    if (this.failed || this.closed) return;
    this.push({ event: 'error', data: error });
    this.failed = true;
    for (const w of this.spaceWaiters.splice(0)) w();
  }

  private async loop(leader: number): Promise<void> {
    try {
      while (!this.closed && !this.failed) {
        const mine = [...this.positions.keys()].filter((p) => this.pending(p) && this.reader.leaderOf(p) === leader);
        if (!mine.length) break;
        let waited = false;
        while (this.full() && !this.closed && !this.failed) {
          waited = true;
          await new Promise<void>((r) => this.spaceWaiters.push(r));
        }
        if (this.closed || this.failed) break;
        const outcomes = await this.reader.fetchFromLeader(leader, new Map(mine.map((p) => [p, this.positions.get(p)!])), {
          maxWaitMs: this.opts.tail ? 2000 : 0,
          minBytes: this.opts.tail ? 1 : 0,
          until: this.opts.until,
          test: this.opts.test,
          partitionMaxBytes: this.opts.tail ? 1024 * 1024 : 4 * 1024 * 1024,
          maxBytes: 32 * 1024 * 1024,
        });
        if (this.closed) break;
        let trouble = false;
        for (const o of outcomes) this.apply(o, waited) || (trouble = true);
        if (trouble) {
          const worst = Math.max(...mine.map((p) => this.failures.get(p) ?? 0));
          await new Promise((r) => setTimeout(r, worst < 3 ? 200 : 1000));
        }
        if (outcomes.some((o) => this.reader.leaderOf(o.partition) !== leader)) this.ensureLoops();
      }
    } catch (err) {
      // Never an unhandled rejection, never a loop restarted into the same failure.
      log('error', 'message stream failed', { topic: this.reader.topic, leader, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), stack: err instanceof Error ? err.stack : undefined });
      this.fail({ code: 'internal', message: 'Reading the topic failed unexpectedly; see the console server log' });
    } finally {
      this.loops.delete(leader);
      this.ensureLoops();
      this.wake();
    }
  }

  /** Applies one partition's outcome; false when the partition had a problem. */
  private apply(o: FetchOutcome, waited: boolean): boolean {
    if (o.warning) {
      // Brief trouble (a leader moving, a topic just created) is retried quietly; what lasts is reported.
      const n = (this.failures.get(o.partition) ?? 0) + 1;
      this.failures.set(o.partition, n);
      if (n >= 3 && this.warned.get(o.partition) !== o.warning) {
        this.warned.set(o.partition, o.warning);
        this.push({ event: 'warning', data: { partition: o.partition, message: o.warning } });
      }
      return false;
    }
    this.failures.delete(o.partition);
    this.warned.delete(o.partition);
    const from = this.positions.get(o.partition)!;
    if (this.opts.tail && waited && this.opts.skipLag !== undefined && o.highWatermark - from > this.opts.skipLag) {
      this.positions.set(o.partition, o.highWatermark);
      this.push({ event: 'skipped', data: { partition: o.partition, count: o.highWatermark - from, from: String(from), to: String(o.highWatermark) } });
      return true;
    }
    this.scanned += o.scanned;
    for (const r of o.records) this.push({ event: 'message', data: toWire(r) }, r.size + 200);
    this.positions.set(o.partition, o.next);
    if (o.error) this.fail({ code: 'undecodable', message: `Partition ${o.partition}: ${o.error}`, partition: o.partition, offset: String(o.next) });
    return true;
  }

  /** Takes up to `max` queued events; waits up to `waitMs` for the first one. */
  async take(max: number, waitMs: number): Promise<StreamEvent[]> {
    if (!this.queue.length && !this.closed && this.loops.size) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          if (this.dataWaiter === done) this.dataWaiter = null;
          resolve();
        }, waitMs);
        const done = () => {
          clearTimeout(t);
          resolve();
        };
        this.dataWaiter = done;
      });
    }
    const out = this.queue.splice(0, max);
    for (const e of out) this.queuedBytes -= e.event === 'message' ? e.data.size + 200 : 64;
    const waiters = this.spaceWaiters.splice(0);
    for (const w of waiters) w();
    return out;
  }

  /** Offsets not yet delivered: the loop position, or the first still-queued record. */
  undelivered(): Map<number, number> {
    const out = new Map(this.positions);
    for (const e of this.queue) {
      if (e.event === 'message') {
        const o = Number(e.data.offset);
        if (o < out.get(e.data.partition)!) out.set(e.data.partition, o);
      }
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    openScanners--;
    this.reader.close();
    this.queue = [];
    this.queuedBytes = 0;
    for (const w of this.spaceWaiters.splice(0)) w();
    this.wake();
  }
}

const positionsRecord = (m: Map<number, number>) => Object.fromEntries([...m].map(([p, o]) => [String(p), String(o)]));

export interface StreamQuery {
  partitions?: number[];
  isolation: Isolation;
  filter: Filter | null;
}

export interface TailQuery extends StreamQuery {
  /** Records per partition to show from before the tail opened (0: only new records). */
  last: number;
}

/** A live tail: validated and positioned before the stream opens (so bad input is a 4xx, not a stream). */
export async function openTail(clusterId: string, topic: string, q: TailQuery): Promise<EventSourceLike> {
  const test = buildTest(q.filter);
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation, { ownConnections: true });
  try {
    return await positionTail(reader, topic, q, test);
  } catch (err) {
    reader.close();
    throw err;
  }
}

async function positionTail(reader: PartitionReader, topic: string, q: TailQuery, test: RecordTest | null): Promise<EventSourceLike> {
  const ranges = await reader.ranges();
  const positions = new Map<number, number>();
  const warnings: PartitionWarning[] = [];
  const waiting = new Set<number>();
  for (const p of reader.partitions) {
    const r = ranges.get(p)!;
    if (r.end === null) {
      waiting.add(p);
      warnings.push({ partition: p, message: `not tailed yet (${r.error ?? 'log end unknown'}); tailed from its end once it has a leader` });
    } else positions.set(p, Math.max(r.start ?? 0, r.end - q.last));
  }
  if (!positions.size && reader.partitions.length) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  const scanner = new Scanner(reader, positions, { tail: true, test, skipLag: 10_000 });
  // Partitions without a leader at the start are looked at again every few seconds.
  let lookingAgain = false;
  const lookAgain = async () => {
    if (lookingAgain || scanner.closed || !waiting.size) return;
    lookingAgain = true;
    try {
      await reader.refreshLeaders();
      const again = await reader.ranges([...waiting]);
      for (const [p, r] of again) {
        if (r.end === null || scanner.closed) continue;
        waiting.delete(p);
        scanner.add(p, r.end);
      }
    } catch {
      // still unavailable: the next round tries again
    } finally {
      lookingAgain = false;
      if (!waiting.size) clearInterval(retry);
    }
  };
  const retry = setInterval(() => void lookAgain(), 2000);
  if (!waiting.size) clearInterval(retry);
  let matched = 0;
  let sentStart = false;
  let lastProgress = Date.now();
  return {
    async next() {
      if (scanner.closed) return null;
      if (!sentStart) {
        sentStart = true;
        scanner.start();
        const ends = Object.fromEntries([...ranges].filter(([, r]) => r.end !== null).map(([p, r]) => [String(p), String(r.end)]));
        return [
          { event: 'progress', data: { phase: 'started', scanned: 0, matched: 0, positions: positionsRecord(positions), ends } },
          ...warnings.map((w): StreamEvent => ({ event: 'warning', data: w })),
        ];
      }
      const events = await scanner.take(500, HEARTBEAT_MS);
      if (scanner.closed) return null;
      matched += events.filter((e) => e.event === 'message').length;
      if (events.some((e) => e.event === 'error')) return events; // the last event: the response ends with it
      if (Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        events.push({ event: 'progress', data: { phase: 'scanning', scanned: scanner.scanned, matched, positions: positionsRecord(scanner.positions) } });
      }
      return events;
    },
    close() {
      clearInterval(retry);
      scanner.close();
    },
  };
}

export interface SearchQuery extends StreamQuery {
  from: 'oldest' | 'newest' | 'offset' | 'timestamp';
  offset?: number;
  timestamp?: number;
  cursor?: string;
  limit: number;
  maxRecords: number;
  maxSeconds: number;
}

/** A search over [start, log end at the time it starts), streaming matches and progress. */
export async function openSearch(clusterId: string, topic: string, q: SearchQuery): Promise<EventSourceLike> {
  const test = buildTest(q.filter);
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, q.partitions, q.isolation, { ownConnections: true });
  try {
    return await positionSearch(reader, topic, q, test);
  } catch (err) {
    reader.close();
    throw err;
  }
}

async function positionSearch(reader: PartitionReader, topic: string, q: SearchQuery, test: RecordTest | null): Promise<EventSourceLike> {
  const ranges = await reader.ranges();
  const warnings: PartitionWarning[] = [];
  const live = reader.partitions.filter((p) => {
    const r = ranges.get(p)!;
    if (r.start === null || r.end === null) warnings.push({ partition: p, message: `skipped: ${r.error ?? 'offsets unknown'}` });
    return r.start !== null && r.end !== null;
  });
  if (!live.length && reader.partitions.length) throw new ApiError('unavailable', `Cannot reach the leaders of topic ${topic}`);
  const start = (p: number) => ranges.get(p)!.start!;
  const end = (p: number) => ranges.get(p)!.end!;
  const positions = new Map<number, number>();
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    for (const [p, o] of cur.p) if (live.includes(p)) positions.set(p, Math.min(end(p), Math.max(start(p), o)));
  } else if (q.from === 'oldest') {
    for (const p of live) positions.set(p, start(p));
  } else if (q.from === 'newest') {
    // The newest `maxRecords` records, spread over the partitions.
    const per = Math.ceil(q.maxRecords / Math.max(1, live.length));
    for (const p of live) positions.set(p, Math.max(start(p), end(p) - per));
  } else if (q.from === 'offset') {
    const offset = q.offset ?? 0;
    if (live.length && live.every((p) => offset > end(p))) throw new ApiError('unprocessable', `Offset ${offset} is beyond the end of every chosen partition`, { field: 'offset' });
    for (const p of live) positions.set(p, Math.min(end(p), Math.max(start(p), offset)));
  } else {
    const found = await reader.offsetsForTimestamp(q.timestamp ?? 0, live);
    for (const p of live) {
      const o = found.get(p);
      if (o != null) positions.set(p, Math.min(end(p), Math.max(start(p), o)));
    }
  }
  const until = new Map(live.map((p) => [p, end(p)]));
  const scanner = new Scanner(reader, positions, { tail: false, test, until });
  const started = Date.now();
  let matched = 0;
  let sentStart = false;
  let lastProgress = 0;
  let finished = false;
  const progress = (phase: 'started' | 'scanning' = 'scanning'): StreamEvent => ({ event: 'progress', data: { phase, scanned: scanner.scanned, matched, positions: positionsRecord(scanner.undelivered()), ends: positionsRecord(until) } });
  const done = (reason: StreamDone['reason']): StreamEvent[] => {
    finished = true;
    const rest = scanner.undelivered();
    const complete = [...rest].every(([p, o]) => o >= until.get(p)!);
    scanner.close();
    return [
      progress(),
      { event: 'done', data: { reason, scanned: scanner.scanned, matched, elapsedMs: Date.now() - started, cursor: complete ? null : encodeCursor('f', rest) } },
    ];
  };
  return {
    async next() {
      if (finished) return null;
      if (!sentStart) {
        sentStart = true;
        scanner.start();
        return [progress('started'), ...warnings.map((w): StreamEvent => ({ event: 'warning', data: w }))];
      }
      const budgetLeft = q.maxSeconds * 1000 - (Date.now() - started);
      const events = await scanner.take(Math.min(500, q.limit - matched), Math.max(1, Math.min(budgetLeft, 250)));
      if (scanner.closed && !finished) return null;
      matched += events.filter((e) => e.event === 'message').length;
      const failure = events.find((e) => e.event === 'error');
      if (failure) {
        // Ends the search: the matches before it, where each partition got to, then the error.
        finished = true;
        const last = progress();
        scanner.close();
        return [...events.filter((e) => e !== failure), last, failure];
      }
      if (matched >= q.limit) return [...events, ...done('limit')];
      if (scanner.scanned >= q.maxRecords) return [...events, ...done('records-budget')];
      if (Date.now() - started >= q.maxSeconds * 1000) return [...events, ...done('time-budget')];
      if (!scanner.active && events.length === 0) return done('end');
      if (Date.now() - lastProgress >= 250) {
        lastProgress = Date.now();
        events.push(progress());
      }
      return events;
    },
    close() {
      finished = true;
      scanner.close();
    },
  };
}
