import 'server-only';
import { ApiError } from '@/lib/errors';
import type { CommittedRow, OffsetWrite, ResetPreview, ResetRow, ResetScope, ResetStrategy } from '@/lib/schemas/groups';
import { shareResetCli, shareDeleteOffsetsCli } from '@/lib/cli-commands';
import { clients, type ClusterClients } from '../registry';
import { listOffsets, tpKey, type TopicPartition } from '../offsets';
import { clusterMetadata } from '../metadata';
import { findCoordinator, send, type ListedGroup, type RawMetadata } from '../protocol';
import { errorTypeOrNull, KafkaResponseError } from '../protocol/errors';
import { AlterShareGroupOffsetsApi } from '../protocol/generated/alter-share-group-offsets';
import { DeleteShareGroupOffsetsApi } from '../protocol/generated/delete-share-group-offsets';
import { findGroup, lagOf } from './describe';
import { checkOffsetWrites, clamp, topicPartitions } from './reset';
import { describeShareMembers, shareGroupOffsets } from './share';

/**
 * Share groups' start offsets (KIP-932): a preview, then exactly the previewed offsets written
 * with AlterShareGroupOffsets (undo writes the previous ones back), and deleting a topic's
 * share-partition state with DeleteShareGroupOffsets. Kafka takes both only from an empty
 * group; the console refuses first, naming the members, as for consumer groups.
 */

/** The group, which must be a share group (404 when there is none, 422 when it is another type). */
async function shareGroup(c: ClusterClients, groupId: string): Promise<ListedGroup> {
  const listed = await findGroup(c, groupId);
  if (listed.type !== 'share') {
    throw new ApiError(
      'unprocessable',
      `${groupId} is a ${listed.type ?? 'classic'} group, not a share group: its committed offsets are reset with POST /api/clusters/{cluster}/groups/${groupId}/reset-offsets`,
    );
  }
  return listed;
}

/** The start offset of every share-partition the group has state for, as "topic:partition" -> offset. */
async function startOffsets(c: ClusterClients, groupId: string): Promise<Map<string, string>> {
  const rows = await shareGroupOffsets(c, await findCoordinator(c.cluster, groupId), groupId);
  return new Map(rows.filter((r) => r.startOffset !== null).map((r) => [tpKey(r.topic, r.partition), r.startOffset as string]));
}

async function refuseIfMembers(c: ClusterClients, groupId: string, action: string): Promise<void> {
  const { members } = await describeShareMembers(c, await findCoordinator(c.cluster, groupId), groupId);
  if (members.length === 0) return;
  const who = members.map((m) => `${m.clientId} (${m.host})`).join(', ');
  throw new ApiError(
    'conflict',
    `Share group ${groupId} has ${members.length} active member${members.length > 1 ? 's' : ''}: ${who}. Kafka ${action} only while the group is empty; stop its share consumers first`,
    { details: { activeMembers: members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })) } },
  );
}

export async function previewShareReset(clusterId: string, groupId: string, scope: ResetScope, strategy: ResetStrategy): Promise<ResetPreview> {
  const c = await clients(clusterId);
  await shareGroup(c, groupId);
  if (strategy.type === 'shift') {
    throw new ApiError(
      'unprocessable',
      "A share group's start offsets are reset to the earliest or latest offset, a date and time (as kafka-share-groups --reset-offsets does) or a given offset; shifting by a number of records is for consumer groups",
      { field: 'strategy.type' },
    );
  }
  const current = await startOffsets(c, groupId);
  let tps: TopicPartition[];
  let metadata: RawMetadata;
  if (scope.type === 'group') {
    tps = [...current.keys()].map((k) => {
      const at = k.lastIndexOf(':');
      return { topic: k.slice(0, at), partition: Number(k.slice(at + 1)) };
    });
    if (tps.length === 0)
      throw new ApiError('unprocessable', `Share group ${groupId} has no start offsets yet; choose a topic to reset`, { field: 'scope.type' });
    const names = [...new Set(tps.map((t) => t.topic))];
    metadata = await clusterMetadata(c, names);
    const gone = names.filter((n) => !metadata.topicMetadata.some((t) => t.topic === n && t.topicErrorCode === 0 && t.partitionMetadata.length > 0));
    if (gone.length)
      throw new ApiError(
        'unprocessable',
        `Share group ${groupId} has start offsets for topic ${gone.join(', ')}, which no longer exists; reset one topic at a time`,
        {
          field: 'scope.type',
        },
      );
  } else {
    metadata = await topicPartitions(c, [scope.topic]);
    const existing = metadata.topicMetadata
      .find((t) => t.topic === scope.topic)!
      .partitionMetadata.map((p) => p.partitionId)
      .sort((a, b) => a - b);
    if (scope.type === 'partitions') {
      const missing = scope.partitions.filter((p) => !existing.includes(p));
      if (missing.length)
        throw new ApiError('not_found', `Topic ${scope.topic} has no partition ${missing.join(', ')} (it has partitions 0-${existing.length - 1})`, {
          field: 'scope.partitions',
        });
      tps = [...new Set(scope.partitions)].sort((a, b) => a - b).map((partition) => ({ topic: scope.topic, partition }));
    } else {
      tps = existing.map((partition) => ({ topic: scope.topic, partition }));
    }
  }
  tps.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const [earliest, latest, byTime, described] = await Promise.all([
    listOffsets(c, tps, 'earliest', { metadata }),
    listOffsets(c, tps, 'latest', { metadata }),
    strategy.type === 'timestamp' ? listOffsets(c, tps, { timestamp: Date.parse(strategy.timestamp) }, { metadata }) : Promise.resolve(null),
    describeShareMembers(c, await findCoordinator(c.cluster, groupId), groupId),
  ]);
  const rows = tps.map((tp): ResetRow => {
    const k = tpKey(tp.topic, tp.partition);
    const s = earliest.get(k)?.offset;
    const e = latest.get(k)?.offset;
    if (s == null || e == null) throw new ApiError('unavailable', `The offsets of ${tp.topic}-${tp.partition} cannot be read now; try again`);
    const lo = BigInt(s);
    const hi = BigInt(e);
    let requested: bigint | null = null;
    let target: bigint;
    if (strategy.type === 'earliest') target = lo;
    else if (strategy.type === 'latest') target = hi;
    else if (strategy.type === 'offset') {
      requested = BigInt(strategy.offset);
      target = requested;
    } else {
      const found = byTime?.get(k)?.offset;
      if (found == null) throw new ApiError('unavailable', `The offset of ${tp.topic}-${tp.partition} at that time cannot be read now; try again`);
      target = BigInt(found) < 0n ? hi : BigInt(found);
    }
    const { value, clamped } = clamp(target, lo, hi);
    const now = current.get(k) ?? null;
    return {
      topic: tp.topic,
      partition: tp.partition,
      current: now,
      logStart: s,
      logEnd: e,
      requested: requested === null ? null : requested.toString(),
      newOffset: value.toString(),
      clamped,
      lagBefore: lagOf(now, e),
      lagAfter: Number(hi - value),
    };
  });
  return {
    groupId,
    scope,
    strategy,
    partitions: rows,
    activeMembers: described.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })),
    membersKnown: true,
    note: 'Share group: "current" is each share-partition\'s start offset (none: no state yet); records from the new start offset on are delivered again.',
    cli: shareResetCli(c.config.bootstrapServers.join(','), groupId, scope, strategy),
  };
}

function partitionError(res: {
  errorCode: number;
  errorMessage: string | null;
  responses: { topicName: string; partitions: { partitionIndex: number; errorCode: number; errorMessage: string | null }[] }[];
}) {
  if (res.errorCode !== 0) return new KafkaResponseError(res.errorCode, errorTypeOrNull(res.errorCode) ?? 'UNKNOWN', res.errorMessage);
  for (const t of res.responses)
    for (const p of t.partitions)
      if (p.errorCode !== 0)
        return new KafkaResponseError(
          p.errorCode,
          errorTypeOrNull(p.errorCode) ?? 'UNKNOWN',
          `${t.topicName}-${p.partitionIndex}${p.errorMessage ? `: ${p.errorMessage}` : ''}`,
        );
  return null;
}

async function alterStartOffsets(c: ClusterClients, groupId: string, writes: { topic: string; partition: number; offset: string }[]): Promise<void> {
  if (writes.length === 0) return;
  const topics = new Map<string, { partitionIndex: number; startOffset: bigint }[]>();
  for (const w of writes) topics.set(w.topic, [...(topics.get(w.topic) ?? []), { partitionIndex: w.partition, startOffset: BigInt(w.offset) }]);
  const res = await send(c.cluster, { coordinator: groupId }, AlterShareGroupOffsetsApi, {
    groupId,
    topics: [...topics].map(([topicName, partitions]) => ({ topicName, partitions })),
  });
  const err = partitionError(res);
  if (err) throw err;
}

async function deleteShareState(c: ClusterClients, groupId: string, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const res = await send(c.cluster, { coordinator: groupId }, DeleteShareGroupOffsetsApi, { groupId, topics: topics.map((topicName) => ({ topicName })) });
  if (res.errorCode !== 0) throw new KafkaResponseError(res.errorCode, errorTypeOrNull(res.errorCode) ?? 'UNKNOWN', res.errorMessage);
  const bad = res.responses.find((t) => t.errorCode !== 0);
  if (bad)
    throw new KafkaResponseError(
      bad.errorCode,
      errorTypeOrNull(bad.errorCode) ?? 'UNKNOWN',
      `${bad.topicName}${bad.errorMessage ? `: ${bad.errorMessage}` : ''}`,
    );
}

/**
 * Writes exactly the given start offsets (the previewed ones, or the ones kept for undo), then
 * re-reads them. A null offset removes the share-partition's state, which Kafka does per topic
 * only: the topic's state is removed, then its other offsets written, so its writes must cover
 * every partition of it that has state.
 */
export async function executeShareReset(
  clusterId: string,
  groupId: string,
  writes: OffsetWrite[],
): Promise<{ committed: CommittedRow[]; previous: CommittedRow[] }> {
  const c = await clients(clusterId);
  await shareGroup(c, groupId);
  const [, before] = await Promise.all([checkOffsetWrites(c, writes), startOffsets(c, groupId)]);
  // Kafka removes a share-partition's state per topic only: a topic with a null write loses all its
  // state, then gets the offsets written for it, so every partition of it with state must be listed.
  const removed = [...new Set(writes.filter((w) => w.offset === null).map((w) => w.topic))];
  for (const topic of removed) {
    const withState = [...before.keys()].filter((k) => k.startsWith(`${topic}:`));
    const unlisted = withState.filter((k) => !writes.some((w) => tpKey(w.topic, w.partition) === k));
    if (unlisted.length > 0) {
      throw new ApiError(
        'unprocessable',
        `Kafka removes a share group's start offsets for a whole topic only (DeleteShareGroupOffsets): to remove some of ${topic}'s, list every partition of it that has one (${withState.join(', ')}), each with its offset or null`,
        { field: 'offsets' },
      );
    }
  }
  await refuseIfMembers(c, groupId, 'accepts start offset changes');
  const previous = writes.map((w) => ({ topic: w.topic, partition: w.partition, offset: before.get(tpKey(w.topic, w.partition)) ?? null }));
  await deleteShareState(c, groupId, removed);
  await alterStartOffsets(
    c,
    groupId,
    writes.filter((w) => w.offset !== null).map((w) => ({ topic: w.topic, partition: w.partition, offset: String(w.offset) })),
  );
  const after = await startOffsets(c, groupId);
  return {
    committed: writes.map((w) => ({ topic: w.topic, partition: w.partition, offset: after.get(tpKey(w.topic, w.partition)) ?? null })),
    previous,
  };
}

/** Deletes the group's share-partition state for one topic; the start offsets it had are returned for undo. */
export async function deleteShareTopicOffsets(
  clusterId: string,
  groupId: string,
  topic: string,
): Promise<{ deleted: TopicPartition[]; previous: CommittedRow[]; cli: string }> {
  const c = await clients(clusterId);
  await shareGroup(c, groupId);
  const before = [...(await startOffsets(c, groupId))]
    .map(([k, offset]) => {
      const at = k.lastIndexOf(':');
      return { topic: k.slice(0, at), partition: Number(k.slice(at + 1)), offset };
    })
    .filter((r) => r.topic === topic)
    .sort((a, b) => a.partition - b.partition);
  if (before.length === 0) throw new ApiError('not_found', `Share group ${groupId} has no start offsets for topic ${topic}`);
  await refuseIfMembers(c, groupId, 'deletes share offsets');
  await deleteShareState(c, groupId, [topic]);
  return {
    deleted: before.map((r) => ({ topic: r.topic, partition: r.partition })),
    previous: before,
    cli: shareDeleteOffsetsCli(c.config.bootstrapServers.join(','), groupId, topic),
  };
}
