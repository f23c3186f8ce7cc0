import 'server-only';
import metadataRequests from 'kafkajs/src/protocol/requests/metadata/index.js';
import { ApiError } from '@/lib/api/errors';
import type { ClusterClients } from './registry';
import type { KjsBroker, RawMetadata } from './protocol';

const METADATA = 3;

/**
 * Metadata (v6 at most, with offline replicas) that keeps per-partition errors instead of
 * throwing: kafkajs's own parser fails the whole answer when one partition has no leader,
 * which is exactly when the topic pages must still show it.
 */
async function metadataFrom(broker: KjsBroker, topics: string[]): Promise<RawMetadata> {
  if (!broker.isConnected()) await broker.connect();
  const theirs = broker.versions?.[METADATA];
  const version = Math.min(6, theirs?.maxVersion ?? 6);
  const { request, response } = metadataRequests.protocol({ version })({ topics, allowAutoTopicCreation: false });
  const decoded = await broker.connectionPool.send({ request, response: { decode: response.decode, parse: async (x: unknown) => x } });
  return decoded as RawMetadata;
}

/** Metadata of the given topics (all topics when empty) from the first broker that answers. */
export async function clusterMetadata(c: ClusterClients, topics: string[] = []): Promise<RawMetadata> {
  const pool = c.cluster.brokerPool;
  const candidates = new Set([pool.seedBroker, ...Object.values(pool.brokers ?? {})].filter((b): b is KjsBroker => Boolean(b)));
  let lastError: unknown = new ApiError('unavailable', 'No broker answered');
  for (const broker of candidates) {
    let metadata: RawMetadata;
    try {
      metadata = await metadataFrom(broker, topics);
    } catch (err) {
      lastError = err;
      continue;
    }
    // kafkajs's broker table (used by findBroker) is filled from its own metadata refresh;
    // refresh it when it lacks a broker this answer lists (fresh client, restarted broker).
    if (metadata.brokers.some((b) => !pool.brokers?.[String(b.nodeId)])) await c.cluster.refreshMetadata().catch(() => undefined);
    return metadata;
  }
  throw lastError;
}
