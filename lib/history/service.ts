import 'server-only';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CompressionTypes, type Consumer } from 'kafkajs';
import type { HistoryConfig } from '@/lib/schemas/config';
import { log } from '@/lib/log';
import { toApiError } from '../kafka/errors';
import { PartitionReader } from '../kafka/reader';
import type { ClusterClients } from '../kafka/registry';
import { K } from './keys';
import { sampleRound, type RoundStats } from './sample';
import { DAY, defaultTiers, HistoryStore, HOUR } from './store';

/**
 * Lag history of one cluster in this console process. Alone, it samples on a timer into
 * its store. With `history.topic` set, every instance joins the consumer group
 * "<topic>.sampler"; the member holding partition 0 samples and writes each round to the
 * topic (changes since its previous round, every value once an hour and when it starts),
 * and every instance reads the topic into its own store. When the sampling instance stops,
 * the group rebalances and another one takes over (within Kafka's session timeout if it died).
 */

export interface HistoryStatus {
  enabled: boolean;
  mode: 'local' | 'topic';
  topic: string | null;
  /** This instance samples (alone, or as the group's chosen member). */
  sampling: boolean;
  intervalMs: number;
  /** The wait now in force: longer than the interval after rounds that overran it. */
  currentIntervalMs: number;
  overruns: number;
  rounds: number;
  lastRound: RoundStats | null;
  lastError: string | null;
  newestSample: number | null;
  storeBytes: number;
}

/** A chunk of a round in the history topic. */
interface TopicFrame {
  v: 1;
  ts: number;
  full: boolean;
  i: number;
  n: number;
  set: [string, number][];
  del: string[];
}

const CHUNK = 5000;

/** An operator-facing sentence for a failure (what the API would answer), not the client's own text. */
const problem = (err: unknown) => toApiError(err).message;
/** Aggregate snapshots kept in memory for the list columns' rates. */
const RECENT_MAX = 12;
const RECENT_WINDOW_MS = 5 * 60_000;

const isAggregate = (k: string) => k[0] === 'T' || k[0] === 'B' || k[0] === 'L' || k[0] === 'C' || k[0] === 'l';

export class ClusterHistory {
  readonly store: HistoryStore;
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private consumer: Consumer | null = null;
  private reader: PartitionReader | null = null;
  private leader = false;
  private published = new Map<string, number>();
  private lastFull = 0;
  private status: Omit<HistoryStatus, 'storeBytes' | 'newestSample' | 'sampling'>;
  /** Aggregate values of the recent rounds, newest last. */
  private recent: { ts: number; values: Map<string, number> }[] = [];
  /** topic -> groups with committed offsets on it, from the newest round */
  private consumersOf = new Map<string, string[]>();
  private lastPrune = 0;
  private loop: Promise<void> | null = null;

  constructor(
    readonly clusterId: string,
    private readonly getClients: () => Promise<ClusterClients>,
    readonly config: HistoryConfig,
    dir: string,
  ) {
    this.store = new HistoryStore(dir, defaultTiers(config.rawRetentionHours * HOUR, config.downsampledRetentionDays * DAY));
    const intervalMs = config.intervalSeconds * 1000;
    this.status = {
      enabled: config.enabled,
      mode: config.topic ? 'topic' : 'local',
      topic: config.topic ?? null,
      intervalMs,
      currentIntervalMs: intervalMs,
      overruns: 0,
      rounds: 0,
      lastRound: null,
      lastError: null,
    };
  }

  get sampling(): boolean {
    return !this.stopped && (this.status.mode === 'local' || this.leader);
  }

  snapshot(): HistoryStatus {
    const newest = this.store.newest;
    return { ...this.status, sampling: this.sampling, newestSample: Number.isFinite(newest) ? newest : null, storeBytes: this.store.bytes() };
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.config.topic) void this.joinUntilDone(this.config.topic);
    this.schedule(0);
  }

  /** Joins the sampler group, trying again while the cluster cannot be reached. */
  private async joinUntilDone(topic: string) {
    while (!this.stopped && !this.consumer) {
      try {
        await this.joinTopic(topic);
      } catch (err) {
        this.status.lastError = `joining the sampler group: ${problem(err)}`;
        await new Promise((r) => setTimeout(r, 5000));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop?.catch(() => undefined);
    this.leader = false;
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect().catch(() => undefined);
    this.reader?.close();
    this.reader = null;
    this.store.close();
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.loop = this.tick().finally(() => (this.loop = null));
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    if (this.sampling) {
      try {
        const c = await this.getClients();
        const round = await sampleRound(c);
        if (this.stopped) return;
        this.status.rounds++;
        this.status.lastRound = round.stats;
        this.status.lastError = round.stats.errors[0] ?? null;
        if (this.status.mode === 'local') this.ingest(round.ts, round.values);
        else await this.publish(c, round.ts, round.values);
        // A round longer than the interval doubles the wait (up to 8x), so a struggling cluster is asked less.
        if (round.stats.wallMs > this.status.intervalMs) {
          this.status.overruns++;
          this.status.currentIntervalMs = Math.min(this.status.currentIntervalMs * 2, this.status.intervalMs * 8);
          log('warn', 'history sampling round overran its interval', {
            cluster: this.clusterId,
            ms: round.stats.wallMs,
            nextInMs: this.status.currentIntervalMs,
          });
        } else this.status.currentIntervalMs = this.status.intervalMs;
      } catch (err) {
        this.status.lastError = problem(err);
        log('warn', 'history sampling round failed', { cluster: this.clusterId, error: this.status.lastError });
      }
    }
    this.schedule(Math.max(0, started + this.status.currentIntervalMs - Date.now()));
  }

  /** A round into the store and the in-memory views the lists read. */
  private ingest(ts: number, values: Map<string, number>) {
    if (ts <= this.store.newest) return;
    this.store.append(ts, values);
    const agg = new Map<string, number>();
    const consumers = new Map<string, string[]>();
    for (const [k, v] of values) {
      if (!isAggregate(k)) continue;
      agg.set(k, v);
      if (k[0] === 'l') {
        const [group, topic] = K.parts(k);
        consumers.set(topic, [...(consumers.get(topic) ?? []), group]);
      }
    }
    this.recent.push({ ts, values: agg });
    while (this.recent.length > RECENT_MAX || (this.recent.length > 2 && this.recent[1].ts < ts - RECENT_WINDOW_MS)) this.recent.shift();
    this.consumersOf = consumers;
    if (ts - this.lastPrune > 10 * 60_000) {
      this.lastPrune = ts;
      this.store.prune(ts);
    }
  }

  /** The newest aggregate values and the oldest recent ones, for rates over the last minutes. */
  recentWindow(): { newest: { ts: number; values: Map<string, number> } | null; oldest: { ts: number; values: Map<string, number> } | null } {
    return { newest: this.recent.at(-1) ?? null, oldest: this.recent.length > 1 ? this.recent[0] : null };
  }

  groupsConsuming(topic: string): string[] {
    return this.consumersOf.get(topic) ?? [];
  }

  // ---- several instances: leadership through a consumer group, samples through a topic ----

  private async joinTopic(topic: string) {
    const c = await this.getClients();
    await c.ready();
    const admin = c.admin;
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
      if (!md) {
        const brokers = (await admin.describeCluster()).brokers.length;
        await admin.createTopics({
          topics: [
            {
              topic,
              numPartitions: 1,
              replicationFactor: Math.min(3, brokers),
              configEntries: [
                { name: 'retention.ms', value: String(this.config.downsampledRetentionDays * DAY) },
                { name: 'cleanup.policy', value: 'delete' },
              ],
            },
          ],
        });
      }
    } catch (err) {
      if (!/already exists/i.test((err as Error).message)) throw err;
    }
    const consumer = c.kafka.consumer({ groupId: `${topic}.sampler`, sessionTimeout: 10_000, heartbeatInterval: 1_000, rebalanceTimeout: 10_000 });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const assigned = e.payload.memberAssignment[topic] ?? [];
      const was = this.leader;
      this.leader = assigned.includes(0);
      if (this.leader && !was) {
        // Start the topic's next round with every value.
        this.published = new Map();
        this.lastFull = 0;
      }
      log('info', 'history sampler group joined', { cluster: this.clusterId, sampling: this.leader });
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.leader = false;
      log('warn', 'history sampler consumer crashed', { cluster: this.clusterId, error: String(e.payload.error) });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    // The member only holds the partition; it reads nothing through the group (the reader below does).
    await consumer.run({ autoCommit: false, eachBatch: async () => {} });
    this.consumer = consumer;
    void this.readTopic(c, topic);
  }

  private async publish(c: ClusterClients, ts: number, values: Map<string, number>) {
    const topic = this.config.topic as string;
    const full = ts - this.lastFull >= HOUR;
    const set: [string, number][] = [];
    for (const [k, v] of values) if (full || this.published.get(k) !== v) set.push([k, v]);
    const del = full ? [] : [...this.published.keys()].filter((k) => !values.has(k));
    const n = Math.max(1, Math.ceil((set.length + del.length) / CHUNK));
    const messages = [];
    for (let i = 0; i < n; i++) {
      const frame: TopicFrame = { v: 1, ts, full, i, n, set: set.slice(i * CHUNK, (i + 1) * CHUNK), del: i === n - 1 ? del : [] };
      messages.push({ key: this.clusterId, value: JSON.stringify(frame) });
    }
    const producer = await c.producer();
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages, acks: -1 });
    this.published = new Map(values);
    if (full) this.lastFull = ts;
  }

  /** Every instance: the topic, from its start, into the store (rounds already stored are skipped). */
  private async readTopic(c: ClusterClients, topic: string) {
    const state = new Map<string, number>();
    let seenFull = false;
    let position = 0;
    while (!this.stopped) {
      try {
        if (!this.reader) {
          this.reader = await PartitionReader.open(c, topic, [0], 'read_uncommitted', { ownConnections: true });
          const r = (await this.reader.ranges([0])).get(0);
          position = Math.max(position, r?.start ?? 0);
        }
        const [out] = await this.reader.fetchFromLeader(this.reader.leaderOf(0), new Map([[0, position]]), {
          maxWaitMs: 1000,
          partitionMaxBytes: 8 * 1024 * 1024,
        });
        if (!out) continue;
        if (out.warning) await new Promise((r) => setTimeout(r, 500));
        for (const rec of out.records) {
          if (!rec.value) continue;
          let f: TopicFrame;
          try {
            f = JSON.parse(rec.value.toString('utf8')) as TopicFrame;
          } catch {
            continue;
          }
          if (f.v !== 1) continue;
          if (f.full && f.i === 0) {
            state.clear();
            seenFull = true;
          }
          for (const [k, v] of f.set) state.set(k, v);
          for (const k of f.del) state.delete(k);
          if (f.i === f.n - 1 && seenFull) this.ingest(f.ts, new Map(state));
        }
        position = out.next;
      } catch (err) {
        if (this.stopped) return;
        this.status.lastError = `reading ${topic}: ${problem(err)}`;
        this.reader?.close();
        this.reader = null;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

// ---- the process's instances ----

const globalKey = Symbol.for('kafka-console.history');
type GlobalWithHistory = typeof globalThis & { [globalKey]?: Map<string, ClusterHistory> };

function instances(): Map<string, ClusterHistory> {
  const g = globalThis as GlobalWithHistory;
  g[globalKey] ??= new Map();
  return g[globalKey];
}

export function historyDir(dataDir: string, clusterId: string): string {
  return join(resolve(dataDir), 'history', clusterId);
}

/** The running history of a cluster in this process, or null when it is off or not started here. */
export function clusterHistory(clusterId: string): ClusterHistory | null {
  return instances().get(clusterId) ?? null;
}

/** Starts (once) the history of a cluster. */
export async function startHistory(
  clusterId: string,
  getClients: () => Promise<ClusterClients>,
  config: HistoryConfig,
  dataDir: string,
): Promise<ClusterHistory | null> {
  if (!config.enabled) return null;
  const existing = instances().get(clusterId);
  if (existing) return existing;
  const h = new ClusterHistory(clusterId, getClients, config, historyDir(dataDir, clusterId));
  instances().set(clusterId, h);
  await h.start();
  return h;
}

export async function stopHistory(clusterId?: string): Promise<void> {
  for (const [id, h] of instances()) {
    if (clusterId && id !== clusterId) continue;
    instances().delete(id);
    await h.stop();
  }
}

/** Starts the history of every configured cluster that has it on (from instrumentation.ts, once per server). */
export async function startConfiguredHistory(): Promise<void> {
  const { consoleConfig } = await import('@/lib/config');
  const { clients } = await import('../kafka/registry');
  const cfg = consoleConfig();
  for (const c of cfg.clusters) {
    startHistory(c.id, () => clients(c.id), c.history, cfg.dataDir).catch((err: unknown) =>
      log('warn', 'history could not start', { cluster: c.id, error: problem(err) }),
    );
  }
}
