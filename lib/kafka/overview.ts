import 'server-only';
import { Socket } from 'node:net';
import apiKeysModule from 'kafkajs/src/protocol/requests/apiKeys.js';
import { ApiError } from '@/lib/errors';
import { metadataFromAnyBroker } from './metadata';
import { clientsLazy, CONNECTION_TIMEOUT_MS, type ClusterClients } from './registry';
import { humanSocketCode, toApiError } from './errors';
import {
  describeQuorum,
  errorType,
  KafkaResponseError,
  send,
  supports,
  supportsDescribeQuorum,
  type KjsBroker,
  type QuorumInfo,
  type RawMetadata,
} from './protocol';
import { ApiVersionsApi } from './protocol/generated/api-versions';
import { DescribeClusterApi } from './protocol/generated/describe-cluster';
import { configuredPrincipal } from './connect-errors';
import { guessKafkaRelease } from './kafka-version';

export interface BrokerStatus {
  id: number;
  host: string | null;
  port: number | null;
  rack: string | null;
  /** Listed in the cluster's current metadata (KRaft drops fenced brokers from it). */
  registered: boolean;
  reachable: boolean;
  error: string | null;
  isController: boolean;
  leaders: number;
  replicas: number;
}

export interface ClusterOverview {
  clusterId: string | null;
  mode: 'kraft' | 'zookeeper';
  controller: { id: number | null; source: 'DescribeQuorum' | 'Metadata' | null; note: string | null };
  quorum: { leaderId: number; leaderEpoch: number; voters: number[]; observers: number[] } | null;
  /** The Kafka release, as far as the versions the seed broker accepts tell (see kafka-version.ts). */
  kafkaVersion: string;
  brokers: BrokerStatus[];
  topics: { total: number; internal: number };
  partitions: { total: number; underReplicated: number; offline: number };
  leaderSkew: { maxLeaders: number; minLeaders: number; average: number };
  apiVersions: { apiKey: number; name: string; minVersion: number; maxVersion: number }[];
  /** What the console's own Kafka principal may do on the cluster, and what that hides. */
  access: ClusterAccess;
  elapsedMs: number;
}

export interface ClusterAccess {
  /** The principal the broker sees (from the config: the SASL user or the client certificate), null on a plain listener. */
  principal: string | null;
  /** Operations the authorizer allows it on the cluster resource (DescribeCluster), null when the broker can't say. */
  clusterOperations: string[] | null;
  warnings: string[];
}

/** Kafka's AclOperation codes: bit n of an authorized-operations field stands for code n. */
const OPERATION_NAMES = [
  'Unknown',
  'Any',
  'All',
  'Read',
  'Write',
  'Create',
  'Delete',
  'Alter',
  'Describe',
  'ClusterAction',
  'DescribeConfigs',
  'AlterConfigs',
  'IdempotentWrite',
  'CreateTokens',
  'DescribeTokens',
  'TwoPhaseCommit',
];
const DESCRIBE = 8;
/** The broker did not compute authorized operations (INT32_MIN). */
const OMITTED = -2147483648;

/** Asks the broker what the console may do on the cluster; warns when it may not even describe it. */
async function clusterAccess(c: ClusterClients, seed: KjsBroker): Promise<ClusterAccess> {
  const principal = configuredPrincipal(c.config);
  const who = principal ?? "The console's Kafka principal";
  if (!supports(seed, DescribeClusterApi)) return { principal, clusterOperations: null, warnings: [] };
  try {
    const res = await withTimeout(
      send(c.cluster, { broker: seed }, DescribeClusterApi, { includeClusterAuthorizedOperations: true, endpointType: 1, includeFencedBrokers: false }),
      5000,
      'DescribeCluster',
    );
    if (res.errorCode) {
      return {
        principal,
        clusterOperations: null,
        warnings: [
          `${who} may not describe the cluster: ${toApiError(new KafkaResponseError(res.errorCode, errorType(res.errorCode), res.errorMessage)).message}`,
        ],
      };
    }
    if (res.clusterAuthorizedOperations === OMITTED) return { principal, clusterOperations: null, warnings: [] };
    const ops = OPERATION_NAMES.filter((_, i) => i > 2 && res.clusterAuthorizedOperations & (1 << i));
    const warnings: string[] = [];
    if (!(res.clusterAuthorizedOperations & (1 << DESCRIBE))) {
      const grant = principal?.startsWith('User:')
        ? ` Grant it with: kafka-acls --bootstrap-server ${c.config.bootstrapServers[0]} --add --allow-principal ${principal} --operation Describe --cluster`
        : ' Grant its principal Describe on the cluster (kafka-acls --add --operation Describe --cluster).';
      warnings.push(
        `${who} lacks DESCRIBE on the cluster: the controller quorum, consumer groups it has no ACL for, and cluster-wide views are hidden from the console, and only topics it may describe are listed.${grant}`,
      );
    }
    return { principal, clusterOperations: ops, warnings };
  } catch (err) {
    return { principal, clusterOperations: null, warnings: [`Could not ask what ${who} may do on the cluster: ${toApiError(err).message}`] };
  }
}

const API_NAMES: Record<number, string> = Object.fromEntries(Object.entries(apiKeysModule).map(([name, key]) => [key, name]));

/** Brokers seen earlier, so one that drops out of the metadata is still shown (as down). */
const seenKey = Symbol.for('kafka-console.seen-brokers');
type G = typeof globalThis & { [seenKey]?: Map<string, Map<number, { host: string; port: number; rack: string | null }>> };
function seenBrokers(clusterId: string) {
  const g = globalThis as G;
  g[seenKey] ??= new Map();
  let m = g[seenKey].get(clusterId);
  if (!m) {
    m = new Map();
    g[seenKey].set(clusterId, m);
  }
  return m;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, rej) => {
      timer = setTimeout(() => rej(new ApiError('timeout', `${what} did not answer within ${ms / 1000} s`)), ms);
    }),
  ]);
}

/** Why a host:port can't be reached, from a plain TCP connect (null when it connects). */
export function probeAddress(address: string, timeoutMs = 2000): Promise<string | null> {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i);
  const port = Number(address.slice(i + 1));
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (err: string | null) => {
      s.destroy();
      resolve(err);
    };
    s.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs / 1000} s (connection timed out)`));
    s.once('connect', () => done(null));
    s.once('error', (e: NodeJS.ErrnoException) => done(humanSocketCode(e.code ?? '') ?? 'connection failed'));
    s.connect(port, host);
  });
}

async function connectOrExplain(c: ClusterClients): Promise<void> {
  try {
    await withTimeout(c.ready(), 3 * CONNECTION_TIMEOUT_MS, 'The bootstrap servers');
  } catch (err) {
    const probes = await Promise.all(c.config.bootstrapServers.map(async (a) => ({ address: a, error: await probeAddress(a) })));
    const failing = probes.filter((p) => p.error);
    if (failing.length === probes.length) {
      throw new ApiError('unavailable', `Cannot reach any bootstrap server: ${failing.map((p) => `${p.address} (${p.error})`).join(', ')}`, {
        details: { bootstrap: probes },
      });
    }
    const base = toApiError(err, { cluster: c.config });
    // A rejected login or certificate says what to fix on its own.
    if ((base.extra.details as { problem?: string } | undefined)?.problem) throw base;
    throw new ApiError(
      base.code === 'internal' ? 'unavailable' : base.code,
      `Connected to a bootstrap server but the Kafka handshake failed: ${base.message}`,
      {
        details: { bootstrap: probes },
      },
    );
  }
}

async function brokerReachability(c: ClusterClients, id: number, address: string): Promise<string | null> {
  // A plain TCP connect first names the address and the socket-level reason (the
  // advertised.listeners mistake); then a real Kafka request proves the broker answers.
  const tcp = await probeAddress(address, CONNECTION_TIMEOUT_MS);
  if (tcp) return `Broker ${id} advertises ${address}, which the console cannot reach: ${tcp}`;
  try {
    await withTimeout(
      c.cluster
        .findBroker({ nodeId: String(id) })
        .then((b) => send(c.cluster, { broker: b }, ApiVersionsApi, { clientSoftwareName: 'kafka-console', clientSoftwareVersion: '0' })),
      CONNECTION_TIMEOUT_MS + 1000,
      `Broker ${id}`,
    );
    return null;
  } catch (err) {
    return `Broker ${id} at ${address} does not answer Kafka requests: ${toApiError(err).message}`;
  }
}

const NEWER_API_NAMES: Record<number, string> = {
  47: 'OffsetDelete',
  48: 'DescribeClientQuotas',
  49: 'AlterClientQuotas',
  50: 'DescribeUserScramCredentials',
  51: 'AlterUserScramCredentials',
  55: 'DescribeQuorum',
  57: 'UpdateFeatures',
  60: 'DescribeCluster',
  61: 'DescribeProducers',
  64: 'UnregisterBroker',
  65: 'DescribeTransactions',
  66: 'ListTransactions',
  68: 'ConsumerGroupHeartbeat',
  69: 'ConsumerGroupDescribe',
  74: 'GetTelemetrySubscriptions',
  75: 'PushTelemetry',
  76: 'ShareGroupHeartbeat',
  77: 'ShareGroupDescribe',
  78: 'ShareFetch',
  79: 'ShareAcknowledge',
  80: 'AddRaftVoter',
  81: 'RemoveRaftVoter',
  83: 'InitializeShareGroupState',
  84: 'ReadShareGroupState',
  85: 'WriteShareGroupState',
  86: 'DeleteShareGroupState',
  87: 'ReadShareGroupStateSummary',
  88: 'StreamsGroupHeartbeat',
  89: 'StreamsGroupDescribe',
  90: 'DescribeShareGroupOffsets',
  91: 'AlterShareGroupOffsets',
  92: 'DeleteShareGroupOffsets',
};

export async function getOverview(clusterId: string): Promise<ClusterOverview> {
  const started = Date.now();
  const c = clientsLazy(clusterId);
  await connectOrExplain(c);
  let metadata: RawMetadata;
  let seed: KjsBroker;
  try {
    ({ metadata, broker: seed } = await metadataFromAnyBroker(c.cluster, null));
  } catch (err) {
    throw toApiError(err);
  }
  const versions = seed.versions ?? (await seed.apiVersions());
  const kraft = supportsDescribeQuorum(seed);
  const access = clusterAccess(c, seed);

  let quorum: QuorumInfo | null = null;
  let controller: ClusterOverview['controller'];
  if (kraft) {
    try {
      quorum = await withTimeout(describeQuorum(c.cluster, { broker: seed }), 5000, 'DescribeQuorum');
      controller = { id: quorum.leaderId, source: 'DescribeQuorum', note: null };
    } catch (err) {
      controller = {
        id: null,
        source: null,
        note: `Active controller unknown: DescribeQuorum failed (${toApiError(err).message}). KRaft brokers report a random broker as "controller" in Metadata, so that value is not shown.`,
      };
    }
  } else {
    controller = { id: metadata.controllerId ?? null, source: 'Metadata', note: null };
  }

  const seen = seenBrokers(clusterId);
  for (const b of metadata.brokers) seen.set(b.nodeId, { host: b.host, port: b.port, rack: b.rack ?? null });
  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  const ids = new Set<number>([...metadata.brokers.map((b) => b.nodeId)]);
  let total = 0;
  let underReplicated = 0;
  let offline = 0;
  for (const t of metadata.topicMetadata) {
    for (const p of t.partitionMetadata) {
      total++;
      if (p.leader < 0) offline++;
      else leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      if (p.isr.length < p.replicas.length) underReplicated++;
      for (const r of p.replicas) {
        ids.add(r);
        replicas.set(r, (replicas.get(r) ?? 0) + 1);
      }
    }
  }
  for (const id of seen.keys()) ids.add(id);
  const registered = new Set(metadata.brokers.map((b) => b.nodeId));

  const brokers: BrokerStatus[] = await Promise.all(
    [...ids]
      .sort((a, b) => a - b)
      .map(async (id) => {
        const known = metadata.brokers.find((b) => b.nodeId === id);
        const last = seen.get(id);
        const error = known
          ? await brokerReachability(c, id, `${known.host}:${known.port}`)
          : `Not in the cluster's metadata: the broker is down or fenced${last ? ` (last seen at ${last.host}:${last.port})` : ''}`;
        return {
          id,
          host: known?.host ?? last?.host ?? null,
          port: known?.port ?? last?.port ?? null,
          rack: known?.rack ?? last?.rack ?? null,
          registered: registered.has(id),
          reachable: error === null,
          error,
          isController: controller.id === id,
          leaders: leaders.get(id) ?? 0,
          replicas: replicas.get(id) ?? 0,
        };
      }),
  );
  const live = brokers.filter((b) => b.registered).map((b) => b.leaders);
  return {
    clusterId: metadata.clusterId ?? null,
    mode: kraft ? 'kraft' : 'zookeeper',
    controller,
    quorum: quorum
      ? {
          leaderId: quorum.leaderId,
          leaderEpoch: quorum.leaderEpoch,
          voters: quorum.voters.map((v) => v.replicaId),
          observers: quorum.observers.map((v) => v.replicaId),
        }
      : null,
    kafkaVersion: guessKafkaRelease(versions).label,
    brokers,
    topics: { total: metadata.topicMetadata.length, internal: metadata.topicMetadata.filter((t) => t.isInternal).length },
    partitions: { total, underReplicated, offline },
    leaderSkew: {
      maxLeaders: live.length ? Math.max(...live) : 0,
      minLeaders: live.length ? Math.min(...live) : 0,
      average: live.length ? total / live.length : 0,
    },
    apiVersions: Object.entries(versions)
      .map(([k, v]) => ({
        apiKey: Number(k),
        name: API_NAMES[Number(k)] ?? NEWER_API_NAMES[Number(k)] ?? `Api${k}`,
        minVersion: v.minVersion,
        maxVersion: v.maxVersion,
      }))
      .sort((a, b) => a.apiKey - b.apiKey),
    access: await access,
    elapsedMs: Date.now() - started,
  };
}
