import 'server-only';
import apiKeys from 'kafkajs/src/protocol/requests/apiKeys.js';
import { ApiError } from '@/lib/api/errors';
import { readArray, send, type KjsBroker, type KjsCluster, type RawApi, type RawMetadata } from './protocol';
import type { ClusterClients } from './registry';

/**
 * The one place the console reads cluster metadata. kafkajs's own Metadata path is not used:
 * its parser fails the whole answer (after retrying for seconds) as soon as one partition has
 * no leader, and its refresh asks for every topic; so one offline partition anywhere would turn
 * unrelated pages into errors. Here per-partition errors are kept for the caller to show.
 */

const BROKER_TIMEOUT_MS = 5_000;

/** Metadata v6 (Kafka 1.0 to 4.x): offline replicas included. `null` asks for every topic, `[]` for none (brokers only). */
function metadataV6(topics: string[] | null): RawApi<RawMetadata> {
  return {
    apiKey: apiKeys.Metadata,
    apiName: 'Metadata',
    apiVersion: 6,
    flexible: false,
    encode(e) {
      if (topics === null) e.writeInt32(-1);
      else {
        e.writeInt32(topics.length);
        for (const t of topics) e.writeString(t);
      }
      e.writeBoolean(false); // allow_auto_topic_creation
    },
    decode(d) {
      d.readInt32(); // throttle_time_ms
      const brokers = readArray(d, () => ({ nodeId: d.readInt32(), host: d.readString() ?? '', port: d.readInt32(), rack: d.readString() }));
      const clusterId = d.readString() ?? undefined;
      const controllerId = d.readInt32();
      const topicMetadata = readArray(d, () => ({
        topicErrorCode: d.readInt16(),
        topic: d.readString() ?? '',
        isInternal: d.readBoolean(),
        partitionMetadata: readArray(d, () => ({
          partitionErrorCode: d.readInt16(),
          partitionId: d.readInt32(),
          leader: d.readInt32(),
          replicas: readArray(d, () => d.readInt32()),
          isr: readArray(d, () => d.readInt32()),
          offlineReplicas: readArray(d, () => d.readInt32()),
        })),
      }));
      return { clusterId, controllerId, brokers, topicMetadata };
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError('unavailable', `${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface PoolInternals {
  brokers: Record<string, KjsBroker>;
  seedBroker?: KjsBroker;
  versions: unknown;
  rootLogger: unknown;
  createBroker(options: Record<string, unknown>): KjsBroker;
  connectionPoolBuilder: { build(options: { host: string; port: number; rack: string | null }): Promise<unknown> };
}

/**
 * kafkajs finds a partition's leader (Fetch, ListOffsets, findBroker) in its broker pool, which
 * its own refresh fills. Add the brokers an answer lists that the pool lacks, as that refresh would.
 */
async function learnBrokers(cluster: KjsCluster, md: RawMetadata): Promise<void> {
  const pool = cluster.brokerPool as unknown as PoolInternals;
  for (const b of md.brokers) {
    if (pool.brokers[b.nodeId]) continue;
    const seed = pool.seedBroker;
    if (seed && seed.connectionPool.host === b.host && seed.connectionPool.port === b.port) {
      seed.nodeId = b.nodeId;
      // kafkajs's own refresh sets the rack too; without it, that refresh takes the seed for a
      // replaced broker and disconnects it under whatever request is using it.
      (seed.connectionPool as { rack?: string | null }).rack = b.rack;
      pool.brokers[b.nodeId] = seed;
      continue;
    }
    const connectionPool = await pool.connectionPoolBuilder.build({ host: b.host, port: b.port, rack: b.rack });
    pool.brokers[b.nodeId] ??= pool.createBroker({ logger: pool.rootLogger, versions: pool.versions, connectionPool, nodeId: b.nodeId });
  }
}

/**
 * Metadata from the first broker that answers, connected ones first, then the seed (bootstrap)
 * broker, then the others kafkajs knows: a broker that is down or advertises an address the
 * console can't reach costs one timeout, not the page. Returns the broker that answered.
 */
export async function metadataFromAnyBroker(cluster: KjsCluster, topics: string[] | null): Promise<{ metadata: RawMetadata; broker: KjsBroker }> {
  if (!cluster.isConnected()) await cluster.connect();
  const pool = cluster.brokerPool;
  const known = [...new Set([pool.seedBroker, ...Object.values(pool.brokers ?? {})].filter((b): b is KjsBroker => Boolean(b)))];
  const candidates = [...known.filter((b) => b.isConnected()), ...known.filter((b) => !b.isConnected())];
  let lastError: unknown = new ApiError('unavailable', 'No broker answered');
  for (const broker of candidates) {
    try {
      if (!broker.isConnected()) await withTimeout(broker.connect(), BROKER_TIMEOUT_MS, 'Connecting to a broker');
      const metadata = await withTimeout(send(broker, metadataV6(topics)), BROKER_TIMEOUT_MS, 'Metadata request');
      await learnBrokers(cluster, metadata);
      return { metadata, broker };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** Metadata of the given topics (every topic when omitted; `[]` for brokers only), per-partition errors kept. */
export async function clusterMetadata(c: ClusterClients | KjsCluster, topics?: string[]): Promise<RawMetadata> {
  const cluster = 'brokerPool' in c ? c : c.cluster;
  return (await metadataFromAnyBroker(cluster, topics ?? null)).metadata;
}
