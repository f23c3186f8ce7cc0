import 'server-only';
import { cpuUsage } from 'node:process';
import { clusterMetadata } from '../kafka/metadata';
import { listOffsets, tpKey, type TopicPartition } from '../kafka/offsets';
import { countingRequests, describeLogDirs, listGroups, offsetFetchGroups, type KjsBroker, type ListedGroup } from '../kafka/protocol';
import type { ClusterClients } from '../kafka/registry';
import { toApiError } from '../kafka/errors';
import { K } from './keys';

/**
 * One sampling round of a cluster: the end offset of every partition, the committed offsets
 * of every group, and each topic's bytes on its leaders. Requests are batched: one Metadata,
 * one ListOffsets and one DescribeLogDirs per leader broker, one ListGroups per broker, one
 * OffsetFetch per coordinator for up to 500 groups (Kafka 3.0+; one per group before).
 */

export interface GroupSeen {
  type: string;
  state: string | null;
  /** Topics the group has committed offsets on. */
  topics: string[];
}

export interface RoundStats {
  ts: number;
  wallMs: number;
  /** CPU the console's process spent during the round (user + system; includes anything else running). */
  cpuMs: number;
  requests: number;
  topics: number;
  partitions: number;
  groups: number;
  series: number;
  errors: string[];
}

export interface Round {
  ts: number;
  values: Map<string, number>;
  groups: Map<string, GroupSeen>;
  stats: RoundStats;
}

/** Groups whose committed offsets mean consumption: consumer-protocol groups of every kind, not share groups or Connect workers. */
function hasOffsets(g: ListedGroup): boolean {
  if (g.state === 'Dead') return false;
  if (g.type === 'share') return false;
  return g.protocolType === 'consumer' || g.protocolType === '' || g.type === 'consumer' || g.type === 'streams';
}

async function ensureConnected(b: KjsBroker): Promise<KjsBroker> {
  if (!b.isConnected() || !b.versions) await b.connect();
  return b;
}

export async function sampleRound(c: ClusterClients, opts: { includeInternal?: boolean } = {}): Promise<Round> {
  const started = Date.now();
  const cpu0 = cpuUsage();
  const errors: string[] = [];
  const values = new Map<string, number>();
  const groups = new Map<string, GroupSeen>();
  let partitions = 0;
  let topicsCount = 0;

  const { requests } = await countingRequests(async () => {
    await c.ready();
    const md = await clusterMetadata(c);
    const topics = md.topicMetadata.filter((t) => opts.includeInternal || !t.topic.startsWith('__'));
    topicsCount = topics.length;
    const tps: TopicPartition[] = topics.flatMap((t) => t.partitionMetadata.map((p) => ({ topic: t.topic, partition: p.partitionId })));
    partitions = tps.length;
    const leaderParts = new Map<number, Map<string, number[]>>();
    for (const t of topics) {
      for (const p of t.partitionMetadata) {
        if (p.leader < 0) continue;
        const byTopic = leaderParts.get(p.leader) ?? new Map<string, number[]>();
        byTopic.set(t.topic, [...(byTopic.get(t.topic) ?? []), p.partitionId]);
        leaderParts.set(p.leader, byTopic);
      }
    }
    const brokerIds = md.brokers.map((b) => b.nodeId);

    const ends = listOffsets(c, tps, 'latest', { metadata: md });
    const sizes = Promise.all(
      [...leaderParts].map(async ([leader, byTopic]) => {
        try {
          return await describeLogDirs(
            c.cluster,
            { nodeId: leader },
            [...byTopic].map(([topic, ps]) => ({ topic, partitions: ps })),
          );
        } catch (err) {
          errors.push(`DescribeLogDirs on broker ${leader}: ${toApiError(err, { cluster: c.config }).message}`);
          return [];
        }
      }),
    );
    const committed = Promise.all(
      brokerIds.map(async (nodeId) => {
        try {
          const listed = await listGroups(c.cluster, { nodeId });
          for (const g of listed)
            if (g.state !== 'Dead')
              groups.set(g.groupId, { type: g.type ?? (g.protocolType === 'consumer' ? 'classic' : g.protocolType || 'classic'), state: g.state, topics: [] });
          const ids = listed.filter(hasOffsets).map((g) => g.groupId);
          if (!ids.length) return [];
          const broker = await ensureConnected(await c.cluster.findBroker({ nodeId: String(nodeId) }));
          return [...(await offsetFetchGroups(broker, c.cluster, ids))];
        } catch (err) {
          errors.push(`groups on broker ${nodeId}: ${toApiError(err, { cluster: c.config }).message}`);
          return [];
        }
      }),
    );

    const endOffsets = await ends;
    const topicEnd = new Map<string, number>();
    for (const tp of tps) {
      const o = endOffsets.get(tpKey(tp.topic, tp.partition))?.offset;
      if (o == null) continue;
      const n = Number(o);
      values.set(K.end(tp.topic, tp.partition), n);
      topicEnd.set(tp.topic, (topicEnd.get(tp.topic) ?? 0) + n);
    }
    for (const [t, n] of topicEnd) values.set(K.produced(t), n);

    const topicBytes = new Map<string, number>();
    for (const list of await sizes) for (const r of list) topicBytes.set(r.topic, (topicBytes.get(r.topic) ?? 0) + Number(r.size));
    for (const [t, n] of topicBytes) values.set(K.bytes(t), n);

    for (const perBroker of await committed) {
      for (const [groupId, res] of perBroker) {
        if (res.error) {
          errors.push(`OffsetFetch ${groupId}: ${res.error}`);
          continue;
        }
        let lag = 0;
        let consumed = 0;
        let any = false;
        const topicLag = new Map<string, number>();
        for (const o of res.offsets) {
          const end = values.get(K.end(o.topic, o.partition));
          if (end === undefined) continue; // topic gone, or internal and not sampled
          any = true;
          values.set(K.committed(groupId, o.topic, o.partition), o.offset);
          const l = Math.max(0, end - o.offset);
          lag += l;
          consumed += o.offset;
          topicLag.set(o.topic, (topicLag.get(o.topic) ?? 0) + l);
        }
        const seen = groups.get(groupId);
        if (seen) seen.topics = [...topicLag.keys()].sort();
        if (!any) continue;
        values.set(K.groupLag(groupId), lag);
        values.set(K.consumed(groupId), consumed);
        for (const [t, l] of topicLag) values.set(K.groupTopicLag(groupId, t), l);
      }
    }
  });

  const cpu = cpuUsage(cpu0);
  return {
    ts: started,
    values,
    groups,
    stats: {
      ts: started,
      wallMs: Date.now() - started,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      requests,
      topics: topicsCount,
      partitions,
      groups: groups.size,
      series: values.size,
      errors: errors.slice(0, 20),
    },
  };
}
