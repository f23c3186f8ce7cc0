/**
 * The parts of kafkajs's own network layer (its Cluster, Broker and connection pool) that the
 * transport sends through. kafkajs publishes these modules (src/) but no types for them.
 */

export interface KjsEncoder {
  writeBuffer(v: Buffer): KjsEncoder;
  buffer: Buffer;
}

export type KjsVersions = Record<number, { minVersion: number; maxVersion: number }>;

export interface KjsBroker {
  nodeId: number;
  versions: KjsVersions | null;
  connectionPool: { send(req: unknown): Promise<unknown>; host: string; port: number };
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  apiVersions(): Promise<KjsVersions>;
}

export interface KjsCluster {
  brokerPool: { seedBroker?: KjsBroker; metadata: RawMetadata | null; brokers: Record<string, KjsBroker> };
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  findBroker(args: { nodeId: string | number }): Promise<KjsBroker>;
}

export interface RawPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

/** Cluster metadata as the console uses it (lib/kafka/metadata.ts). */
export interface RawMetadata {
  clusterId?: string;
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  topicMetadata: {
    topicErrorCode: number;
    topic: string;
    isInternal: boolean;
    partitionMetadata: RawPartitionMetadata[];
  }[];
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
 * kafkajs finds brokers (findBroker) in its broker pool, which its own metadata refresh fills.
 * Adds the brokers a Metadata answer lists that the pool lacks, as that refresh would.
 */
export async function learnBrokers(cluster: KjsCluster, brokers: { nodeId: number; host: string; port: number; rack: string | null }[]): Promise<void> {
  const pool = cluster.brokerPool as unknown as PoolInternals;
  for (const b of brokers) {
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

/** Every broker kafkajs knows (the seed included), connected ones first. */
export function knownBrokers(cluster: KjsCluster): KjsBroker[] {
  const pool = cluster.brokerPool;
  const known = [...new Set([pool.seedBroker, ...Object.values(pool.brokers ?? {})].filter((b): b is KjsBroker => Boolean(b)))];
  return [...known.filter((b) => b.isConnected()), ...known.filter((b) => !b.isConnected())];
}
