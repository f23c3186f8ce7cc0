import 'server-only';
import { AssignerProtocol } from 'kafkajs';
import { ApiError } from '@/lib/errors';
import { clients, type ClusterClients } from './registry';
import { listOffsets, tpKey, type PartitionKey, type TopicPartition } from './offsets';
import { recordTimestamps } from './record-at';
import { clusterMetadata } from './metadata';
import {
  adminOffsetCommit,
  consumerGroupDescribe,
  findCoordinator,
  KafkaResponseError,
  listGroups as listGroupsApi,
  offsetDelete,
  supportsConsumerGroupDescribe,
  type CommitResult,
  type KjsBroker,
  type ListedGroup,
  type RawMetadata,
} from './protocol';
import type {
  CommittedRow,
  GroupDetail,
  GroupMember,
  GroupPartition,
  GroupsPage,
  GroupSummary,
  ListGroupsQuery,
  OffsetWrite,
  ResetPreview,
  ResetRow,
  ResetScope,
  ResetStrategy,
} from '@/lib/schemas/groups';

/**
 * Consumer groups: listing (paged, lag only for the page shown), one group's members and
 * per-partition lag, and offset resets written the way Kafka's own admin client writes
 * them (OffsetCommit with no member and generation -1, accepted only by an empty group).
 */

// --- listing ---------------------------------------------------------------------------

async function connected(broker: KjsBroker): Promise<KjsBroker> {
  if (!broker.isConnected()) await broker.connect();
  return broker;
}

async function brokerGroups(c: ClusterClients, broker: KjsBroker): Promise<ListedGroup[]> {
  return listGroupsApi(c.cluster, { broker });
}

/** Every group of the cluster from ListGroups on every broker (each lists the groups it coordinates). */
async function allGroups(c: ClusterClients): Promise<{ groups: ListedGroup[]; warnings: string[] }> {
  const meta = await clusterMetadata(c, []);
  const ids = meta.brokers.map((b) => b.nodeId);
  const warnings: string[] = [];
  const byId = new Map<string, ListedGroup>();
  await Promise.all(
    ids.map(async (nodeId) => {
      try {
        const broker = await c.cluster.findBroker({ nodeId: String(nodeId) });
        for (const g of await brokerGroups(c, broker)) byId.set(g.groupId, g);
      } catch {
        warnings.push(`Broker ${nodeId} did not answer ListGroups: the groups it coordinates are missing from this list`);
      }
    }),
  );
  if (ids.length > 0 && warnings.length === ids.length) throw new ApiError('unavailable', 'No broker answered ListGroups');
  return { groups: [...byId.values()], warnings };
}

/** The group as its coordinator lists it; 404 when the group does not exist. */
async function findGroup(c: ClusterClients, groupId: string): Promise<ListedGroup> {
  const coordinator = await findCoordinator(c.cluster, groupId);
  const found = (await brokerGroups(c, coordinator)).find((g) => g.groupId === groupId);
  if (!found || found.state === 'Dead') throw new ApiError('not_found', `Consumer group ${groupId} does not exist`);
  return found;
}

interface Described {
  state: string | null;
  protocol: string | null;
  members: GroupMember[] | null;
  note: string | null;
}

function decodeAssignment(buf: Buffer | null | undefined): { topic: string; partitions: number[] }[] {
  if (!buf || buf.length === 0) return [];
  try {
    const a = AssignerProtocol.MemberAssignment.decode(buf);
    return a ? Object.entries(a.assignment).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((x, y) => x - y) })) : [];
  } catch {
    return [];
  }
}

const isKip848 = (g: ListedGroup) => g.type === 'consumer';

/** Members and assignor of the given groups: DescribeGroups for classic groups, ConsumerGroupDescribe for KIP-848 ones. */
async function describe(c: ClusterClients, groups: ListedGroup[]): Promise<Map<string, Described>> {
  const out = new Map<string, Described>();
  const classic = groups.filter((g) => !isKip848(g) && (g.type === null || g.type === 'classic'));
  const modern = groups.filter(isKip848);
  for (const g of groups) {
    if (!classic.includes(g) && !modern.includes(g)) {
      out.set(g.groupId, { state: null, protocol: null, members: null, note: `This is a ${g.type} group; the console does not describe its members` });
    }
  }
  const tasks: Promise<void>[] = [];
  if (classic.length) {
    tasks.push(
      (async () => {
        const res = await c.admin.describeGroups(classic.map((g) => g.groupId));
        for (const d of res.groups) {
          out.set(d.groupId, {
            state: d.state,
            protocol: d.protocol || null,
            members: d.members.map((m) => ({
              memberId: m.memberId,
              clientId: m.clientId,
              host: m.clientHost,
              instanceId: null,
              assignment: d.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
            })),
            note: null,
          });
        }
      })(),
    );
  }
  if (modern.length) {
    const byCoordinator = new Map<number, { broker: KjsBroker; ids: string[] }>();
    const coordinators = await Promise.all(modern.map((g) => findCoordinator(c.cluster, g.groupId)));
    for (const [i, g] of modern.entries()) {
      const broker = coordinators[i];
      const entry = byCoordinator.get(broker.nodeId) ?? { broker, ids: [] };
      entry.ids.push(g.groupId);
      byCoordinator.set(broker.nodeId, entry);
    }
    for (const { broker, ids } of byCoordinator.values()) {
      tasks.push(
        (async () => {
          await connected(broker);
          if (!supportsConsumerGroupDescribe(broker)) {
            for (const id of ids) {
              out.set(id, { state: null, protocol: null, members: null, note: 'This group uses the KIP-848 consumer protocol and this broker does not support ConsumerGroupDescribe: its members cannot be shown' });
            }
            return;
          }
          for (const g of await consumerGroupDescribe(c.cluster, { broker }, ids)) {
            if (g.errorCode) {
              out.set(g.groupId, { state: null, protocol: null, members: null, note: `ConsumerGroupDescribe failed (${g.errorType}${g.errorMessage ? `: ${g.errorMessage}` : ''}): members cannot be shown` });
              continue;
            }
            out.set(g.groupId, {
              state: g.state,
              protocol: g.assignorName || null,
              members: g.members.map((m) => ({
                memberId: m.memberId,
                clientId: m.clientId,
                host: m.clientHost,
                instanceId: m.instanceId,
                assignment: m.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
              })),
              note: null,
            });
          }
        })(),
      );
    }
  }
  await Promise.all(tasks);
  return out;
}

/** Committed offsets of a group (offset >= 0 only), as "topic:partition" -> offset. */
async function committedOffsets(c: ClusterClients, groupId: string): Promise<Map<PartitionKey, { topic: string; partition: number; offset: string }>> {
  const res = await c.admin.fetchOffsets({ groupId });
  const out = new Map<PartitionKey, { topic: string; partition: number; offset: string }>();
  for (const t of res) {
    for (const p of t.partitions) {
      if (Number(p.offset) >= 0) out.set(tpKey(t.topic, p.partition), { topic: t.topic, partition: p.partition, offset: String(p.offset) });
    }
  }
  return out;
}

function lagOf(committed: string | null, end: string | null | undefined): number | null {
  if (committed === null || end === null || end === undefined) return null;
  const lag = Number(BigInt(end) - BigInt(committed));
  return lag < 0 ? 0 : lag;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function listGroupsPage(clusterId: string, q: ListGroupsQuery): Promise<GroupsPage> {
  const started = Date.now();
  const c = await clients(clusterId);
  const { groups, warnings } = await allGroups(c);
  const states: Record<string, number> = {};
  for (const g of groups) states[g.state ?? 'Unknown'] = (states[g.state ?? 'Unknown'] ?? 0) + 1;
  const needle = q.search?.toLowerCase();
  const filtered = groups
    .filter((g) => (!needle || g.groupId.toLowerCase().includes(needle)) && (!q.state || (g.state ?? 'Unknown') === q.state))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  const pageGroups = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);

  const [described, offsets] = await Promise.all([
    describe(c, pageGroups),
    mapLimit(pageGroups, 32, async (g) => {
      try {
        return await committedOffsets(c, g.groupId);
      } catch {
        return null;
      }
    }),
  ]);
  const all = new Map<PartitionKey, TopicPartition>();
  for (const o of offsets) for (const [k, v] of o ?? []) all.set(k, { topic: v.topic, partition: v.partition });
  const ends = await listOffsets(c, [...all.values()], 'latest');

  const summaries = pageGroups.map((g, i): GroupSummary => {
    const d = described.get(g.groupId);
    const committed = offsets[i];
    const topics = new Set<string>();
    let lag: number | null = committed && committed.size > 0 ? 0 : null;
    for (const v of committed?.values() ?? []) {
      topics.add(v.topic);
      const l = lagOf(v.offset, ends.get(tpKey(v.topic, v.partition))?.offset);
      lag = lag === null || l === null ? null : lag + l;
    }
    for (const m of d?.members ?? []) for (const a of m.assignment) topics.add(a.topic);
    return {
      groupId: g.groupId,
      state: d?.state ?? g.state ?? 'Unknown',
      type: g.type ?? 'classic',
      protocolType: g.protocolType,
      protocol: d?.protocol ?? null,
      members: d?.members ? d.members.length : null,
      topics: [...topics].sort(),
      lag,
      note: d?.note ?? (committed ? null : 'Committed offsets could not be read'),
    };
  });
  return { groups: summaries, total: filtered.length, page: q.page, pageSize: q.pageSize, states, warnings, elapsedMs: Date.now() - started };
}

// --- one group ------------------------------------------------------------------------

/**
 * Lag summed over the partitions with a committed offset: unknown (null) when none has one
 * (nothing consumed yet is not "no lag") or when one of them has no known log end.
 */
export function summedLag(partitions: GroupPartition[]): number | null {
  const committed = partitions.filter((p) => p.committed !== null);
  if (committed.length === 0 || committed.some((p) => p.lag === null)) return null;
  return committed.reduce((s, p) => s + (p.lag ?? 0), 0);
}

export async function getGroup(clusterId: string, groupId: string): Promise<GroupDetail> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  const [described, committed] = await Promise.all([describe(c, [listed]).then((m) => m.get(groupId)), committedOffsets(c, groupId)]);
  const owners = new Map<PartitionKey, GroupMember>();
  for (const m of described?.members ?? []) for (const a of m.assignment) for (const p of a.partitions) owners.set(tpKey(a.topic, p), m);
  const keys = new Map<PartitionKey, TopicPartition>();
  for (const v of committed.values()) keys.set(tpKey(v.topic, v.partition), { topic: v.topic, partition: v.partition });
  for (const m of described?.members ?? []) for (const a of m.assignment) for (const p of a.partitions) keys.set(tpKey(a.topic, p), { topic: a.topic, partition: p });
  const tps = [...keys.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const metadata = tps.length ? await clusterMetadata(c, [...new Set(tps.map((t) => t.topic))]).catch(() => undefined) : undefined;
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata })]);
  const partitions: GroupPartition[] = tps.map((tp) => {
    const k = tpKey(tp.topic, tp.partition);
    const cm = committed.get(k)?.offset ?? null;
    const owner = owners.get(k);
    return {
      topic: tp.topic,
      partition: tp.partition,
      committed: cm,
      logStart: earliest.get(k)?.offset ?? null,
      logEnd: latest.get(k)?.offset ?? null,
      lag: lagOf(cm, latest.get(k)?.offset),
      timeLagMs: null,
      owner: owner ? { memberId: owner.memberId, clientId: owner.clientId, host: owner.host } : null,
    };
  });
  const behind = partitions.filter((p) => p.lag && p.committed !== null);
  const stamps = await recordTimestamps(
    c,
    behind.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed! })),
    metadata,
  );
  const now = Date.now();
  for (const p of behind) {
    const ts = stamps.get(tpKey(p.topic, p.partition));
    if (ts !== null && ts !== undefined && ts >= 0) p.timeLagMs = Math.max(0, now - ts);
  }
  const topicMap = new Map<string, { topic: string; lag: number | null; partitions: number; timeLagMs: number | null }>();
  for (const p of partitions) {
    const t = topicMap.get(p.topic) ?? { topic: p.topic, lag: null, partitions: 0, timeLagMs: null };
    t.partitions++;
    if (p.timeLagMs !== null) t.timeLagMs = Math.max(t.timeLagMs ?? 0, p.timeLagMs);
    topicMap.set(p.topic, t);
  }
  for (const t of topicMap.values()) t.lag = summedLag(partitions.filter((p) => p.topic === t.topic));
  const topics = [...topicMap.values()];
  const totalLag = summedLag(partitions);
  return {
    groupId,
    state: described?.state ?? listed.state ?? 'Unknown',
    type: listed.type ?? 'classic',
    protocolType: listed.protocolType,
    protocol: described?.protocol ?? null,
    members: described?.members ?? [],
    membersKnown: Boolean(described?.members),
    partitions,
    topics,
    totalLag,
    note: described?.note ?? null,
    bootstrap: c.config.bootstrapServers.join(','),
  };
}

// --- offset reset ---------------------------------------------------------------------

async function topicPartitions(c: ClusterClients, topics: string[]): Promise<RawMetadata> {
  const meta = await clusterMetadata(c, topics);
  for (const t of topics) {
    const tm = meta.topicMetadata.find((x) => x.topic === t);
    if (!tm || tm.topicErrorCode === 3 || tm.partitionMetadata.length === 0) throw new ApiError('not_found', `Topic ${t} does not exist`, { field: 'scope.topic' });
  }
  return meta;
}

function clamp(v: bigint, lo: bigint, hi: bigint): { value: bigint; clamped: ResetRow['clamped'] } {
  if (v < lo) return { value: lo, clamped: 'logStart' };
  if (v > hi) return { value: hi, clamped: 'logEnd' };
  return { value: v, clamped: null };
}

function kafkaDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+00:00');
}

/** Quotes a shell argument when it needs it. */
function sh(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function resetCli(bootstrap: string, groupId: string, scope: ResetScope, strategy: ResetStrategy): string {
  const strat = {
    earliest: () => '--to-earliest',
    latest: () => '--to-latest',
    offset: () => `--to-offset ${(strategy as { offset: number }).offset}`,
    timestamp: () => `--to-datetime ${kafkaDateTime((strategy as { timestamp: string }).timestamp)}`,
    shift: () => `--shift-by ${(strategy as { by: number }).by}`,
  }[strategy.type]();
  const where = scope.type === 'group' ? '--all-topics' : scope.type === 'topic' ? `--topic ${sh(scope.topic)}` : `--topic ${sh(`${scope.topic}:${scope.partitions.join(',')}`)}`;
  return `kafka-consumer-groups --bootstrap-server ${sh(bootstrap)} --group ${sh(groupId)} --reset-offsets ${strat} ${where} --execute`;
}

async function activeMembers(c: ClusterClients, listed: ListedGroup): Promise<{ members: GroupMember[]; known: boolean; note: string | null }> {
  const d = (await describe(c, [listed])).get(listed.groupId);
  return { members: d?.members ?? [], known: Boolean(d?.members), note: d?.note ?? null };
}

export async function previewReset(clusterId: string, groupId: string, scope: ResetScope, strategy: ResetStrategy): Promise<ResetPreview> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  const committed = await committedOffsets(c, groupId);
  let tps: TopicPartition[];
  let metadata: RawMetadata;
  if (scope.type === 'group') {
    tps = [...committed.values()].map((v) => ({ topic: v.topic, partition: v.partition }));
    if (tps.length === 0) throw new ApiError('unprocessable', `Consumer group ${groupId} has no committed offsets; choose a topic to reset`, { field: 'scope.type' });
    const names = [...new Set(tps.map((t) => t.topic))];
    metadata = await clusterMetadata(c, names);
    const gone = names.filter((n) => !metadata.topicMetadata.some((t) => t.topic === n && t.topicErrorCode === 0 && t.partitionMetadata.length > 0));
    if (gone.length) {
      throw new ApiError(
        'unprocessable',
        `Consumer group ${groupId} has committed offsets for topic ${gone.join(', ')}, which no longer exists; delete those offsets or reset one topic at a time`,
        { field: 'scope.type' },
      );
    }
  } else {
    metadata = await topicPartitions(c, [scope.topic]);
    const existing = metadata.topicMetadata.find((t) => t.topic === scope.topic)!.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
    if (scope.type === 'partitions') {
      const missing = scope.partitions.filter((p) => !existing.includes(p));
      if (missing.length) {
        throw new ApiError('not_found', `Topic ${scope.topic} has no partition ${missing.join(', ')} (it has partitions 0-${existing.length - 1})`, { field: 'scope.partitions' });
      }
      tps = [...new Set(scope.partitions)].sort((a, b) => a - b).map((partition) => ({ topic: scope.topic, partition }));
    } else {
      tps = existing.map((partition) => ({ topic: scope.topic, partition }));
    }
  }
  tps.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const [earliest, latest, byTime, members] = await Promise.all([
    listOffsets(c, tps, 'earliest', { metadata }),
    listOffsets(c, tps, 'latest', { metadata }),
    strategy.type === 'timestamp' ? listOffsets(c, tps, { timestamp: Date.parse(strategy.timestamp) }, { metadata }) : Promise.resolve(null),
    activeMembers(c, listed),
  ]);
  const rows = tps.map((tp): ResetRow => {
    const k = tpKey(tp.topic, tp.partition);
    const s = earliest.get(k)?.offset;
    const e = latest.get(k)?.offset;
    if (s == null || e == null) {
      throw new ApiError('unavailable', `The offsets of ${tp.topic}-${tp.partition} cannot be read now (${earliest.get(k)?.error ?? latest.get(k)?.error ?? 'no answer'}); try again`);
    }
    const lo = BigInt(s);
    const hi = BigInt(e);
    const current = committed.get(k)?.offset ?? null;
    let requested: bigint | null = null;
    let target: bigint;
    switch (strategy.type) {
      case 'earliest':
        target = lo;
        break;
      case 'latest':
        target = hi;
        break;
      case 'offset':
        requested = BigInt(strategy.offset);
        target = requested;
        break;
      case 'timestamp': {
        const found = byTime?.get(k)?.offset;
        if (found == null) throw new ApiError('unavailable', `The offset of ${tp.topic}-${tp.partition} at that time cannot be read now; try again`);
        // No record at or after the time: like the CLI, the log-end offset.
        target = BigInt(found) < 0n ? hi : BigInt(found);
        break;
      }
      case 'shift':
        if (current === null) {
          throw new ApiError('unprocessable', `Partition ${tp.topic}-${tp.partition} has no committed offset to shift from; use another strategy or narrow the scope`, { field: 'strategy.by' });
        }
        requested = BigInt(current) + BigInt(strategy.by);
        target = requested;
        break;
    }
    const { value, clamped } = clamp(target, lo, hi);
    return {
      topic: tp.topic,
      partition: tp.partition,
      current,
      logStart: s,
      logEnd: e,
      requested: requested === null ? null : requested.toString(),
      newOffset: value.toString(),
      clamped,
      lagBefore: lagOf(current, e),
      lagAfter: Number(hi - value),
    };
  });
  return {
    groupId,
    scope,
    strategy,
    partitions: rows,
    activeMembers: members.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })),
    membersKnown: members.known,
    note: members.note,
    cli: resetCli(c.config.bootstrapServers.join(','), groupId, scope, strategy),
  };
}

function throwFirstError(results: CommitResult[]): void {
  const bad = results.find((r) => r.errorCode !== 0);
  if (bad) throw new KafkaResponseError(bad.errorCode, bad.errorType ?? 'UNKNOWN', `refused for ${bad.topic}-${bad.partition}`);
}

/** The OffsetCommit an admin sends (no member id, generation -1); Kafka refuses it while the group has members. */
export async function commitOffsetsAsAdmin(c: ClusterClients, groupId: string, writes: { topic: string; partition: number; offset: string }[]): Promise<void> {
  if (writes.length === 0) return;
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const w of writes) topics.set(w.topic, [...(topics.get(w.topic) ?? []), { partition: w.partition, offset: w.offset }]);
  throwFirstError(await adminOffsetCommit(c.cluster, groupId, [...topics].map(([topic, partitions]) => ({ topic, partitions }))));
}

async function deleteOffsets(c: ClusterClients, groupId: string, tps: TopicPartition[]): Promise<void> {
  if (tps.length === 0) return;
  const topics = new Map<string, number[]>();
  for (const tp of tps) topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), tp.partition]);
  throwFirstError(await offsetDelete(c.cluster, groupId, [...topics].map(([topic, partitions]) => ({ topic, partitions }))));
}

function refuseIfActive(groupId: string, m: { members: GroupMember[]; known: boolean; note: string | null }, action: string): void {
  if (m.members.length > 0) {
    const who = m.members.map((x) => `${x.clientId} (${x.host})`).join(', ');
    throw new ApiError(
      'conflict',
      `Consumer group ${groupId} has ${m.members.length} active member${m.members.length > 1 ? 's' : ''}: ${who}. Kafka ${action} only while the group is empty; stop its consumers first`,
      { details: { activeMembers: m.members.map((x) => ({ memberId: x.memberId, clientId: x.clientId, host: x.host })) } },
    );
  }
}

/**
 * Writes exactly the given offsets (the previewed ones, or the ones kept for undo), then
 * re-reads what Kafka committed.
 */
export async function executeReset(clusterId: string, groupId: string, writes: OffsetWrite[]): Promise<{ committed: CommittedRow[]; previous: CommittedRow[] }> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  const seen = new Set<string>();
  writes.forEach((w, i) => {
    const k = tpKey(w.topic, w.partition);
    if (seen.has(k)) throw new ApiError('unprocessable', `${w.topic}-${w.partition} is listed twice`, { field: `offsets.${i}` });
    seen.add(k);
  });
  const topics = [...new Set(writes.map((w) => w.topic))];
  const metadata = await topicPartitions(c, topics);
  writes.forEach((w, i) => {
    const tm = metadata.topicMetadata.find((t) => t.topic === w.topic)!;
    if (!tm.partitionMetadata.some((p) => p.partitionId === w.partition)) {
      throw new ApiError('not_found', `Topic ${w.topic} has no partition ${w.partition}`, { field: `offsets.${i}.partition` });
    }
  });
  const tps = writes.map((w) => ({ topic: w.topic, partition: w.partition }));
  const [earliest, latest, members] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata }), activeMembers(c, listed)]);
  writes.forEach((w, i) => {
    if (w.offset === null) return;
    const k = tpKey(w.topic, w.partition);
    const s = earliest.get(k)?.offset;
    const e = latest.get(k)?.offset;
    if (s == null || e == null) throw new ApiError('unavailable', `The offsets of ${w.topic}-${w.partition} cannot be read now; try again`);
    const v = BigInt(w.offset);
    if (v < BigInt(s) || v > BigInt(e)) {
      throw new ApiError('unprocessable', `Offset ${w.offset} is outside ${w.topic}-${w.partition}'s range ${s}-${e} (the log changed since the preview?); preview again`, {
        field: `offsets.${i}.offset`,
      });
    }
  });
  refuseIfActive(groupId, members, 'accepts offset changes');
  const before = await committedOffsets(c, groupId);
  const previous = writes.map((w) => ({ topic: w.topic, partition: w.partition, offset: before.get(tpKey(w.topic, w.partition))?.offset ?? null }));
  await commitOffsetsAsAdmin(
    c,
    groupId,
    writes.filter((w) => w.offset !== null).map((w) => ({ topic: w.topic, partition: w.partition, offset: String(w.offset) })),
  );
  await deleteOffsets(
    c,
    groupId,
    writes.filter((w) => w.offset === null),
  );
  const after = await committedOffsets(c, groupId);
  return { committed: writes.map((w) => ({ topic: w.topic, partition: w.partition, offset: after.get(tpKey(w.topic, w.partition))?.offset ?? null })), previous };
}

export async function deleteGroupOffsets(clusterId: string, groupId: string, topic: string): Promise<{ deleted: TopicPartition[] }> {
  const c = await clients(clusterId);
  await findGroup(c, groupId);
  const committed = [...(await committedOffsets(c, groupId)).values()].filter((v) => v.topic === topic);
  if (committed.length === 0) throw new ApiError('not_found', `Consumer group ${groupId} has no committed offsets for topic ${topic}`);
  const tps = committed.map((v) => ({ topic: v.topic, partition: v.partition }));
  await deleteOffsets(c, groupId, tps);
  return { deleted: tps };
}

export async function deleteGroup(clusterId: string, groupId: string): Promise<{ deleted: string }> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  refuseIfActive(groupId, await activeMembers(c, listed), 'deletes a group');
  try {
    await c.admin.deleteGroups([groupId]);
  } catch (err) {
    const inner = (err as { groups?: { error?: unknown }[] }).groups?.find((g) => g.error)?.error;
    throw inner ?? err;
  }
  return { deleted: groupId };
}
