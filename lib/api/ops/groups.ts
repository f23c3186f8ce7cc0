import { z } from 'zod';
import { clusterId, confirmField, op } from '../operation';
import { groupId, groupParams, listGroupsQuery, resetExecuteBody, resetPreviewBody, resetScope, resetStrategy, topicName } from '@/lib/schemas/groups';

/** Consumer groups: list, describe, offset reset (preview, execute, undo), delete. */

const groupSummary = z.object({
  groupId: z.string(),
  state: z.string(),
  type: z.string(),
  protocolType: z.string(),
  protocol: z.string().nullable(),
  members: z.number().nullable(),
  topics: z.array(z.string()),
  lag: z.number().nullable(),
  note: z.string().nullable(),
});

const member = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  instanceId: z.string().nullable(),
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number()) })),
});

export const listGroups = op({
  id: 'listGroups',
  permission: 'groups:view',
  method: 'get',
  path: '/api/clusters/{cluster}/groups',
  tag: 'Consumer groups',
  summary: 'Consumer groups with state, assignor, members, topics and total lag (lag computed for the page returned only)',
  params: z.object({ cluster: clusterId }),
  query: listGroupsQuery,
  response: z.object({
    groups: z.array(groupSummary),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    states: z.record(z.string(), z.number()),
    warnings: z.array(z.string()),
    elapsedMs: z.number(),
  }),
  errors: { 404: 'No such cluster configured', 503: 'Kafka cannot be reached' },
});

export const getGroup = op({
  id: 'getGroup',
  permission: 'groups:view',
  method: 'get',
  path: '/api/clusters/{cluster}/groups/{group}',
  tag: 'Consumer groups',
  summary: 'Members with their partitions; per partition committed offset, log-end offset, lag, time lag and owner; lag per topic',
  params: groupParams,
  response: z.object({
    groupId: z.string(),
    state: z.string(),
    type: z.string(),
    protocolType: z.string(),
    protocol: z.string().nullable(),
    members: z.array(member),
    membersKnown: z.boolean(),
    partitions: z.array(
      z.object({
        topic: z.string(),
        partition: z.number(),
        committed: z.string().nullable(),
        logStart: z.string().nullable(),
        logEnd: z.string().nullable(),
        lag: z.number().nullable(),
        timeLagMs: z.number().nullable(),
        owner: z.object({ memberId: z.string(), clientId: z.string(), host: z.string() }).nullable(),
      }),
    ),
    topics: z.array(z.object({ topic: z.string(), lag: z.number().nullable(), partitions: z.number(), timeLagMs: z.number().nullable() })),
    totalLag: z.number().nullable(),
    note: z.string().nullable(),
    bootstrap: z.string(),
  }),
  errors: { 404: 'No such cluster or group', 503: 'Kafka cannot be reached' },
});

export const deleteGroup = op({
  id: 'deleteGroup',
  permission: 'groups:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/groups/{group}',
  tag: 'Consumer groups',
  summary: 'Delete a consumer group (only when it has no active members)',
  params: groupParams,
  body: z.object({ confirm: confirmField }),
  confirm: ({ params }) => String(params.group),
  mutates: true,
  response: z.object({ deleted: z.string() }),
  errors: { 404: 'No such cluster or group', 409: 'The group has active members' },
});

export const previewResetOffsets = op({
  id: 'previewResetOffsets',
  permission: 'groups:view',
  method: 'post',
  path: '/api/clusters/{cluster}/groups/{group}/reset-offsets/preview',
  tag: 'Consumer groups',
  summary:
    'Resolve a reset (earliest, latest, offset, timestamp, shift) to concrete offsets for every partition in scope, clamped to each partition\'s range (the clamp is reported); changes nothing',
  params: groupParams,
  body: resetPreviewBody,
  response: z.object({
    groupId: z.string(),
    scope: resetScope,
    strategy: resetStrategy,
    partitions: z.array(
      z.object({
        topic: z.string(),
        partition: z.number(),
        current: z.string().nullable(),
        logStart: z.string(),
        logEnd: z.string(),
        requested: z.string().nullable(),
        newOffset: z.string(),
        clamped: z.enum(['logStart', 'logEnd']).nullable(),
        lagBefore: z.number().nullable(),
        lagAfter: z.number(),
      }),
    ),
    activeMembers: z.array(z.object({ memberId: z.string(), clientId: z.string(), host: z.string() })),
    membersKnown: z.boolean(),
    note: z.string().nullable(),
    cli: z.string(),
  }),
  errors: { 404: 'No such cluster, group, topic or partition', 422: 'Invalid strategy or scope (e.g. malformed timestamp, shift without a number, shift on a partition with no committed offset)' },
});

export const executeResetOffsets = op({
  id: 'executeResetOffsets',
  permission: 'groups:reset',
  method: 'post',
  path: '/api/clusters/{cluster}/groups/{group}/reset-offsets',
  tag: 'Consumer groups',
  summary:
    'Commit exactly the given offsets as an admin (OffsetCommit, no member, generation -1; null removes an offset), then return the offsets Kafka has committed. Used for execute and undo.',
  params: groupParams,
  body: resetExecuteBody,
  mutates: true,
  audit: (r) => ({ before: (r as { previous: unknown }).previous, after: (r as { committed: unknown }).committed }),
  response: z.object({
    committed: z.array(z.object({ topic: z.string(), partition: z.number(), offset: z.string().nullable() })),
    previous: z.array(z.object({ topic: z.string(), partition: z.number(), offset: z.string().nullable() })).describe('The committed offsets before this change (null: none), for undo'),
  }),
  errors: {
    404: 'No such cluster, group, topic or partition',
    409: 'The group has active members (Kafka accepts offset changes only for an empty group)',
    422: 'An offset outside the partition\'s current range',
  },
});

export const deleteGroupTopicOffsets = op({
  id: 'deleteGroupTopicOffsets',
  permission: 'groups:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/groups/{group}/offsets/{topic}',
  tag: 'Consumer groups',
  summary: 'Delete the group\'s committed offsets for one topic (OffsetDelete)',
  params: z.object({ cluster: clusterId, group: groupId, topic: topicName }),
  body: z.object({ confirm: confirmField }),
  confirm: ({ params }) => String(params.topic),
  mutates: true,
  response: z.object({ deleted: z.array(z.object({ topic: z.string(), partition: z.number() })) }),
  errors: { 404: 'No such group, or no committed offsets for that topic', 409: 'The group is still subscribed to the topic' },
});
