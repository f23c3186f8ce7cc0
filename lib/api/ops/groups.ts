import { op } from '../operation';
import { clusterParams, confirmBody, groupParams, topicName } from '@/lib/schemas/common';
import {
  deletedGroup,
  deletedGroupOffsets,
  deletedShareOffsets,
  type DeletedShareOffsets,
  groupDetail,
  groupsPage,
  listGroupsQuery,
  resetExecuteBody,
  resetOutcome,
  resetPreview,
  resetPreviewBody,
  type ResetOutcome,
} from '@/lib/schemas/groups';

/** Consumer groups: list, describe, offset reset (preview, execute, undo), delete. */

export const listGroups = op({
  id: 'listGroups',
  permission: 'groups:view',
  method: 'get',
  path: '/api/clusters/{cluster}/groups',
  tag: 'Consumer groups',
  summary: 'Consumer groups with state, assignor, members, topics and total lag (lag computed for the page returned only)',
  params: clusterParams,
  query: listGroupsQuery,
  response: groupsPage,
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
  response: groupDetail,
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
  body: confirmBody,
  confirm: ({ params }) => String(params.group),
  mutates: true,
  response: deletedGroup,
  errors: { 404: 'No such cluster or group', 409: 'The group has active members' },
});

export const previewResetOffsets = op({
  id: 'previewResetOffsets',
  permission: 'groups:view',
  method: 'post',
  path: '/api/clusters/{cluster}/groups/{group}/reset-offsets/preview',
  tag: 'Consumer groups',
  summary:
    "Resolve a reset (earliest, latest, offset, timestamp, shift) to concrete offsets for every partition in scope, clamped to each partition's range (the clamp is reported); changes nothing",
  params: groupParams,
  body: resetPreviewBody,
  response: resetPreview,
  errors: {
    404: 'No such cluster, group, topic or partition',
    422: 'Invalid strategy or scope (e.g. malformed timestamp, shift without a number, shift on a partition with no committed offset)',
  },
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
  audit: (r) => ({ before: (r as ResetOutcome).previous, after: (r as ResetOutcome).committed }),
  response: resetOutcome,
  errors: {
    404: 'No such cluster, group, topic or partition',
    409: 'The group has active members (Kafka accepts offset changes only for an empty group)',
    422: "An offset outside the partition's current range",
  },
});

export const deleteGroupTopicOffsets = op({
  id: 'deleteGroupTopicOffsets',
  permission: 'groups:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/groups/{group}/offsets/{topic}',
  tag: 'Consumer groups',
  summary: "Delete the group's committed offsets for one topic (OffsetDelete)",
  params: groupParams.extend({ topic: topicName }),
  body: confirmBody,
  confirm: ({ params }) => String(params.topic),
  mutates: true,
  response: deletedGroupOffsets,
  errors: { 404: 'No such group, or no committed offsets for that topic', 409: 'The group is still subscribed to the topic' },
});

export const previewShareResetOffsets = op({
  id: 'previewShareResetOffsets',
  permission: 'groups:view',
  method: 'post',
  path: '/api/clusters/{cluster}/groups/{group}/share-offsets/preview',
  tag: 'Consumer groups',
  summary:
    "Share groups: resolve a start offset reset (earliest, latest, offset, timestamp) to concrete offsets for every share-partition in scope, clamped to each partition's range, with the kafka-share-groups command; changes nothing",
  params: groupParams,
  body: resetPreviewBody,
  response: resetPreview,
  errors: {
    404: 'No such cluster, group, topic or partition',
    422: 'Not a share group, a shift (share groups take earliest, latest, offset or timestamp), or an invalid scope',
  },
});

export const executeShareResetOffsets = op({
  id: 'executeShareResetOffsets',
  permission: 'groups:reset',
  method: 'post',
  path: '/api/clusters/{cluster}/groups/{group}/share-offsets',
  tag: 'Consumer groups',
  summary:
    'Share groups: set exactly the given start offsets (AlterShareGroupOffsets; null for every partition of a topic removes its state with DeleteShareGroupOffsets), then return the start offsets Kafka has. Used for execute and undo.',
  params: groupParams,
  body: resetExecuteBody,
  mutates: true,
  audit: (r) => ({ before: (r as ResetOutcome).previous, after: (r as ResetOutcome).committed }),
  response: resetOutcome,
  errors: {
    404: 'No such cluster, group, topic or partition',
    409: 'The share group has active members (Kafka changes start offsets only for an empty group)',
    422: "Not a share group, an offset outside the partition's current range, or a removal that does not cover a whole topic",
  },
});

export const deleteShareTopicOffsets = op({
  id: 'deleteShareTopicOffsets',
  permission: 'groups:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/groups/{group}/share-offsets/{topic}',
  tag: 'Consumer groups',
  summary: "Share groups: delete the group's share-partition state (start offsets) for one topic (DeleteShareGroupOffsets); undo sets them again",
  params: groupParams.extend({ topic: topicName }),
  body: confirmBody,
  confirm: ({ params }) => String(params.topic),
  mutates: true,
  audit: (r) => {
    const prev = (r as DeletedShareOffsets).previous;
    return { before: prev, after: prev.map((p) => ({ ...p, offset: null })) };
  },
  response: deletedShareOffsets,
  errors: { 404: 'No such share group, or no start offsets for that topic', 409: 'The share group has active members', 422: 'Not a share group' },
});
