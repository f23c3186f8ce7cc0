import 'server-only';
import { ApiError } from '@/lib/errors';
import type { GroupDetail, GroupMember, StreamsGroupInfo } from '@/lib/schemas/groups';
import { findCoordinator, send, type KjsBroker, type ListedGroup } from '../protocol';
import { errorTypeOrNull } from '../protocol/errors';
import { StreamsGroupDescribeApi, type DescribedGroup, type TaskIds } from '../protocol/generated/streams-group-describe';
import type { ClusterClients } from '../registry';
import { committedOffsets, groupRows } from './describe';

/**
 * Streams groups (KIP-1071): the topology (subtopologies with their source, repartition and
 * changelog topics) and each member's active, standby and warm-up tasks from
 * StreamsGroupDescribe at the coordinator, as `kafka-streams-groups --describe` shows them; the
 * committed offsets are the group's own (OffsetFetch), so lag is the log end minus them.
 */

const GROUP_ID_NOT_FOUND = 69;

const tasks = (t: TaskIds[]) =>
  t
    .map((x) => ({ subtopologyId: x.subtopologyId, partitions: [...x.partitions].sort((a, b) => a - b) }))
    .sort((a, b) => a.subtopologyId.localeCompare(b.subtopologyId, undefined, { numeric: true }));

function info(g: DescribedGroup): StreamsGroupInfo {
  return {
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    topologyEpoch: g.topology ? g.topology.epoch : null,
    subtopologies: (g.topology?.subtopologies ?? [])
      .map((s) => ({
        subtopologyId: s.subtopologyId,
        sourceTopics: [...s.sourceTopics].sort(),
        repartitionSinkTopics: [...s.repartitionSinkTopics].sort(),
        stateChangelogTopics: s.stateChangelogTopics.map((t) => ({ name: t.name, partitions: t.partitions })).sort((a, b) => a.name.localeCompare(b.name)),
        repartitionSourceTopics: s.repartitionSourceTopics
          .map((t) => ({ name: t.name, partitions: t.partitions }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => a.subtopologyId.localeCompare(b.subtopologyId, undefined, { numeric: true })),
    members: g.members
      .map((m) => ({
        memberId: m.memberId,
        memberEpoch: m.memberEpoch,
        processId: m.processId,
        clientId: m.clientId,
        host: m.clientHost,
        instanceId: m.instanceId,
        rackId: m.rackId,
        topologyEpoch: m.topologyEpoch,
        userEndpoint: m.userEndpoint ? `${m.userEndpoint.host}:${m.userEndpoint.port}` : null,
        isClassic: m.isClassic,
        active: tasks(m.assignment.activeTasks),
        standby: tasks(m.assignment.standbyTasks),
        warmup: tasks(m.assignment.warmupTasks),
        targetActive: tasks(m.targetAssignment.activeTasks),
      }))
      .sort((a, b) => a.memberId.localeCompare(b.memberId)),
  };
}

/**
 * Members as the other group types show them: a member's active task (subtopology s, partition
 * p) reads partition p of each of s's source and repartition source topics.
 */
export function streamsMembers(i: StreamsGroupInfo): GroupMember[] {
  const inputs = new Map(i.subtopologies.map((s) => [s.subtopologyId, [...s.sourceTopics, ...s.repartitionSourceTopics.map((t) => t.name)]]));
  return i.members.map((m) => {
    const byTopic = new Map<string, Set<number>>();
    for (const t of m.active)
      for (const topic of inputs.get(t.subtopologyId) ?? []) {
        const set = byTopic.get(topic) ?? new Set<number>();
        for (const p of t.partitions) set.add(p);
        byTopic.set(topic, set);
      }
    return {
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.host,
      instanceId: m.instanceId,
      assignment: [...byTopic].map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) })).sort((a, b) => a.topic.localeCompare(b.topic)),
    };
  });
}

export async function describeStreams(c: ClusterClients, coordinator: KjsBroker, groupId: string): Promise<{ state: string; info: StreamsGroupInfo }> {
  const res = await send(c.cluster, { broker: coordinator }, StreamsGroupDescribeApi, { groupIds: [groupId], includeAuthorizedOperations: false });
  const g = res.groups[0];
  if (!g) throw new ApiError('unavailable', 'The coordinator answered StreamsGroupDescribe without the group');
  if (g.errorCode === GROUP_ID_NOT_FOUND) throw new ApiError('not_found', `Streams group ${groupId} does not exist`);
  if (g.errorCode !== 0)
    throw new ApiError(
      'unavailable',
      `Kafka could not describe streams group ${groupId}: ${errorTypeOrNull(g.errorCode)}${g.errorMessage ? ` (${g.errorMessage})` : ''}`,
    );
  return { state: g.groupState, info: info(g) };
}

export async function getStreamsGroup(c: ClusterClients, listed: ListedGroup): Promise<GroupDetail> {
  const groupId = listed.groupId;
  const coordinator = await findCoordinator(c.cluster, groupId);
  const [described, committed] = await Promise.all([describeStreams(c, coordinator, groupId), committedOffsets(c, groupId)]);
  const members = streamsMembers(described.info);
  const { partitions, topics, totalLag } = await groupRows(c, committed, members);
  return {
    groupId,
    state: described.state,
    type: 'streams',
    protocolType: listed.protocolType,
    protocol: null,
    members,
    membersKnown: true,
    partitions,
    topics,
    totalLag,
    note: "Streams group (KIP-1071): the application's members, tasks and topology as the broker assigns them; a member's partitions are those of its active tasks' input topics. Offsets are reset with kafka-streams-groups --reset-offsets while the application is stopped.",
    bootstrap: c.config.bootstrapServers.join(','),
    streams: described.info,
  };
}
