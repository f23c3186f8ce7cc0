import 'server-only';
import { ApiError } from '@/lib/errors';
import type { MetadataResponse } from './protocol/generated/metadata';
import type { KjsBroker, KjsCluster, RawMetadata } from './protocol/kafkajs';
import { anyBrokerMetadata, send } from './protocol/transport';
import { MetadataApi } from './protocol/generated/metadata';
import type { ClusterClients } from './registry';

/**
 * The one place the console reads cluster metadata. kafkajs's own Metadata path is not used:
 * its parser fails the whole answer (after retrying for seconds) as soon as one partition has
 * no leader, and its refresh asks for every topic; so one offline partition anywhere would turn
 * unrelated pages into errors. Here per-partition errors are kept for the caller to show.
 */

const BROKER_TIMEOUT_MS = 5_000;

function toRawMetadata(res: MetadataResponse): RawMetadata {
  return {
    clusterId: res.clusterId ?? undefined,
    controllerId: res.controllerId,
    brokers: res.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
    topicMetadata: res.topics.map((t) => ({
      topicErrorCode: t.errorCode,
      topic: t.name ?? '',
      isInternal: t.isInternal,
      partitionMetadata: t.partitions.map((p) => ({
        partitionErrorCode: p.errorCode,
        partitionId: p.partitionIndex,
        leader: p.leaderId,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        offlineReplicas: p.offlineReplicas,
      })),
    })),
  };
}

/**
 * Metadata from the first broker that answers, connected ones first, then the seed (bootstrap)
 * broker, then the others kafkajs knows: a broker that is down or advertises an address the
 * console can't reach costs one timeout, not the page. Returns the broker that answered.
 */
export async function metadataFromAnyBroker(cluster: KjsCluster, topics: string[] | null): Promise<{ metadata: RawMetadata; broker: KjsBroker }> {
  let broker: KjsBroker | undefined;
  try {
    const res = await anyBrokerMetadata(cluster, topics, {
      connectTimeoutMs: BROKER_TIMEOUT_MS,
      requestTimeoutMs: BROKER_TIMEOUT_MS,
      answeredBy: (b) => (broker = b),
    });
    return { metadata: toRawMetadata(res), broker: broker! };
  } catch (err) {
    if (err instanceof Error && err.name === 'KafkaJSTimeout') throw new ApiError('unavailable', err.message);
    throw err;
  }
}

/** Metadata of the given topics (every topic when omitted; `[]` for brokers only), per-partition errors kept. */
export async function clusterMetadata(c: ClusterClients | KjsCluster, topics?: string[]): Promise<RawMetadata> {
  const cluster = 'brokerPool' in c ? c : c.cluster;
  return (await metadataFromAnyBroker(cluster, topics ?? null)).metadata;
}

/**
 * Waits (at most `ms`) until every broker in `brokers` answers Metadata for `topic` with
 * `partitions` partitions, each with a leader. A broker learns of a new topic from the
 * controller a moment after it exists (on ZooKeeper-era clusters it can take a while), and
 * until then a client asking that broker (the CLI, a producer) is told it does not exist.
 * Brokers that do not answer are skipped: the overview reports them.
 */
export async function waitForTopicOnEveryBroker(cluster: KjsCluster, brokers: number[], topic: string, partitions: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  const knows = async (nodeId: number): Promise<boolean> => {
    while (Date.now() < deadline) {
      const res = await send(
        cluster,
        { nodeId },
        MetadataApi,
        { topics: [{ name: topic }], allowAutoTopicCreation: false },
        {
          errorCode: () => 0,
          connectTimeoutMs: BROKER_TIMEOUT_MS,
          requestTimeoutMs: BROKER_TIMEOUT_MS,
        },
      ).catch(() => null);
      if (res === null) return true;
      const t = res.topics.find((x) => x.name === topic);
      if (t && t.errorCode === 0 && t.partitions.length === partitions && t.partitions.every((p) => p.leaderId >= 0)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  return (await Promise.all(brokers.map(knows))).every(Boolean);
}
