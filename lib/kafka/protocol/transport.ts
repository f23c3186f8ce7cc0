import { AsyncLocalStorage } from 'node:async_hooks';
/**
 * The one way the console sends its own requests to Kafka: a generated codec (./generated)
 * over kafkajs's connections (which keep doing connection handling, SASL and TLS).
 *
 * `send()` picks the highest version both the broker (from the ApiVersions kafkajs fetched
 * when it connected) and the generated code support, writes request header v2 / reads
 * response header v1 for flexible versions, and retries:
 * - once, at once, on a connection kafkajs reports closed (a broker that restarted);
 * - with backoff until a deadline, on the retriable coordinator and leader errors, after
 *   finding the coordinator or leader again;
 * - on the next broker, for requests any broker can serve, when one cannot be reached.
 */
import Encoder from 'kafkajs/src/protocol/encoder.js';
import { Reader, Writer, type ApiSpec, type Input } from './codec';
import { errorType, KafkaResponseError, UnsupportedApiError } from './errors';
import { FindCoordinatorApi } from './generated/find-coordinator';
import { MetadataApi, type MetadataResponse } from './generated/metadata';
import { knownBrokers, learnBrokers, type KjsBroker, type KjsCluster } from './kafkajs';

/** Where a request goes. */
export type Target =
  /** This broker. */
  | { broker: KjsBroker }
  /** The broker with this id (learnt from Metadata if kafkajs does not know it yet). */
  | { nodeId: number }
  /** Any broker that answers: connected ones first, then the others kafkajs knows. */
  | { anyBroker: true }
  /** The coordinator of a consumer group (or of a transactional id, or a share group). */
  | { coordinator: string; keyType?: 'group' | 'transaction' | 'share' }
  /** The leader of a partition. */
  | { leaderOf: { topic: string; partition: number } };

export interface SendOptions<Res> {
  /** Timeout of one request (kafkajs's requestTimeout when unset). */
  requestTimeoutMs?: number;
  /** Timeout of connecting to one broker (default 5 s). */
  connectTimeoutMs?: number;
  /** Give up retrying retriable errors after this long (default 10 s). */
  deadlineMs?: number;
  /** The versions the caller understands, within the generated ones. */
  minVersion?: number;
  maxVersion?: number;
  /** The error code that decides a retry; default the answer's top-level errorCode. */
  errorCode?: (res: Res) => number;
  /** Told which broker answered, at which version. */
  answeredBy?: (broker: KjsBroker, version: number) => void;
}

const KEY_TYPES = { group: 0, transaction: 1, share: 2 } as const;

/** The coordinator moved, is loading or has no leader yet: worth asking again. */
const RETRIABLE = new Set([
  14, // COORDINATOR_LOAD_IN_PROGRESS
  15, // COORDINATOR_NOT_AVAILABLE
  16, // NOT_COORDINATOR
  5, // LEADER_NOT_AVAILABLE
  6, // NOT_LEADER_OR_FOLLOWER
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) => Math.min(1_000, 100 * 2 ** attempt);

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : '';
}

/** kafkajs's connection to a broker that went away (and perhaps came back). */
const isClosed = (err: unknown) => errorName(err) === 'KafkaJSConnectionClosedError';
/** The broker cannot be reached at all: another broker may serve the request. */
const isUnreachable = (err: unknown) =>
  ['KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSTimeout'].includes(errorName(err));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`${what} timed out after ${ms} ms`);
      err.name = 'KafkaJSTimeout';
      reject(err);
    }, ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The highest version both sides support, or null. */
export function pickVersion(broker: KjsBroker, api: ApiSpec<unknown, unknown>, opts: { minVersion?: number; maxVersion?: number } = {}): number | null {
  const theirs = broker.versions?.[api.key];
  if (!theirs) return null;
  const lo = Math.max(api.minVersion, opts.minVersion ?? 0, theirs.minVersion);
  const hi = Math.min(api.maxVersion, opts.maxVersion ?? Infinity, theirs.maxVersion);
  return lo <= hi ? hi : null;
}

/** Does the broker support this API in a version the caller understands? */
export function supports(broker: KjsBroker, api: ApiSpec<unknown, unknown>, opts: { minVersion?: number; maxVersion?: number } = {}): boolean {
  return pickVersion(broker, api, opts) !== null;
}

const requestCount = new AsyncLocalStorage<{ requests: number }>();

/** Runs fn, counting the requests it sends through send() (the sampler reports its cost with it). */
export async function countingRequests<T>(fn: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const counter = { requests: 0 };
  const result = await requestCount.run(counter, fn);
  return { result, requests: counter.requests };
}

/** One request on one connected broker, one version; no retries. */
async function sendOnce<Req, Res>(broker: KjsBroker, api: ApiSpec<Req, Res>, version: number, request: Input<Req>, requestTimeout?: number): Promise<Res> {
  const counter = requestCount.getStore();
  if (counter) counter.requests++;
  const w = new Writer();
  // kafkajs writes request header v1; v2 adds an (empty) tagged-field section after it.
  if (api.requestHeaderVersion(version) >= 2) w.taggedFields([]);
  api.encodeRequest(w, version, request);
  const body = w.finish();
  const req = {
    apiKey: api.key,
    apiVersion: version,
    apiName: api.name,
    encode: async () => new Encoder().writeBuffer(body),
  };
  const response = {
    // kafkajs has read the correlation id (response header v0); v1 adds tagged fields.
    decode: async (payload: Buffer) => {
      const r = new Reader(payload);
      if (api.responseHeaderVersion(version) >= 1) r.taggedFields();
      return api.decodeResponse(r, version);
    },
    parse: async (value: Res) => value,
  };
  return (await broker.connectionPool.send({ request: req, response, requestTimeout })) as Res;
}

async function connected(broker: KjsBroker, timeoutMs: number): Promise<KjsBroker> {
  // kafkajs reports a broker connected once its socket is open, before its API versions are
  // read; connect() then waits for the connection under way (it holds a lock) instead.
  if (!broker.isConnected() || !broker.versions) await withTimeout(broker.connect(), timeoutMs, `Connecting to broker ${broker.nodeId}`);
  return broker;
}

/** Metadata from any broker that answers; teaches kafkajs the brokers it lists. */
export async function anyBrokerMetadata(cluster: KjsCluster, topics: string[] | null, opts: SendOptions<MetadataResponse> = {}): Promise<MetadataResponse> {
  const request = { topics: topics === null ? null : topics.map((name) => ({ name })), allowAutoTopicCreation: false };
  const res = await send(cluster, { anyBroker: true }, MetadataApi, request, { errorCode: () => 0, ...opts });
  await learnBrokers(
    cluster,
    res.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
  );
  return res;
}

async function brokerById(cluster: KjsCluster, nodeId: number): Promise<KjsBroker> {
  const known = cluster.brokerPool.brokers?.[nodeId];
  if (known) return known;
  await anyBrokerMetadata(cluster, []);
  return cluster.findBroker({ nodeId: String(nodeId) });
}

/** The coordinator of a group (or transactional id, or share group), from FindCoordinator on any broker. */
export async function findCoordinator(
  cluster: KjsCluster,
  key: string,
  keyType: keyof typeof KEY_TYPES = 'group',
  deadline = Date.now() + 10_000,
): Promise<KjsBroker> {
  const res = await send(
    cluster,
    { anyBroker: true },
    FindCoordinatorApi,
    (v) => (v >= 4 ? { keyType: KEY_TYPES[keyType], coordinatorKeys: [key] } : { key, keyType: KEY_TYPES[keyType] }),
    {
      deadlineMs: Math.max(0, deadline - Date.now()),
      errorCode: (r) => r.coordinators[0]?.errorCode ?? r.errorCode,
    },
  );
  const c = res.coordinators[0] ?? res;
  if (c.errorCode) throw new KafkaResponseError(c.errorCode, errorType(c.errorCode), c.errorMessage);
  return brokerById(cluster, c.nodeId);
}

async function findLeader(cluster: KjsCluster, topic: string, partition: number): Promise<KjsBroker> {
  const md = await anyBrokerMetadata(cluster, [topic]);
  const t = md.topics.find((x) => x.name === topic);
  if (t?.errorCode) throw new KafkaResponseError(t.errorCode, errorType(t.errorCode), null);
  const p = t?.partitions.find((x) => x.partitionIndex === partition);
  if (!p) throw new KafkaResponseError(3, errorType(3), `${topic}-${partition}`);
  if (p.leaderId < 0) throw new KafkaResponseError(5, errorType(5), `${topic}-${partition}`);
  return brokerById(cluster, p.leaderId);
}

/** The brokers to try, in order: several only for requests any broker can serve. */
async function candidates(cluster: KjsCluster, to: Target, deadline: number): Promise<KjsBroker[]> {
  if ('broker' in to) return [to.broker];
  if ('nodeId' in to) return [await brokerById(cluster, to.nodeId)];
  if ('coordinator' in to) return [await findCoordinator(cluster, to.coordinator, to.keyType ?? 'group', deadline)];
  if ('leaderOf' in to) return [await findLeader(cluster, to.leaderOf.topic, to.leaderOf.partition)];
  if (!cluster.isConnected()) await cluster.connect();
  const known = knownBrokers(cluster);
  if (!known.length) throw new Error('kafkajs knows no broker of this cluster');
  return known;
}

function unsupportedVersion(broker: KjsBroker, api: ApiSpec<unknown, unknown>, opts: { minVersion?: number; maxVersion?: number }): UnsupportedApiError {
  const theirs = broker.versions?.[api.key] ?? null;
  const ours = `v${Math.max(api.minVersion, opts.minVersion ?? 0)}-v${Math.min(api.maxVersion, opts.maxVersion ?? Infinity)}`;
  return new UnsupportedApiError(
    api.key,
    api.name,
    broker.nodeId,
    theirs && { minVersion: theirs.minVersion, maxVersion: theirs.maxVersion },
    `broker ${broker.nodeId} supports ${api.name} ${theirs ? `v${theirs.minVersion}-v${theirs.maxVersion}` : 'in no version'}, the console ${ours}`,
  );
}

function topLevelErrorCode(res: unknown): number {
  const code = (res as { errorCode?: unknown }).errorCode;
  return typeof code === 'number' ? code : 0;
}

/**
 * Sends one request and returns the decoded answer. `request` may depend on the version
 * picked. Error codes in the answer are the caller's, except the retriable ones (see above)
 * while the deadline allows; a broker without a common version fails with UNSUPPORTED_VERSION.
 */
export async function send<Req, Res>(
  cluster: KjsCluster,
  to: Target,
  api: ApiSpec<Req, Res>,
  request: Input<Req> | ((version: number) => Input<Req>),
  opts: SendOptions<Res> = {},
): Promise<Res> {
  const deadline = Date.now() + (opts.deadlineMs ?? 10_000);
  const connectTimeout = opts.connectTimeoutMs ?? 5_000;
  let closedRetried = false;
  for (let attempt = 0; ; attempt++) {
    const brokers = await candidates(cluster, to, deadline);
    const attemptOn = async (candidate: KjsBroker): Promise<Res> => {
      const broker = await connected(candidate, connectTimeout);
      const version = pickVersion(broker, api, opts);
      if (version === null) throw unsupportedVersion(broker, api, opts);
      const req = typeof request === 'function' ? (request as (v: number) => Input<Req>)(version) : request;
      const pending = sendOnce(broker, api, version, req, opts.requestTimeoutMs);
      // With other brokers to try, one that does not answer costs one timeout.
      const res = await (brokers.length > 1 ? withTimeout(pending, opts.requestTimeoutMs ?? connectTimeout, `${api.name} request`) : pending);
      opts.answeredBy?.(broker, version);
      return res;
    };
    let lastError: unknown;
    let res: Res | undefined;
    for (const candidate of brokers) {
      try {
        res = await attemptOn(candidate).catch((err: unknown) => {
          if (!isClosed(err) || closedRetried) throw err;
          // kafkajs reconnects on the next send: once, at once.
          closedRetried = true;
          return attemptOn(candidate);
        });
        break;
      } catch (err) {
        lastError = err;
        if (brokers.length > 1 && isUnreachable(err)) continue;
        throw err;
      }
    }
    if (res === undefined) throw lastError;
    const code = opts.errorCode ? opts.errorCode(res) : topLevelErrorCode(res);
    if (RETRIABLE.has(code) && !('broker' in to) && Date.now() + backoff(attempt) < deadline) {
      await sleep(backoff(attempt));
      continue;
    }
    return res;
  }
}
