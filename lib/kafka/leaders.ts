import 'server-only';
import { ApiError } from '@/lib/errors';
import { errorType } from './protocol/errors';
import type { ElectionOutcome, ElectionPreview, ElectionScope, UncleanInput } from '@/lib/schemas/leaders';
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
const ELIGIBLE_LEADERS_NOT_AVAILABLE = 83;
const PREFERRED = 0;
const UNCLEAN = 1;
/** How long the controller may take to move leadership (the request waits for it). */
const ELECTION_TIMEOUT_MS = 30_000;

interface Part {
  topic: string;
  partition: number;
  leader: number;
  preferred: number;
  isr: number[];
  replicas: number[];
}

async function partitionsIn(c: ClusterClients, scope: ElectionScope): Promise<Part[] & { controller?: number; live: Set<number> }> {
  const topics = scope.type === 'cluster' ? null : scope.type === 'topic' ? [scope.topic] : [...new Set(scope.partitions.map((p) => p.topic))];
  const { metadata } = await metadataFromAnyBroker(c.cluster, topics);
  const wanted = scope.type === 'partitions' ? new Set(scope.partitions.map((p) => `${p.topic}:${p.partition}`)) : null;
  const out: Part[] = [];
  for (const t of metadata.topicMetadata) {
    if (t.topicErrorCode === 3 && scope.type !== 'cluster') throw new ApiError('not_found', `Topic ${t.topic} does not exist`);
    for (const p of t.partitionMetadata) {
      if (wanted && !wanted.has(`${t.topic}:${p.partitionId}`)) continue;
      out.push({ topic: t.topic, partition: p.partitionId, leader: p.leader, preferred: p.replicas[0] ?? -1, isr: p.isr, replicas: p.replicas });
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
  return Object.assign(out, { controller: metadata.controllerId, live: new Set(metadata.brokers.map((b) => b.nodeId)) });
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
      const eligible = p.isr.includes(p.preferred) && parts.live.has(p.preferred);
      return {
        ...p,
        eligible,
        reason: eligible
          ? `broker ${p.preferred} is in sync and will take over from ${p.leader < 0 ? 'no leader' : `broker ${p.leader}`}`
          : `broker ${p.preferred} is not in sync (ISR ${p.isr.join(', ') || 'empty'}): it cannot lead until it catches up`,
      };
    });
  const leaderless = parts
    .filter((p) => p.leader < 0)
    .map((p) => {
      const candidates = p.replicas.filter((r) => parts.live.has(r) && !p.isr.includes(r));
      return {
        topic: p.topic,
        partition: p.partition,
        leader: p.leader,
        preferred: p.preferred,
        isr: p.isr,
        replicas: p.replicas,
        candidates,
        risk: uncleanRisk(p, candidates),
      };
    });
  return {
    changes: changes.filter((p) => p.leader >= 0),
    alreadyPreferred: parts.length - changes.length,
    leaderless,
    command: electionCommand(c.config.bootstrapServers[0], scope),
  };
}

function uncleanRisk(p: Part, candidates: number[]): string {
  const last = p.isr.length ? `broker ${p.isr.join(', ')}` : 'the last in-sync replica';
  if (candidates.length === 0)
    return `No replica of ${p.topic}-${p.partition} is on a live broker outside the ISR: an unclean election has nobody to choose. Bring ${last} back instead`;
  return `Broker ${candidates.join(' or ')} is not in sync: if it becomes leader, every record only ${last} had is lost for good, consumers may see offsets they already read disappear, and ${last} truncates its log to match when it returns. Bringing ${last} back loses nothing`;
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
    else if (!p.isr.includes(p.preferred) || !parts.live.has(p.preferred))
      settled.push({
        topic: p.topic,
        partition: p.partition,
        outcome: 'failed',
        error: `Preferred replica ${p.preferred} is not in sync (ISR ${p.isr.join(', ') || 'empty'})`,
      });
    else byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  }
  const sorted = (rs: ElectionOutcome['results']) => rs.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  if (byTopic.size === 0) return refuseIfNoneEligible(scope, { results: sorted(settled), command });
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
  const asked = res.replicaElectionResults.flatMap((t) =>
    t.partitionResult.map((p) => ({
      topic: t.topic,
      partition: p.partitionId,
      outcome: p.errorCode === 0 ? ('elected' as const) : p.errorCode === ELECTION_NOT_NEEDED ? ('notNeeded' as const) : ('failed' as const),
      error: p.errorCode === 0 || p.errorCode === ELECTION_NOT_NEEDED ? null : (p.errorMessage ?? errorType(p.errorCode)),
    })),
  );
  return refuseIfNoneEligible(scope, { results: sorted([...asked, ...settled]), command });
}

/** Chosen partitions none of which could be elected: nothing changed, and the caller should hear why. */
function refuseIfNoneEligible(scope: ElectionScope, outcome: ElectionOutcome): ElectionOutcome {
  const { results } = outcome;
  if (scope.type === 'partitions' && results.length > 0 && results.every((r) => r.outcome === 'failed'))
    throw new ApiError(
      'unprocessable',
      `No eligible leader: ${results
        .slice(0, 5)
        .map((r) => `${r.topic}-${r.partition}: ${r.error}`)
        .join('; ')}`,
      { details: { results } },
    );
  return outcome;
}

export function uncleanCommand(bootstrap: string, p: { topic: string; partition: number }): string {
  return `kafka-leader-election --bootstrap-server ${bootstrap} --election-type UNCLEAN --topic ${p.topic} --partition ${p.partition}`;
}

/**
 * Unclean election of one partition that has no leader: Kafka picks a live replica that is not
 * in sync. Refused (409) when the partition has a leader: there is nothing to gain and data to lose.
 */
export async function electUnclean(c: ClusterClients, input: UncleanInput): Promise<ElectionOutcome> {
  const scope: ElectionScope = { type: 'partitions', partitions: [{ topic: input.topic, partition: input.partition }] };
  const parts = await partitionsIn(c, scope);
  const p = parts[0];
  const command = uncleanCommand(c.config.bootstrapServers[0], input);
  if (p.leader >= 0)
    throw new ApiError(
      'conflict',
      `${input.topic}-${input.partition} has a leader (broker ${p.leader}): an unclean election is not needed and would only risk data`,
    );
  const candidates = p.replicas.filter((r) => parts.live.has(r) && !p.isr.includes(r));
  if (candidates.length === 0) throw new ApiError('unprocessable', uncleanRisk(p, candidates));
  const to = parts.controller !== undefined && parts.controller >= 0 ? { nodeId: parts.controller } : ({ anyBroker: true } as const);
  const res = await send(
    c.cluster,
    to,
    ElectLeadersApi,
    { electionType: UNCLEAN, topicPartitions: [{ topic: input.topic, partitions: [input.partition] }], timeoutMs: ELECTION_TIMEOUT_MS },
    { requestTimeoutMs: ELECTION_TIMEOUT_MS + 5_000 },
  );
  if (res.errorCode) throw new ApiError('unprocessable', `Kafka refused the election (${errorType(res.errorCode)})`);
  const r = res.replicaElectionResults.flatMap((t) => t.partitionResult)[0];
  if (!r) throw new ApiError('unavailable', 'Kafka did not answer for the partition');
  if (r.errorCode === ELECTION_NOT_NEEDED) throw new ApiError('conflict', `${input.topic}-${input.partition} got a leader meanwhile: no election was needed`);
  if (r.errorCode === ELIGIBLE_LEADERS_NOT_AVAILABLE || r.errorCode)
    throw new ApiError('unprocessable', `Kafka could not elect a leader for ${input.topic}-${input.partition}: ${r.errorMessage ?? errorType(r.errorCode)}`);
  const after = await waitForLeader(c, scope);
  return { results: [{ topic: input.topic, partition: input.partition, outcome: 'elected', error: null, leader: after }], command };
}

/** The leader the metadata shows once the election has spread (brokers apply it shortly after the controller). */
async function waitForLeader(c: ClusterClients, scope: ElectionScope): Promise<number | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [p] = await partitionsIn(c, scope);
    if (p.leader >= 0 || Date.now() > deadline) return p.leader >= 0 ? p.leader : null;
    await new Promise((r) => setTimeout(r, 250));
  }
}
