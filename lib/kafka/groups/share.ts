import 'server-only';
import { ApiError } from '@/lib/errors';
import type { GroupDetail, GroupMember, GroupPartition } from '@/lib/schemas/groups';
import { clusterMetadata } from '../metadata';
import { listOffsets, tpKey, type PartitionKey } from '../offsets';
import { findCoordinator, send, type KjsBroker, type ListedGroup } from '../protocol';
import { errorTypeOrNull } from '../protocol/errors';
import { DescribeShareGroupOffsetsApi } from '../protocol/generated/describe-share-group-offsets';
import { ShareGroupDescribeApi } from '../protocol/generated/share-group-describe';
import { recordTimestamps } from '../record-at';
import type { ClusterClients } from '../registry';
import { summedLag } from './describe';

/**
 * Share groups (KIP-932): members and their assignments from ShareGroupDescribe, and each
 * share-partition's start offset and lag from DescribeShareGroupOffsets, both at the group
 * coordinator, as `kafka-share-groups --describe` shows them. Several members may consume one
 * partition; records before the start offset are done (acknowledged or archived).
 */

const GROUP_ID_NOT_FOUND = 69;

export async function describeShareMembers(c: ClusterClients, coordinator: KjsBroker, groupId: string) {
  const res = await send(c.cluster, { broker: coordinator }, ShareGroupDescribeApi, { groupIds: [groupId], includeAuthorizedOperations: false });
  const g = res.groups[0];
  if (!g) throw new ApiError('unavailable', 'The coordinator answered ShareGroupDescribe without the group');
  if (g.errorCode === GROUP_ID_NOT_FOUND) throw new ApiError('not_found', `Share group ${groupId} does not exist`);
  if (g.errorCode !== 0) throw new ApiError('unavailable', `Kafka could not describe share group ${groupId}: ${errorTypeOrNull(g.errorCode)}`);
  const members: GroupMember[] = g.members.map((m) => ({
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.clientHost,
    instanceId: null,
    assignment: m.assignment.topicPartitions
      .map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic)),
  }));
  return { state: g.groupState, assignor: g.assignorName, epoch: g.groupEpoch, members };
}

/** Start offset and lag of every share-partition the group has state for. */
export async function shareGroupOffsets(c: ClusterClients, coordinator: KjsBroker, groupId: string) {
  const res = await send(c.cluster, { broker: coordinator }, DescribeShareGroupOffsetsApi, { groups: [{ groupId, topics: null }] });
  const g = res.groups[0];
  if (!g) return [];
  if (g.errorCode !== 0 && g.errorCode !== GROUP_ID_NOT_FOUND)
    throw new ApiError(
      'unavailable',
      `Kafka could not describe the share group's offsets: ${errorTypeOrNull(g.errorCode)}${g.errorMessage ? ` (${g.errorMessage})` : ''}`,
    );
  return g.topics.flatMap((t) =>
    t.partitions
      .filter((p) => p.errorCode === 0)
      // -1: the share-partition has no state yet (nothing fetched from it), as the tool's "-".
      .map((p) => ({
        topic: t.topicName,
        partition: p.partitionIndex,
        startOffset: p.startOffset >= 0n ? String(p.startOffset) : null,
        lag: p.startOffset >= 0n && p.lag >= 0n ? Number(p.lag) : null,
      })),
  );
}

export async function getShareGroup(c: ClusterClients, listed: ListedGroup): Promise<GroupDetail> {
  const groupId = listed.groupId;
  const coordinator = await findCoordinator(c.cluster, groupId);
  const [described, offsets] = await Promise.all([describeShareMembers(c, coordinator, groupId), shareGroupOffsets(c, coordinator, groupId)]);
  const consumers = new Map<PartitionKey, GroupMember>();
  const keys = new Map<PartitionKey, { topic: string; partition: number }>();
  for (const o of offsets) keys.set(tpKey(o.topic, o.partition), o);
  for (const m of described.members)
    for (const a of m.assignment)
      for (const p of a.partitions) {
        const k = tpKey(a.topic, p);
        if (!consumers.has(k)) consumers.set(k, m);
        if (!keys.has(k)) keys.set(k, { topic: a.topic, partition: p });
      }
  const tps = [...keys.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const metadata = tps.length ? await clusterMetadata(c, [...new Set(tps.map((t) => t.topic))]).catch(() => undefined) : undefined;
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata })]);
  const byKey = new Map(offsets.map((o) => [tpKey(o.topic, o.partition), o]));
  const partitions: GroupPartition[] = tps.map((tp) => {
    const k = tpKey(tp.topic, tp.partition);
    const o = byKey.get(k);
    const owner = consumers.get(k);
    return {
      topic: tp.topic,
      partition: tp.partition,
      committed: o?.startOffset ?? null,
      logStart: earliest.get(k)?.offset ?? null,
      logEnd: latest.get(k)?.offset ?? null,
      lag: o ? o.lag : null,
      timeLagMs: null,
      owner: owner ? { memberId: owner.memberId, clientId: owner.clientId, host: owner.host } : null,
    };
  });
  const behind = partitions.filter((p) => p.lag && p.committed !== null);
  const stamps = await recordTimestamps(
    c,
    behind.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed as string })),
    metadata,
  );
  const now = Date.now();
  for (const p of behind) {
    const ts = stamps.get(tpKey(p.topic, p.partition));
    if (ts !== null && ts !== undefined && ts >= 0) p.timeLagMs = Math.max(0, now - ts);
  }
  const topicNames = [...new Set(partitions.map((p) => p.topic))];
  const topics = topicNames.map((topic) => {
    const ps = partitions.filter((p) => p.topic === topic);
    const lags = ps.map((p) => p.timeLagMs).filter((x): x is number => x !== null);
    return { topic, lag: summedLag(ps), partitions: ps.length, timeLagMs: lags.length ? Math.max(...lags) : null };
  });
  return {
    groupId,
    state: described.state,
    type: 'share',
    protocolType: listed.protocolType,
    protocol: described.assignor,
    members: described.members,
    membersKnown: true,
    partitions,
    topics,
    totalLag: summedLag(partitions),
    note: 'Share group (KIP-932): "committed" is each share-partition\'s start offset, the first record not yet acknowledged or archived; several members may consume one partition. Start offsets are reset with kafka-share-groups --reset-offsets while the group is empty.',
    bootstrap: c.config.bootstrapServers.join(','),
  };
}
