import 'server-only';
import { ApiError } from '@/lib/errors';
import { clients, type ClusterClients } from '../registry';
import { listOffsets, tpKey, type TopicPartition } from '../offsets';
import { clusterMetadata } from '../metadata';
import { adminOffsetCommit, KafkaResponseError, offsetDelete, type CommitResult, type ListedGroup, type RawMetadata } from '../protocol';
import { committedOffsets, describeMembers, findGroup, lagOf } from './describe';
import type { CommittedRow, GroupMember, OffsetWrite, ResetPreview, ResetRow, ResetScope, ResetStrategy } from '@/lib/schemas/groups';

/**
 * Changes to a group: offset resets (a preview, then exactly the previewed offsets; undo
 * writes the previous ones back), deleting a topic's committed offsets, deleting the group.
 * Offsets are written the way Kafka's own admin client writes them (OffsetCommit with no
 * member and generation -1), which Kafka accepts only from an empty group: the refusal
 * names the active members rather than passing on Kafka's bare error.
 */

export async function topicPartitions(c: ClusterClients, topics: string[]): Promise<RawMetadata> {
  const meta = await clusterMetadata(c, topics);
  for (const t of topics) {
    const tm = meta.topicMetadata.find((x) => x.topic === t);
    if (!tm || tm.topicErrorCode === 3 || tm.partitionMetadata.length === 0)
      throw new ApiError('not_found', `Topic ${t} does not exist`, { field: 'scope.topic' });
  }
  return meta;
}

export function clamp(v: bigint, lo: bigint, hi: bigint): { value: bigint; clamped: ResetRow['clamped'] } {
  if (v < lo) return { value: lo, clamped: 'logStart' };
  if (v > hi) return { value: hi, clamped: 'logEnd' };
  return { value: v, clamped: null };
}

export function kafkaDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+00:00');
}

/** Quotes a shell argument when it needs it. */
export function sh(arg: string): string {
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
  const where =
    scope.type === 'group'
      ? '--all-topics'
      : scope.type === 'topic'
        ? `--topic ${sh(scope.topic)}`
        : `--topic ${sh(`${scope.topic}:${scope.partitions.join(',')}`)}`;
  return `kafka-consumer-groups --bootstrap-server ${sh(bootstrap)} --group ${sh(groupId)} --reset-offsets ${strat} ${where} --execute`;
}

async function activeMembers(c: ClusterClients, listed: ListedGroup): Promise<{ members: GroupMember[]; known: boolean; note: string | null }> {
  const d = (await describeMembers(c, [listed])).get(listed.groupId);
  return { members: d?.members ?? [], known: Boolean(d?.members), note: d?.note ?? null };
}

export async function previewReset(clusterId: string, groupId: string, scope: ResetScope, strategy: ResetStrategy): Promise<ResetPreview> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  refuseShare(listed, 'reset offsets');
  const committed = await committedOffsets(c, groupId);
  let tps: TopicPartition[];
  let metadata: RawMetadata;
  if (scope.type === 'group') {
    tps = [...committed.values()].map((v) => ({ topic: v.topic, partition: v.partition }));
    if (tps.length === 0)
      throw new ApiError('unprocessable', `Consumer group ${groupId} has no committed offsets; choose a topic to reset`, { field: 'scope.type' });
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
    const existing = metadata.topicMetadata
      .find((t) => t.topic === scope.topic)!
      .partitionMetadata.map((p) => p.partitionId)
      .sort((a, b) => a - b);
    if (scope.type === 'partitions') {
      const missing = scope.partitions.filter((p) => !existing.includes(p));
      if (missing.length) {
        throw new ApiError('not_found', `Topic ${scope.topic} has no partition ${missing.join(', ')} (it has partitions 0-${existing.length - 1})`, {
          field: 'scope.partitions',
        });
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
      throw new ApiError(
        'unavailable',
        `The offsets of ${tp.topic}-${tp.partition} cannot be read now (${earliest.get(k)?.error ?? latest.get(k)?.error ?? 'no answer'}); try again`,
      );
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
          throw new ApiError(
            'unprocessable',
            `Partition ${tp.topic}-${tp.partition} has no committed offset to shift from; use another strategy or narrow the scope`,
            { field: 'strategy.by' },
          );
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
  throwFirstError(
    await adminOffsetCommit(
      c.cluster,
      groupId,
      [...topics].map(([topic, partitions]) => ({ topic, partitions })),
    ),
  );
}

async function deleteOffsets(c: ClusterClients, groupId: string, tps: TopicPartition[]): Promise<void> {
  if (tps.length === 0) return;
  const topics = new Map<string, number[]>();
  for (const tp of tps) topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), tp.partition]);
  throwFirstError(
    await offsetDelete(
      c.cluster,
      groupId,
      [...topics].map(([topic, partitions]) => ({ topic, partitions })),
    ),
  );
}

/**
 * A share group's start offsets are not committed offsets: OffsetCommit and OffsetDelete do not
 * apply to it (its own operations are under share-offsets). A streams group's offsets belong to
 * its tasks, which the console does not reset: kafka-streams-groups does, with its internal topics.
 */
function refuseShare(listed: ListedGroup, action: string): void {
  if (listed.type === 'share')
    throw new ApiError(
      'unprocessable',
      `${listed.groupId} is a share group: its start offsets are not committed offsets. ${action === 'reset offsets' ? 'Reset them with POST' : 'Delete them with DELETE'} /api/clusters/{cluster}/groups/${listed.groupId}/share-offsets${action === 'reset offsets' ? '' : '/{topic}'} (the share group page), or kafka-share-groups --group ${listed.groupId} ${action === 'reset offsets' ? '--reset-offsets' : '--delete-offsets'} while the group is empty`,
    );
  if (listed.type === 'streams')
    throw new ApiError(
      'unprocessable',
      `${listed.groupId} is a streams group (KIP-1071): the console does not ${action} for streams groups, whose tasks also keep state in internal topics. Stop the application and use kafka-streams-groups --bootstrap-server <bootstrap> --group ${listed.groupId} ${action === 'reset offsets' ? '--reset-offsets --to-earliest --all-input-topics --execute' : '--delete-offsets --input-topic <topic>'}`,
    );
}

export function refuseIfActive(groupId: string, m: { members: GroupMember[]; known: boolean; note: string | null }, action: string): void {
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
 * Refuses offset writes before any is made: a partition listed twice or one the topic lacks,
 * and an offset outside the partition's log now (it changed since the preview).
 */
export async function checkOffsetWrites(c: ClusterClients, writes: OffsetWrite[]): Promise<void> {
  const seen = new Set<string>();
  writes.forEach((w, i) => {
    const k = tpKey(w.topic, w.partition);
    if (seen.has(k)) throw new ApiError('unprocessable', `${w.topic}-${w.partition} is listed twice`, { field: `offsets.${i}` });
    seen.add(k);
  });
  const metadata = await topicPartitions(c, [...new Set(writes.map((w) => w.topic))]);
  writes.forEach((w, i) => {
    const tm = metadata.topicMetadata.find((t) => t.topic === w.topic)!;
    if (!tm.partitionMetadata.some((p) => p.partitionId === w.partition)) {
      throw new ApiError('not_found', `Topic ${w.topic} has no partition ${w.partition}`, { field: `offsets.${i}.partition` });
    }
  });
  const tps = writes.map((w) => ({ topic: w.topic, partition: w.partition }));
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata })]);
  writes.forEach((w, i) => {
    if (w.offset === null) return;
    const k = tpKey(w.topic, w.partition);
    const s = earliest.get(k)?.offset;
    const e = latest.get(k)?.offset;
    if (s == null || e == null) throw new ApiError('unavailable', `The offsets of ${w.topic}-${w.partition} cannot be read now; try again`);
    const v = BigInt(w.offset);
    if (v < BigInt(s) || v > BigInt(e)) {
      throw new ApiError(
        'unprocessable',
        `Offset ${w.offset} is outside ${w.topic}-${w.partition}'s range ${s}-${e} (the log changed since the preview?); preview again`,
        { field: `offsets.${i}.offset` },
      );
    }
  });
}

/**
 * Writes exactly the given offsets (the previewed ones, or the ones kept for undo), then
 * re-reads what Kafka committed.
 */
export async function executeReset(
  clusterId: string,
  groupId: string,
  writes: OffsetWrite[],
): Promise<{ committed: CommittedRow[]; previous: CommittedRow[] }> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  refuseShare(listed, 'reset offsets');
  const [, members] = await Promise.all([checkOffsetWrites(c, writes), activeMembers(c, listed)]);
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
  return {
    committed: writes.map((w) => ({ topic: w.topic, partition: w.partition, offset: after.get(tpKey(w.topic, w.partition))?.offset ?? null })),
    previous,
  };
}

export async function deleteGroupOffsets(clusterId: string, groupId: string, topic: string): Promise<{ deleted: TopicPartition[] }> {
  const c = await clients(clusterId);
  refuseShare(await findGroup(c, groupId), 'delete offsets');
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
