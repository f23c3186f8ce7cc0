import 'server-only';
import { ApiError } from '@/lib/errors';
import { scanAudit } from '@/lib/audit/store';
import { diffReplicas } from '@/lib/reassign/plan';
import { reassignCommands } from '@/lib/reassign/commands';
import type {
  CancelOutcome,
  ExecuteInput,
  ExecuteOutcome,
  PartitionTarget,
  ReassignmentRun,
  ReassignmentStatus,
  VerifyOutcome,
} from '@/lib/schemas/reassignments';
import { errorType, send, type Target } from '../protocol';
import { AlterPartitionReassignmentsApi } from '../protocol/generated/alter-partition-reassignments';
import { MetadataApi } from '../protocol/generated/metadata';
import type { ClusterClients } from '../registry';
import { clusterLayout, key, layoutForTargets, listOngoing, replicaSizes, type Ongoing } from './current';
import { brokerThrottles, removeThrottles, setThrottles } from './throttles';

const NO_REASSIGNMENT_IN_PROGRESS = 85;
const ALTER_TIMEOUT_MS = 30_000;
/** How many of the console's recent runs the status shows. */
const RUNS_SHOWN = 10;

type Change = { topic: string; partition: number; replicas: number[] | null };

async function alterReassignments(c: ClusterClients, to: Target, changes: Change[]): Promise<Map<string, string | null>> {
  const byTopic = new Map<string, { partitionIndex: number; replicas: number[] | null }[]>();
  for (const ch of changes) byTopic.set(ch.topic, [...(byTopic.get(ch.topic) ?? []), { partitionIndex: ch.partition, replicas: ch.replicas }]);
  const res = await send(
    c.cluster,
    to,
    AlterPartitionReassignmentsApi,
    { timeoutMs: ALTER_TIMEOUT_MS, allowReplicationFactorChange: true, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) },
    { requestTimeoutMs: ALTER_TIMEOUT_MS + 5_000 },
  );
  if (res.errorCode)
    throw new ApiError('unprocessable', `Kafka refused the reassignment (${errorType(res.errorCode)}${res.errorMessage ? `: ${res.errorMessage}` : ''})`);
  const out = new Map<string, string | null>();
  for (const t of res.responses)
    for (const p of t.partitions)
      out.set(
        key({ topic: t.name, partition: p.partitionIndex }),
        p.errorCode === 0 ? null : `${errorType(p.errorCode)}${p.errorMessage ? `: ${p.errorMessage}` : ''}`,
      );
  return out;
}

/**
 * Starts a reassignment: checks the plan against the cluster, refuses partitions that are
 * moving already (409), sets the throttle when asked, then AlterPartitionReassignments. The
 * partitions' replicas before are returned (and audited), so the move can be reversed.
 */
export async function executeReassignment(c: ClusterClients, input: ExecuteInput): Promise<ExecuteOutcome> {
  const layout = await layoutForTargets(c, input.partitions);
  const moves = input.partitions
    .map((t) => ({ t, now: layout.current.get(key(t)) as { replicas: number[] } }))
    .filter(({ t, now }) => diffReplicas(now.replicas, t.replicas).changed)
    .map(({ t, now }) => ({
      topic: t.topic,
      partition: t.partition,
      current: now.replicas,
      target: t.replicas,
      adding: diffReplicas(now.replicas, t.replicas).adding,
    }));
  if (moves.length === 0)
    throw new ApiError('unprocessable', 'Every partition in the plan already has exactly these replicas: there is nothing to move', { field: 'partitions' });
  const ongoing = new Set((await listOngoing(c, layout.controller)).map(key));
  const busy = moves.filter((m) => ongoing.has(key(m)));
  if (busy.length)
    throw new ApiError(
      'conflict',
      `${busy
        .slice(0, 5)
        .map(key)
        .join(
          ', ',
        )}${busy.length > 5 ? ` and ${busy.length - 5} more` : ''} ${busy.length === 1 ? 'is' : 'are'} being reassigned already: wait for it to finish or cancel it first`,
    );
  const bootstrap = c.config.bootstrapServers[0];
  const involved = [...new Set(moves.flatMap((m) => [...m.current, ...m.target]))].sort((a, b) => a - b);
  const throttled = input.throttle === null ? { topics: [], brokers: [] } : await setThrottles(c, moves, involved, input.throttle);
  let results: Map<string, string | null>;
  try {
    results = await alterReassignments(
      c,
      layout.controller,
      moves.map((m) => ({ topic: m.topic, partition: m.partition, replicas: m.target })),
    );
  } catch (err) {
    // Nothing started: the throttles set a moment ago (there were none before) go again.
    if (throttled.topics.length) await removeThrottles(c, throttled.topics, throttled.brokers).catch(() => undefined);
    throw err;
  }
  const started = moves.filter((m) => results.has(key(m)) && results.get(key(m)) === null);
  const failed = moves
    .filter((m) => !started.includes(m))
    .map((m) => ({ topic: m.topic, partition: m.partition, error: results.get(key(m)) ?? 'Kafka did not answer for it' }));
  if (started.length === 0 && throttled.topics.length) await removeThrottles(c, throttled.topics, throttled.brokers).catch(() => undefined);
  return {
    started: started.map((m) => ({ topic: m.topic, partition: m.partition, previous: m.current, target: m.target })),
    failed,
    throttle: input.throttle,
    throttled: started.length ? throttled : { topics: [], brokers: [] },
    commands: [reassignCommands.execute(bootstrap, input.throttle), reassignCommands.verify(bootstrap)],
  };
}

/**
 * --verify: whether each partition has its target replicas, and once none of them is moving,
 * the throttle goes: the lists on their topics, and the broker rates when no reassignment at all
 * is running any more (another one may share them).
 */
export async function verifyReassignment(c: ClusterClients, partitions: PartitionTarget[]): Promise<VerifyOutcome> {
  const layout = await layoutForTargets(c, partitions);
  const ongoingList = await listOngoing(c, layout.controller);
  const ongoing = new Set(ongoingList.map(key));
  // The replicas above were read before the list of moves, from one broker, and a broker applies
  // the controller's change a moment after the controller reports the move finished: a settled
  // partition that looks different is asked of the brokers it should be on, now.
  const looksDifferent = partitions.filter((t) => !ongoing.has(key(t)) && diffReplicas(layout.current.get(key(t))?.replicas ?? [], t.replicas).changed);
  const reached = looksDifferent.length ? await targetsSeenByABroker(c, looksDifferent) : new Set<string>();
  const states = partitions.map((t) => {
    const now = reached.has(key(t)) ? t.replicas : (layout.current.get(key(t))?.replicas ?? []);
    const state = ongoing.has(key(t)) ? ('inProgress' as const) : diffReplicas(now, t.replicas).changed ? ('differs' as const) : ('complete' as const);
    return { topic: t.topic, partition: t.partition, state, replicas: now };
  });
  const command = reassignCommands.verify(c.config.bootstrapServers[0]);
  const moving = states.filter((s) => s.state === 'inProgress').length;
  if (moving)
    return {
      partitions: states,
      removedThrottles: { topics: [], brokers: [] },
      note: `${moving} partition(s) still moving: the throttle stays until they are done`,
      command,
    };
  const removed = await clearThrottles(
    c,
    [...new Set(partitions.map((p) => p.topic))],
    ongoingList,
    layout.brokers.map((b) => b.id),
  );
  return { partitions: states, removedThrottles: removed.removed, note: removed.note, command };
}

/** How many brokers verify asks, at most, about settled partitions whose replicas look different. */
const VERIFY_BROKERS_ASKED = 8;

/**
 * The partitions that at least one of their target brokers already shows on exactly their target
 * replicas. A broker only applies metadata the controller has committed, so one broker showing it
 * is enough; a broker that does not answer is no evidence either way.
 */
async function targetsSeenByABroker(c: ClusterClients, targets: PartitionTarget[]): Promise<Set<string>> {
  const want = new Map(targets.map((t) => [key(t), t.replicas]));
  const topics = [...new Set(targets.map((t) => t.topic))].map((name) => ({ name }));
  const brokers = [...new Set(targets.flatMap((t) => t.replicas))].slice(0, VERIFY_BROKERS_ASKED);
  const seen = new Set<string>();
  await Promise.all(
    brokers.map(async (nodeId) => {
      const res = await send(c.cluster, { nodeId }, MetadataApi, { topics, allowAutoTopicCreation: false }, { errorCode: () => 0, deadlineMs: 5_000 }).catch(
        () => null,
      );
      for (const t of res?.topics ?? [])
        for (const p of t.partitions) {
          const k = key({ topic: t.name ?? '', partition: p.partitionIndex });
          const target = want.get(k);
          if (target && !diffReplicas(p.replicaNodes, target).changed) seen.add(k);
        }
    }),
  );
  return seen;
}

async function clearThrottles(c: ClusterClients, topics: string[], ongoing: Ongoing[], brokers: number[]) {
  const busyTopics = new Set(ongoing.map((o) => o.topic));
  const idle = topics.filter((t) => !busyTopics.has(t));
  const removed = await removeThrottles(c, idle, ongoing.length ? [] : brokers);
  const note = ongoing.length ? `Other reassignments are running (${ongoing.length} partition(s)): the broker throttle rates stay until they are done` : null;
  return { removed, note };
}

/** --cancel: Kafka puts the partitions back on their original replicas; the throttle goes as with --verify. */
export async function cancelReassignment(c: ClusterClients, partitions: { topic: string; partition: number }[]): Promise<CancelOutcome> {
  const layout = await clusterLayout(c, [...new Set(partitions.map((p) => p.topic))]);
  const results = await alterReassignments(
    c,
    layout.controller,
    partitions.map((p) => ({ ...p, replicas: null })),
  );
  const cancelled = partitions.filter((p) => results.get(key(p)) === null);
  const failed = partitions
    .filter((p) => results.get(key(p)) !== null)
    .map((p) => {
      const err = results.get(key(p));
      return { ...p, error: err?.startsWith(errorType(NO_REASSIGNMENT_IN_PROGRESS)) ? 'It is not being reassigned' : (err ?? 'Kafka did not answer for it') };
    });
  if (failed.length === partitions.length && cancelled.length === 0 && failed.every((f) => f.error === 'It is not being reassigned'))
    throw new ApiError('conflict', `None of these partitions is being reassigned: ${partitions.slice(0, 5).map(key).join(', ')}`);
  const ongoing = await listOngoing(c, layout.controller);
  const { removed } = await clearThrottles(
    c,
    [...new Set(cancelled.map((p) => p.topic))],
    ongoing,
    layout.brokers.map((b) => b.id),
  );
  return { cancelled, failed, removedThrottles: removed, command: reassignCommands.cancel(c.config.bootstrapServers[0]) };
}

function runFromAudit(e: { id: string; time: string; after?: unknown }): Omit<ReassignmentRun, 'state'> | null {
  const a = e.after as { started?: unknown; throttle?: unknown } | undefined;
  if (!a || !Array.isArray(a.started)) return null;
  const partitions = (a.started as ReassignmentRun['partitions']).filter(
    (p) => p && typeof p.topic === 'string' && typeof p.partition === 'number' && Array.isArray(p.previous) && Array.isArray(p.target),
  );
  return { id: e.id, time: e.time, throttle: typeof a.throttle === 'number' ? a.throttle : null, partitions };
}

/** Recent runs of this cluster from the audit trail (bounded read), newest first. */
async function recentRuns(cluster: string): Promise<{ runs: Omit<ReassignmentRun, 'state'>[]; note: string | null }> {
  const runs: Omit<ReassignmentRun, 'state'>[] = [];
  try {
    await scanAudit((e) => {
      if (e.action === 'executeReassignment' && e.cluster === cluster && e.result.ok) {
        const r = runFromAudit(e);
        if (r?.partitions.length) runs.push(r);
      }
      return runs.length < RUNS_SHOWN;
    });
    return { runs, note: null };
  } catch {
    return { runs, note: 'The audit trail could not be read, so earlier runs are not shown' };
  }
}

/** What is moving now (whoever started it) with bytes copied, the throttle rates set, and the console's recent runs. */
export async function reassignmentStatus(c: ClusterClients, cluster: string): Promise<ReassignmentStatus> {
  const { runs, note } = await recentRuns(cluster);
  const base = await clusterLayout(c, []);
  const ongoing = await listOngoing(c, base.controller);
  const topics = [...new Set([...ongoing.map((o) => o.topic), ...runs.flatMap((r) => r.partitions.map((p) => p.topic))])];
  const layout = topics.length ? await clusterLayout(c, topics, true) : base;
  const leaderOf = new Map(layout.partitions.map((p) => [key(p), p.leader]));
  const replicasNow = new Map(layout.partitions.map((p) => [key(p), p.replicas]));
  const sizes = await replicaSizes(
    c,
    ongoing.flatMap((o) => [
      { broker: leaderOf.get(key(o)) ?? -1, topic: o.topic, partition: o.partition },
      ...o.adding.map((b) => ({ broker: b, topic: o.topic, partition: o.partition })),
    ]),
  );
  const moving = new Set(ongoing.map(key));
  const throttles = await brokerThrottles(
    c,
    base.brokers.map((b) => b.id),
  );
  return {
    ongoing: ongoing.map((o) => ({
      ...o,
      leaderBytes: sizes.get(`${leaderOf.get(key(o))}/${key(o)}`) ?? null,
      copied: o.adding.map((b) => ({ broker: b, bytes: sizes.get(`${b}/${key(o)}`) ?? null })),
    })),
    throttledBrokers: [...throttles].map(([broker, v]) => ({
      broker,
      leaderRate: v['leader.replication.throttled.rate'] ?? null,
      followerRate: v['follower.replication.throttled.rate'] ?? null,
    })),
    runs: runs.map((r) => ({
      ...r,
      state: r.partitions.some((p) => moving.has(key(p)))
        ? 'running'
        : r.partitions.every((p) => !diffReplicas(replicasNow.get(key(p)) ?? [], p.target).changed)
          ? 'done'
          : 'changed',
    })),
    runsNote: note,
  };
}
