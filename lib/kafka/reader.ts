import 'server-only';
import { ApiError } from '@/lib/errors';
import { log } from '@/lib/log';
import { codecName, DecompressError } from './codecs';
import { clusterMetadata } from './metadata';
import { listOffsets, tpKey } from './offsets';
import { errorType, send, type KjsBroker, type KjsCluster, type RawMetadata } from './protocol';
import { FetchApi } from './protocol/generated/fetch';
import { createStreamCluster, type ClusterClients } from './registry';
import { batchHeaders, controlType, decodeBatch, isTransactional, type BatchHeader, type FetchResponse, type RawRecord, type RecordTest } from './record-batch';

/**
 * The one message reader behind browse, search and the live tail. It reads partitions
 * straight from their leaders with Fetch requests through kafkajs's connection pool: no
 * consumer group, nothing committed, nothing left in Kafka when a read ends.
 *
 * Handled here: per-partition errors (a leader that moved: refresh metadata and retry;
 * an offset out of range: clamp to the log start or end), control records (skipped),
 * aborted transactions (dropped under read_committed), compressed batches (kafkajs's
 * codec registry) and partitions without a leader (reported, not fatal).
 */

export type Isolation = 'read_uncommitted' | 'read_committed';

export interface PartitionState {
  partition: number;
  leader: number;
}

export interface FetchOutcome {
  partition: number;
  /** Records in offset order (aborted and control records removed). */
  records: RawRecord[];
  /** The offset to fetch next. */
  next: number;
  highWatermark: number;
  logStartOffset: number;
  /** Records looked at (before the filter). */
  scanned: number;
  /** Why nothing could be read this time (partition offline, leader unreachable, ...). */
  warning?: string;
  /** The requested offset was out of range and `next` was moved into the log. */
  clamped?: boolean;
  /**
   * The batch at `next` cannot be decoded (corrupt, or above the decompression limit): this
   * partition cannot be read past it. Records before it are in `records`. Not worth a retry.
   */
  error?: string;
}

const RETRY_LEADER = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_LEADER_EPOCH',
  'FENCED_LEADER_EPOCH',
  'REPLICA_NOT_AVAILABLE',
  'KAFKA_STORAGE_ERROR',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'OFFSET_NOT_AVAILABLE',
]);

const MAX_PARTITION_BYTES = 64 * 1024 * 1024;

export interface FetchOptions {
  maxWaitMs: number;
  minBytes?: number;
  /** Per-partition byte limit of one request (grows by itself for batches larger than it). */
  partitionMaxBytes?: number;
  maxBytes?: number;
  /** Offsets at or past this (per partition) are not returned. */
  until?: Map<number, number>;
  test?: RecordTest | null;
}

export class PartitionReader {
  private leaders = new Map<number, number>();
  private partitionBytes = new Map<number, number>();
  private closed = false;

  private constructor(
    readonly c: ClusterClients,
    readonly topic: string,
    readonly partitions: number[],
    readonly isolation: Isolation,
    /** Where Fetches go: the shared clients, or connections of this reader's own (streams). */
    private readonly cluster: KjsCluster,
    private readonly ownsCluster: boolean,
  ) {}

  /**
   * Validates the topic and partitions (404 when unknown) and learns their leaders.
   * `ownConnections`: long-running reads get their own connections, closed by close().
   */
  static async open(
    c: ClusterClients,
    topic: string,
    partitions: number[] | undefined,
    isolation: Isolation = 'read_uncommitted',
    opts: { ownConnections?: boolean; field?: string } = {},
  ): Promise<PartitionReader> {
    const md = await clusterMetadata(c.cluster, [topic]);
    const t = md.topicMetadata.find((x) => x.topic === topic);
    if (!t || t.partitionMetadata.length === 0) throw new ApiError('not_found', `Topic ${topic} does not exist`);
    const all = t.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
    const chosen = partitions?.length ? [...new Set(partitions)].sort((a, b) => a - b) : all;
    const unknown = chosen.filter((p) => !all.includes(p));
    if (unknown.length) {
      throw new ApiError(
        'not_found',
        `Topic ${topic} has no partition ${unknown.join(', ')} (it has ${all.length} partition${all.length === 1 ? '' : 's'}: 0-${all.length - 1})`,
        {
          field: opts.field ?? 'partitions',
        },
      );
    }
    const cluster = opts.ownConnections ? createStreamCluster(c.config.id) : c.cluster;
    const reader = new PartitionReader(c, topic, chosen, isolation, cluster, !!opts.ownConnections);
    reader.learn(md);
    if (opts.ownConnections) {
      try {
        await cluster.connect();
        // Learn the brokers now, so the first Fetch can find its leader.
        await clusterMetadata(cluster, [topic]);
      } catch (err) {
        reader.close();
        throw err;
      }
    }
    return reader;
  }

  private inflight = new Set<Promise<unknown>>();

  /** Idempotent; drops the reader's own connections (and any Fetch still in flight on them). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsCluster) return;
    const disconnect = () => this.cluster.disconnect().catch(() => undefined);
    void disconnect();
    // A Fetch that was still connecting to its leader opens its connection after that first
    // disconnect: disconnect again once every Fetch in flight has settled.
    void Promise.allSettled([...this.inflight]).then(disconnect);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private metadata: RawMetadata | null = null;

  private learn(md: RawMetadata): void {
    this.metadata = md;
    const t = md.topicMetadata.find((x) => x.topic === this.topic);
    for (const p of t?.partitionMetadata ?? []) this.leaders.set(p.partitionId, p.leader);
  }

  leaderOf(partition: number): number {
    return this.leaders.get(partition) ?? -1;
  }

  /** Partitions grouped by their current leader (-1: no leader). */
  byLeader(partitions: number[] = this.partitions): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const p of partitions) {
      const l = this.leaderOf(p);
      out.set(l, [...(out.get(l) ?? []), p]);
    }
    return out;
  }

  private refreshing: Promise<void> | null = null;
  async refreshLeaders(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        this.learn(await clusterMetadata(this.cluster, [this.topic]));
      } catch {
        // keep the old view; the next round tries again
      } finally {
        this.refreshing = null;
      }
    })();
    await this.refreshing;
  }

  /** Log start and end offsets of the reader's partitions (null where unknown). */
  async ranges(partitions: number[] = this.partitions): Promise<Map<number, { start: number | null; end: number | null; error?: string }>> {
    const tps = partitions.map((partition) => ({ topic: this.topic, partition }));
    const metadata = this.metadata ?? undefined;
    const [e, l] = await Promise.all([
      listOffsets(this.c, tps, 'earliest', { isolation: this.isolation, metadata }),
      listOffsets(this.c, tps, 'latest', { isolation: this.isolation, metadata }),
    ]);
    const out = new Map<number, { start: number | null; end: number | null; error?: string }>();
    for (const p of partitions) {
      const s = e.get(tpKey(this.topic, p));
      const x = l.get(tpKey(this.topic, p));
      out.set(p, { start: s?.offset == null ? null : Number(s.offset), end: x?.offset == null ? null : Number(x.offset), error: s?.error ?? x?.error });
    }
    return out;
  }

  /** The first offset with a timestamp at or after `ts` (the log end when none). */
  async offsetsForTimestamp(ts: number, partitions: number[] = this.partitions): Promise<Map<number, number | null>> {
    const tps = partitions.map((partition) => ({ topic: this.topic, partition }));
    const metadata = this.metadata ?? undefined;
    const [byTs, latest] = await Promise.all([
      listOffsets(this.c, tps, { timestamp: ts }, { isolation: this.isolation, metadata }),
      listOffsets(this.c, tps, 'latest', { isolation: this.isolation, metadata }),
    ]);
    const out = new Map<number, number | null>();
    for (const p of partitions) {
      const o = byTs.get(tpKey(this.topic, p))?.offset;
      const end = latest.get(tpKey(this.topic, p))?.offset;
      if (o == null) out.set(p, null);
      else out.set(p, Number(o) < 0 ? (end == null ? null : Number(end)) : Number(o));
    }
    return out;
  }

  /**
   * One Fetch to one leader for the given partitions and positions. Never throws for
   * partition-level problems: each outcome says what happened.
   */
  async fetchFromLeader(leader: number, positions: Map<number, number>, opts: FetchOptions): Promise<FetchOutcome[]> {
    const parts = [...positions.keys()];
    const fail = (warning: string): FetchOutcome[] =>
      parts.map((p) => ({ partition: p, records: [], next: positions.get(p)!, highWatermark: -1, logStartOffset: -1, scanned: 0, warning }));
    if (leader < 0) {
      // Look again, so the partition is read as soon as it has a leader.
      void this.refreshLeaders();
      return fail('partition is offline (no leader)');
    }
    if (this.closed) return fail('closed');
    let res: FetchResponse;
    const attempt = (async () => {
      const broker: KjsBroker = await this.cluster.findBroker({ nodeId: String(leader) });
      if (this.closed) throw new Error('closed');
      return this.sendFetch(broker, positions, opts);
    })();
    this.inflight.add(attempt);
    const settled = () => void this.inflight.delete(attempt);
    attempt.then(settled, settled);
    try {
      res = await attempt;
    } catch (err) {
      if (this.closed) return fail('closed');
      void this.refreshLeaders();
      const name = err instanceof Error ? err.name : 'error';
      return fail(`leader ${leader} did not answer (${name === 'KafkaJSConnectionError' ? 'connection failed' : name})`);
    }
    const out: FetchOutcome[] = [];
    let refresh = false;
    for (const t of res.topics) {
      for (const pd of t.partitions) {
        const from = positions.get(pd.partition);
        if (from === undefined) continue;
        const base: FetchOutcome = {
          partition: pd.partition,
          records: [],
          next: from,
          highWatermark: pd.highWatermark,
          logStartOffset: pd.logStartOffset,
          scanned: 0,
        };
        if (pd.errorCode !== 0) {
          const type = errorType(pd.errorCode);
          if (type === 'OFFSET_OUT_OF_RANGE') {
            out.push(await this.clamp(base));
          } else {
            if (RETRY_LEADER.has(type)) refresh = true;
            out.push({ ...base, warning: `Kafka answered ${type}` });
          }
          continue;
        }
        if (!pd.records) {
          out.push(base);
          continue;
        }
        const batches = batchHeaders(pd.records);
        if (batches.length === 0) {
          // A batch larger than the per-partition limit: ask for more next time.
          const cur = this.partitionBytes.get(pd.partition) ?? opts.partitionMaxBytes ?? 1024 * 1024;
          this.partitionBytes.set(pd.partition, Math.min(MAX_PARTITION_BYTES, cur * 4));
          out.push(base);
          continue;
        }
        const until = opts.until?.get(pd.partition) ?? Number.MAX_SAFE_INTEGER;
        const aborted = this.isolation === 'read_committed' ? [...(pd.abortedTransactions ?? [])].sort((a, b) => a.firstOffset - b.firstOffset) : [];
        const abortedProducers = new Set<bigint>();
        let next = from;
        for (const b of batches) {
          if (b.baseOffset >= until) break;
          while (aborted.length && aborted[0].firstOffset <= b.lastOffset) abortedProducers.add(aborted.shift()!.producerId);
          const kept = base.records.length;
          try {
            const ctl = await controlType(pd.records, b);
            if (ctl !== null) {
              if (ctl === 0) abortedProducers.delete(b.producerId);
            } else if (!(isTransactional(b) && abortedProducers.has(b.producerId))) {
              base.scanned += await decodeBatch(pd.records, b, pd.partition, from, until, opts.test ?? null, (r) => base.records.push(r));
            }
          } catch (err) {
            base.records.length = kept;
            base.error = this.undecodable(pd.partition, b, Math.max(next, b.baseOffset), err);
            break;
          }
          next = Math.max(next, Math.min(b.lastOffset + 1, until));
        }
        base.next = next;
        out.push(base);
      }
    }
    if (refresh) await this.refreshLeaders();
    for (const p of parts) if (!out.some((o) => o.partition === p)) out.push(...fail('no answer for this partition'));
    return out;
  }

  /** Why a batch cannot be read, in our words (the decoder's own error goes to the server log only). */
  private undecodable(partition: number, b: BatchHeader, first: number, err: unknown): string {
    if (!(err instanceof DecompressError)) {
      log('warn', 'undecodable record batch', {
        topic: this.topic,
        partition,
        offset: b.baseOffset,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      });
    }
    const why = err instanceof DecompressError ? err.message : 'its records are malformed';
    const range = first >= b.lastOffset ? `offset ${b.lastOffset}` : `offsets ${first}-${b.lastOffset}`;
    return `the ${codecName(b.attributes & 0x07)} batch at ${range} cannot be read: ${why}; read from offset ${b.lastOffset + 1} to skip it`;
  }

  private async clamp(base: FetchOutcome): Promise<FetchOutcome> {
    const r = (await this.ranges([base.partition])).get(base.partition);
    if (r?.start == null || r.end == null) return { ...base, warning: 'offset out of range and the log bounds are unknown' };
    const next = base.next < r.start ? r.start : r.end;
    return { ...base, next, clamped: true, logStartOffset: r.start, highWatermark: r.end };
  }

  /** Fetch by topic name (v4-v12; v13+ name topics by id), without a fetch session. */
  private async sendFetch(broker: KjsBroker, positions: Map<number, number>, opts: FetchOptions): Promise<FetchResponse> {
    const maxWait = opts.maxWaitMs;
    const partitions = [...positions].map(([partition, offset]) => ({
      partition,
      fetchOffset: BigInt(offset),
      partitionMaxBytes: this.partitionBytes.get(partition) ?? opts.partitionMaxBytes ?? 1024 * 1024,
    }));
    const request = {
      replicaId: -1, // a consumer
      maxWaitMs: maxWait,
      minBytes: opts.minBytes ?? 1,
      maxBytes: opts.maxBytes ?? 50 * 1024 * 1024,
      isolationLevel: this.isolation === 'read_committed' ? 1 : 0,
      sessionId: 0, // no fetch session
      sessionEpoch: -1,
      topics: [{ topic: this.topic, partitions }],
    };
    const res = await send(this.cluster, { broker }, FetchApi, request, { maxVersion: 12, requestTimeoutMs: maxWait + 15_000, errorCode: () => 0 });
    return {
      errorCode: res.errorCode,
      topics: res.responses.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p) => ({
          partition: p.partitionIndex,
          errorCode: p.errorCode,
          highWatermark: Number(p.highWatermark),
          lastStableOffset: Number(p.lastStableOffset),
          logStartOffset: Number(p.logStartOffset),
          abortedTransactions: p.abortedTransactions?.map((a) => ({ producerId: a.producerId, firstOffset: Number(a.firstOffset) })) ?? null,
          records: p.records?.length ? p.records : null,
        })),
      })),
    };
  }

  /** The batch headers Kafka returns for one partition from `offset` (diagnostics: codecs, transactions). */
  async rawBatches(partition: number, offset: number) {
    const broker = await this.cluster.findBroker({ nodeId: String(this.leaderOf(partition)) });
    const res = await this.sendFetch(broker, new Map([[partition, offset]]), { maxWaitMs: 0, minBytes: 0 });
    const records = res.topics[0]?.partitions[0]?.records;
    return records ? batchHeaders(records) : [];
  }

  /** One Fetch per leader, in parallel, for all given positions; retried once after a leader move. */
  async fetchAll(positions: Map<number, number>, opts: FetchOptions): Promise<Map<number, FetchOutcome>> {
    const out = new Map<number, FetchOutcome>();
    let pending = new Map(positions);
    for (let attempt = 0; attempt < 3 && pending.size; attempt++) {
      const groups = this.byLeader([...pending.keys()]);
      const results = await Promise.all([...groups].map(([leader, ps]) => this.fetchFromLeader(leader, new Map(ps.map((p) => [p, pending.get(p)!])), opts)));
      const retry = new Map<number, number>();
      for (const o of results.flat()) {
        out.set(o.partition, o);
        if (o.warning?.startsWith('Kafka answered') && attempt < 2) retry.set(o.partition, pending.get(o.partition)!);
      }
      pending = retry;
    }
    return out;
  }
}

export function assertNotAllFailed(outcomes: FetchOutcome[]): void {
  if (outcomes.length && outcomes.every((o) => o.warning?.includes('did not answer') && o.warning.includes('connection failed'))) {
    throw new ApiError('unavailable', "Cannot reach the leaders of this topic's partitions");
  }
}
