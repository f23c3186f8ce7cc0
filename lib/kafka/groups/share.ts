import 'server-only';
import { ApiError } from '@/lib/errors';
import type { GroupDetail, GroupMember } from '@/lib/schemas/groups';
import { tpKey, type PartitionKey } from '../offsets';
import { findCoordinator, send, type KjsBroker, type ListedGroup } from '../protocol';
import { errorTypeOrNull } from '../protocol/errors';
import { DescribeShareGroupOffsetsApi } from '../protocol/generated/describe-share-group-offsets';
import { ShareGroupDescribeApi } from '../protocol/generated/share-group-describe';
import type { ClusterClients } from '../registry';
import { groupRows, type GroupPosition } from './describe';

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
  return { state: g.groupState, assignor: g.assignorName, members };
}

/** Share-partition start offsets as group positions, with the broker's lag; `withState` leaves out those without state yet. */
export function sharePositions(rows: Awaited<ReturnType<typeof shareGroupOffsets>>, withState = false): Map<PartitionKey, GroupPosition> {
  return new Map(
    rows
      .filter((r) => !withState || r.startOffset !== null)
      .map((r) => [tpKey(r.topic, r.partition), { topic: r.topic, partition: r.partition, offset: r.startOffset, lag: r.lag }]),
  );
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
  const { partitions, topics, totalLag } = await groupRows(c, sharePositions(offsets), described.members);
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
    totalLag,
    note: 'Share group (KIP-932): "committed" is each share-partition\'s start offset, the first record not yet acknowledged or archived; several members may consume one partition. Start offsets are reset with kafka-share-groups --reset-offsets while the group is empty.',
    bootstrap: c.config.bootstrapServers.join(','),
  };
}
