import 'server-only';
import type { StreamError, StreamEvent } from '@/lib/schemas/messages';
import { log } from '@/lib/log';
import type { FetchOutcome, PartitionReader } from '../reader';
import type { RecordTest } from '../record-batch';
import type { RecordDecoder } from '@/lib/schema-registry/records';
import { toWire } from './wire';

/**
 * Reads partitions with one loop per leader (a long poll per broker for the tail, so one
 * quiet broker does not delay the others) into a bounded queue. The loops wait while the
 * queue is full: memory stays bounded whatever the client's speed.
 */

interface ScanOptions {
  tail: boolean;
  test: RecordTest | null;
  /** Search: stop each partition here. */
  until?: Map<number, number>;
  /** Tail: after the client made us wait, partitions lagging more than this jump to the end. */
  skipLag?: number;
  /** The cluster's schema-registry decoder (it also runs the filter on decoded values). */
  decoder?: RecordDecoder | null;
}

const QUEUE_RECORDS = 2000;
const QUEUE_BYTES = 4 * 1024 * 1024;

let openScanners = 0;
/** Streams (tails, searches) currently reading; 0 once every one is closed. */
export function activeStreams(): number {
  return openScanners;
}

export class Scanner {
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
        const decoder = this.opts.decoder;
        if (decoder) {
          for (const o of outcomes) await decoder.prepare(o.records);
          for (const message of decoder.takeWarnings()) this.push({ event: 'warning', data: { partition: -1, message } });
          if (this.closed) break;
        }
        let trouble = false;
        for (const o of outcomes) if (!this.apply(o, waited)) trouble = true;
        if (trouble) {
          const worst = Math.max(...mine.map((p) => this.failures.get(p) ?? 0));
          await new Promise((r) => setTimeout(r, worst < 3 ? 200 : 1000));
        }
        if (outcomes.some((o) => this.reader.leaderOf(o.partition) !== leader)) this.ensureLoops();
      }
    } catch (err) {
      // Never an unhandled rejection, never a loop restarted into the same failure.
      log('error', 'message stream failed', {
        topic: this.reader.topic,
        leader,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
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
    const decoder = this.opts.decoder;
    if (decoder) {
      for (const r of o.records) {
        const w = decoder.wire(r);
        if (w) this.push({ event: 'message', data: w }, r.size + 200);
      }
    } else for (const r of o.records) this.push({ event: 'message', data: toWire(r) }, r.size + 200);
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
