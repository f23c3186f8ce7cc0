import 'server-only';
import { ApiError } from '@/lib/errors';
import { diffReplicas, PlanError, proposeAssignment, reassignmentJson, type Assignment } from '@/lib/reassign/plan';
import { reassignCommands } from '@/lib/reassign/commands';
import type { GeneratedPlan, GenerateInput, PartitionTarget, ReassignmentPreview } from '@/lib/schemas/reassignments';
import type { ClusterClients } from '../registry';
import { clusterLayout, key, layoutForTargets, replicaSizes, type ClusterLayout } from './current';

type Current = ClusterLayout['partitions'][number];

/**
 * What a plan does, before anything runs: the partitions it moves, the bytes each broker will
 * copy in (the leader's size of each partition it gets a new replica of), replica and leader
 * counts per broker before and after, and the files and commands of kafka-reassign-partitions.
 */
async function describePlan(c: ClusterClients, scope: Current[], targets: Map<string, number[]>): Promise<ReassignmentPreview> {
  const moves = scope
    .filter((p) => targets.has(key(p)) && diffReplicas(p.replicas, targets.get(key(p)) as number[]).changed)
    .map((p) => {
      const target = targets.get(key(p)) as number[];
      const { adding, removing } = diffReplicas(p.replicas, target);
      return { topic: p.topic, partition: p.partition, current: p.replicas, target, adding, removing, leader: p.leader };
    });
  const copying = moves.filter((m) => m.adding.length > 0);
  const sizes = await replicaSizes(
    c,
    copying.map((m) => ({ broker: m.leader, topic: m.topic, partition: m.partition })),
  );
  let sizesKnown = true;
  const bytes = (m: (typeof moves)[number]) => {
    const s = sizes.get(`${m.leader}/${key(m)}`);
    if (s === undefined) sizesKnown = false;
    return s ?? null;
  };
  const withBytes = moves.map(({ leader, ...m }) => ({ ...m, bytes: m.adding.length ? bytes({ leader, ...m }) : 0 }));

  const ids = new Set<number>();
  for (const p of scope) for (const b of [...p.replicas, ...(targets.get(key(p)) ?? [])]) ids.add(b);
  const per = new Map([...ids].map((id) => [id, { id, replicasBefore: 0, replicasAfter: 0, leadersBefore: 0, leadersAfter: 0, bytesIn: 0 }]));
  for (const p of scope) {
    const after = targets.get(key(p)) ?? p.replicas;
    for (const b of p.replicas) (per.get(b) as { replicasBefore: number }).replicasBefore++;
    for (const b of after) (per.get(b) as { replicasAfter: number }).replicasAfter++;
    if (p.replicas[0] !== undefined) (per.get(p.replicas[0]) as { leadersBefore: number }).leadersBefore++;
    if (after[0] !== undefined) (per.get(after[0]) as { leadersAfter: number }).leadersAfter++;
  }
  for (const m of withBytes) for (const b of m.adding) (per.get(b) as { bytesIn: number }).bytesIn += m.bytes ?? 0;
  const bootstrap = c.config.bootstrapServers[0];
  return {
    moves: withBytes,
    unchanged: scope.length - moves.length,
    brokers: [...per.values()].sort((a, b) => a.id - b.id),
    totalBytes: withBytes.reduce((s, m) => s + (m.bytes ?? 0) * m.adding.length, 0),
    sizesKnown,
    json: reassignmentJson(moves.map((m) => ({ topic: m.topic, partition: m.partition, replicas: m.target }))),
    rollbackJson: reassignmentJson(moves.map((m) => ({ topic: m.topic, partition: m.partition, replicas: m.current }))),
    commands: [reassignCommands.execute(bootstrap, null), reassignCommands.verify(bootstrap)],
  };
}

/** A balanced plan for topics over brokers (--generate), with an optional new replication factor or a broker to empty. */
export async function generatePlan(c: ClusterClients, input: GenerateInput): Promise<GeneratedPlan> {
  const layout = await clusterLayout(c, input.topics ?? null);
  const known = new Set(layout.brokers.map((b) => b.id));
  const all = [...known].sort((a, b) => a - b);
  for (const b of input.brokers ?? []) {
    if (!known.has(b)) throw new ApiError('unprocessable', `Broker ${b} is not in the cluster (brokers: ${all.join(', ')})`, { field: 'brokers' });
  }
  // A broker being decommissioned may be down already (KRaft leaves it out of the metadata); it still holds replicas.
  const r = input.removeBroker;
  if (r !== undefined && !known.has(r) && !layout.partitions.some((p) => p.replicas.includes(r)))
    throw new ApiError('unprocessable', `Broker ${r} is not in the cluster and holds no replica of these topics (brokers: ${all.join(', ')})`, {
      field: 'removeBroker',
    });
  const chosen = (input.brokers ?? all).filter((b) => b !== input.removeBroker);
  if (layout.partitions.length === 0) throw new ApiError('unprocessable', 'There is no partition to plan for', { field: 'topics' });
  let proposed: Assignment[];
  try {
    proposed = proposeAssignment(
      layout.partitions,
      layout.brokers.filter((b) => chosen.includes(b.id)),
      input.replicationFactor,
    );
  } catch (err) {
    if (err instanceof PlanError) throw new ApiError('unprocessable', err.message, { field: err.field });
    throw err;
  }
  const targets = new Map(proposed.map((p) => [key(p), p.replicas]));
  const preview = await describePlan(c, layout.partitions, targets);
  const bootstrap = c.config.bootstrapServers[0];
  return {
    ...preview,
    partitions: preview.moves.map((m) => ({ topic: m.topic, partition: m.partition, replicas: m.target })),
    commands: [reassignCommands.generate(bootstrap, input.topics ?? null, chosen), ...preview.commands],
  };
}

/** The same preview for a plan the user wrote or edited: every partition and broker checked against the cluster. */
export async function previewPlan(c: ClusterClients, partitions: PartitionTarget[]): Promise<ReassignmentPreview> {
  const { current } = await layoutForTargets(c, partitions);
  const scope = partitions.map((t) => current.get(key(t)) as Current);
  return describePlan(c, scope, new Map(partitions.map((t) => [key(t), t.replicas])));
}
