import 'server-only';
import { ApiError } from '@/lib/errors';
import { errorType } from './protocol/errors';
import type { ElectionOutcome, ElectionPreview, ElectionScope } from '@/lib/schemas/leaders';
import { MAX_ELECTION_PARTITIONS } from '@/lib/schemas/leaders';
import { metadataFromAnyBroker } from './metadata';
import { send } from './protocol';
import { ElectLeadersApi } from './protocol/generated/elect-leaders';
import type { ClusterClients } from './registry';

/**
 * Preferred leader election through the generated ElectLeaders codec: the preview lists the
 * partitions whose leader is not their first replica (from Metadata), the election asks the
 * controller to move leadership back for exactly those. Never an unclean election.
 */
const ELECTION_NOT_NEEDED = 84;
const PREFERRED = 0;
/** How long the controller may take to move leadership (the request waits for it). */
const ELECTION_TIMEOUT_MS = 30_000;

interface Part {
  topic: string;
  partition: number;
  leader: number;
  preferred: number;
  isr: number[];
}

async function partitionsIn(c: ClusterClients, scope: ElectionScope): Promise<Part[] & { controller?: number }> {
  const topics = scope.type === 'cluster' ? null : scope.type === 'topic' ? [scope.topic] : [...new Set(scope.partitions.map((p) => p.topic))];
  const { metadata } = await metadataFromAnyBroker(c.cluster, topics);
  const wanted = scope.type === 'partitions' ? new Set(scope.partitions.map((p) => `${p.topic}:${p.partition}`)) : null;
  const out: Part[] = [];
  for (const t of metadata.topicMetadata) {
    if (t.topicErrorCode === 3 && scope.type !== 'cluster') throw new ApiError('not_found', `Topic ${t.topic} does not exist`);
    for (const p of t.partitionMetadata) {
      if (wanted && !wanted.has(`${t.topic}:${p.partitionId}`)) continue;
      out.push({ topic: t.topic, partition: p.partitionId, leader: p.leader, preferred: p.replicas[0] ?? -1, isr: p.isr });
    }
  }
  if (wanted) {
    const seen = new Set(out.map((p) => `${p.topic}:${p.partition}`));
    const missing = [...wanted].filter((k) => !seen.has(k));
    if (missing.length) throw new ApiError('not_found', `No such partition: ${missing.slice(0, 5).join(', ')}`);
  }
  if (out.length > MAX_ELECTION_PARTITIONS)
    throw new ApiError('payload_too_large', `The scope has ${out.length} partitions; elect at most ${MAX_ELECTION_PARTITIONS} at once`);
  // ZooKeeper-era brokers take elections at the controller; KRaft brokers forward them to theirs.
  return Object.assign(out, { controller: metadata.controllerId });
}

export function electionCommand(bootstrap: string, scope: ElectionScope): string {
  const base = `kafka-leader-election --bootstrap-server ${bootstrap} --election-type PREFERRED`;
  if (scope.type === 'cluster') return `${base} --all-topic-partitions`;
  if (scope.type === 'topic') return `${base} --topic ${scope.topic}`;
  if (scope.partitions.length === 1) return `${base} --topic ${scope.partitions[0].topic} --partition ${scope.partitions[0].partition}`;
  return `${base} --path-to-json-file partitions.json   # {"partitions": ${JSON.stringify(scope.partitions)}}`;
}

export async function previewElection(c: ClusterClients, scope: ElectionScope): Promise<ElectionPreview> {
  const parts = await partitionsIn(c, scope);
  const changes = parts
    .filter((p) => p.leader !== p.preferred)
    .map((p) => {
      const eligible = p.isr.includes(p.preferred);
      return {
        ...p,
        eligible,
        reason: eligible
          ? `broker ${p.preferred} is in sync and will take over from ${p.leader < 0 ? 'no leader' : `broker ${p.leader}`}`
          : `broker ${p.preferred} is not in sync (ISR ${p.isr.join(', ') || 'empty'}): it cannot lead until it catches up`,
      };
    });
  return { changes, alreadyPreferred: parts.length - changes.length, command: electionCommand(c.config.bootstrapServers[0], scope) };
}

/**
 * Elects exactly the partitions the preview would: those not led by their preferred replica
 * while it is in sync. The others are answered without asking Kafka: already preferred (not
 * needed), or their preferred replica out of sync (failed, with why); asking for those makes
 * the controller wait out the timeout for nothing.
 */
export async function electPreferred(c: ClusterClients, scope: ElectionScope): Promise<ElectionOutcome> {
  const parts = await partitionsIn(c, scope);
  const command = electionCommand(c.config.bootstrapServers[0], scope);
  const settled: ElectionOutcome['results'] = [];
  const byTopic = new Map<string, number[]>();
  for (const p of parts) {
    if (p.leader === p.preferred) settled.push({ topic: p.topic, partition: p.partition, outcome: 'notNeeded', error: null });
    else if (!p.isr.includes(p.preferred))
      settled.push({
        topic: p.topic,
        partition: p.partition,
        outcome: 'failed',
        error: `Preferred replica ${p.preferred} is not in sync (ISR ${p.isr.join(', ') || 'empty'})`,
      });
    else byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  }
  const sorted = (rs: ElectionOutcome['results']) => rs.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  if (byTopic.size === 0) return { results: sorted(settled), command };
  const to = parts.controller !== undefined && parts.controller >= 0 ? { nodeId: parts.controller } : ({ anyBroker: true } as const);
  const res = await send(
    c.cluster,
    to,
    ElectLeadersApi,
    {
      electionType: PREFERRED,
      topicPartitions: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      timeoutMs: ELECTION_TIMEOUT_MS,
    },
    { requestTimeoutMs: ELECTION_TIMEOUT_MS + 5_000 },
  );
  if (res.errorCode)
    throw new ApiError('unprocessable', `Kafka refused the election (${errorType(res.errorCode)})`, { details: { kafkaError: errorType(res.errorCode) } });
  const results = res.replicaElectionResults.flatMap((t) =>
    t.partitionResult.map((p) => ({
      topic: t.topic,
      partition: p.partitionId,
      outcome: p.errorCode === 0 ? ('elected' as const) : p.errorCode === ELECTION_NOT_NEEDED ? ('notNeeded' as const) : ('failed' as const),
      error: p.errorCode === 0 || p.errorCode === ELECTION_NOT_NEEDED ? null : (p.errorMessage ?? errorType(p.errorCode)),
    })),
  );
  return { results: sorted([...results, ...settled]), command };
}
