import { z } from 'zod';
import { topicName } from './common';

/** Consumer groups: the inputs (shared by the API operations and the reset form) and what the API answers. */

export const listGroupsQuery = z.object({
  search: z.string().max(255).optional().describe('Only groups whose id contains this (case-insensitive)'),
  state: z.string().max(64).optional().describe('Only groups in this state (Stable, Empty, PreparingRebalance, ...)'),
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe('Groups per page (lag is computed only for these)'),
  sort: z
    .enum(['name', 'lagGrowth'])
    .default('name')
    .describe('lagGrowth: fastest-growing lag first, over the last minutes of the lag history (groups without history last)'),
});
export type ListGroupsQuery = z.infer<typeof listGroupsQuery>;

export const resetScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group') }).describe('Every partition the group has committed offsets for'),
  z.object({ type: z.literal('topic'), topic: topicName }).describe('Every partition of one topic'),
  z
    .object({ type: z.literal('partitions'), topic: topicName, partitions: z.array(z.number().int().min(0)).min(1, 'Choose at least one partition') })
    .describe('Chosen partitions of one topic'),
]);

export const resetStrategy = z.discriminatedUnion('type', [
  z.object({ type: z.literal('earliest') }),
  z.object({ type: z.literal('latest') }),
  z.object({
    type: z.literal('offset'),
    offset: z
      .number({ error: 'Enter an offset' })
      .int('The offset must be a whole number')
      .min(0, 'The offset cannot be negative')
      .max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({
    type: z.literal('timestamp'),
    timestamp: z.iso
      .datetime({ offset: true, error: 'Enter a date and time (ISO 8601, e.g. 2024-05-01T12:00:00Z)' })
      .describe('First offset at or after this time'),
  }),
  z.object({
    type: z.literal('shift'),
    by: z
      .number({ error: 'Enter how many records to shift by (negative: back, positive: forward)' })
      .int('Shift by a whole number of records')
      .refine((n) => n !== 0, 'Shift by a number other than 0')
      .refine((n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, 'Shift is too large')
      // The refinements above, for the document.
      .meta({ not: { const: 0 }, minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
  }),
]);

export const resetPreviewBody = z.object({ scope: resetScope, strategy: resetStrategy });

export const offsetWrite = z.object({
  topic: topicName,
  partition: z.number().int().min(0),
  offset: z
    .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,19}$/, 'An offset is a non-negative whole number'), z.null()])
    .describe('Offset to commit; null removes the committed offset'),
});

export const resetExecuteBody = z.object({
  offsets: z
    .array(offsetWrite)
    .min(1, 'Nothing to write')
    .max(10_000)
    .describe('Exactly the offsets to commit (those of the preview, or the previous ones to undo)'),
});

export type ResetScope = z.infer<typeof resetScope>;
export type ResetStrategy = z.infer<typeof resetStrategy>;
export type ResetPreviewInput = z.infer<typeof resetPreviewBody>;
export type OffsetWrite = z.infer<typeof offsetWrite>;
export type ResetExecuteInput = z.infer<typeof resetExecuteBody>;

// --- responses -------------------------------------------------------------------------

export const groupSummary = z.object({
  groupId: z.string(),
  state: z.string(),
  type: z.string().describe('classic, consumer (KIP-848), share, ... ("classic" when the broker does not say)'),
  protocolType: z.string(),
  protocol: z.string().nullable().describe('Assignor (classic: the protocol chosen, KIP-848: the server-side assignor)'),
  members: z.number().nullable(),
  topics: z.array(z.string()),
  lag: z.number().nullable().describe('Sum of the lag of every committed partition; null when nothing is committed or some of it is unknown'),
  note: z.string().nullable(),
});

export const groupsPage = z.object({
  groups: z.array(groupSummary),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  states: z.record(z.string(), z.number()).describe('Number of groups in each state, before the state filter'),
  warnings: z.array(z.string()),
  elapsedMs: z.number(),
});

const memberRef = z.object({ memberId: z.string(), clientId: z.string(), host: z.string() });

export const groupMember = memberRef.extend({
  instanceId: z.string().nullable(),
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number()) })),
});

export const groupPartition = z.object({
  topic: z.string(),
  partition: z.number(),
  committed: z.string().nullable(),
  logStart: z.string().nullable(),
  logEnd: z.string().nullable(),
  lag: z.number().nullable(),
  timeLagMs: z.number().nullable().describe('How long the first unconsumed record has waited (now - its timestamp), when lag > 0'),
  owner: memberRef.nullable(),
});

const streamsTasks = z.array(z.object({ subtopologyId: z.string(), partitions: z.array(z.number()) }));
const streamsTopic = z.object({ name: z.string(), partitions: z.number().describe('0: as many as the source topics') });

/** A streams group (KIP-1071) as StreamsGroupDescribe gives it: its topology and each member's tasks. */
export const streamsGroupInfo = z.object({
  groupEpoch: z.number(),
  assignmentEpoch: z.number(),
  topologyEpoch: z.number().nullable().describe('null: no member has sent the topology yet'),
  subtopologies: z.array(
    z.object({
      subtopologyId: z.string(),
      sourceTopics: z.array(z.string()),
      repartitionSinkTopics: z.array(z.string()),
      stateChangelogTopics: z.array(streamsTopic),
      repartitionSourceTopics: z.array(streamsTopic),
    }),
  ),
  members: z.array(
    z.object({
      memberId: z.string(),
      memberEpoch: z.number(),
      processId: z.string(),
      clientId: z.string(),
      host: z.string(),
      instanceId: z.string().nullable(),
      rackId: z.string().nullable(),
      topologyEpoch: z.number(),
      userEndpoint: z.string().nullable().describe('host:port for interactive queries, when the app sets application.server'),
      isClassic: z.boolean().describe('The member still uses the classic protocol'),
      active: streamsTasks,
      standby: streamsTasks,
      warmup: streamsTasks,
      targetActive: streamsTasks,
    }),
  ),
});

export const groupDetail = z.object({
  groupId: z.string(),
  state: z.string(),
  type: z.string(),
  protocolType: z.string(),
  protocol: z.string().nullable(),
  members: z.array(groupMember),
  membersKnown: z.boolean().describe('False when the members could not be described (the note says why)'),
  partitions: z.array(groupPartition),
  topics: z.array(z.object({ topic: z.string(), lag: z.number().nullable(), partitions: z.number(), timeLagMs: z.number().nullable() })),
  totalLag: z.number().nullable(),
  note: z.string().nullable(),
  bootstrap: z.string(),
  streams: streamsGroupInfo.optional().describe('Streams groups only: topology and tasks'),
});

export const resetRow = z.object({
  topic: z.string(),
  partition: z.number(),
  current: z.string().nullable().describe('The committed offset now (null: none committed)'),
  logStart: z.string(),
  logEnd: z.string(),
  requested: z.string().nullable().describe('What the strategy asked for before clamping (null when nothing was asked, e.g. earliest)'),
  newOffset: z.string(),
  clamped: z.enum(['logStart', 'logEnd']).nullable().describe('Set when the requested offset was outside [logStart, logEnd] and was moved to that bound'),
  lagBefore: z.number().nullable(),
  lagAfter: z.number(),
});

export const resetPreview = z.object({
  groupId: z.string(),
  scope: resetScope,
  strategy: resetStrategy,
  partitions: z.array(resetRow),
  activeMembers: z.array(memberRef),
  membersKnown: z.boolean(),
  note: z.string().nullable(),
  cli: z.string(),
});

export const committedRow = z.object({ topic: z.string(), partition: z.number(), offset: z.string().nullable() });

export const resetOutcome = z.object({
  committed: z.array(committedRow),
  previous: z.array(committedRow).describe('The committed offsets before this change (null: none), for undo'),
});

export const deletedShareOffsets = z.object({
  deleted: z.array(z.object({ topic: z.string(), partition: z.number() })),
  previous: z.array(committedRow).describe('The start offsets the share-partitions had, for undo'),
  cli: z.string(),
});

export const deletedGroup = z.object({ deleted: z.string() });
export const deletedGroupOffsets = z.object({ deleted: z.array(z.object({ topic: z.string(), partition: z.number() })) });

export type GroupSummary = z.infer<typeof groupSummary>;
export type GroupsPage = z.infer<typeof groupsPage>;
export type GroupMember = z.infer<typeof groupMember>;
export type GroupPartition = z.infer<typeof groupPartition>;
export type GroupDetail = z.infer<typeof groupDetail>;
export type StreamsGroupInfo = z.infer<typeof streamsGroupInfo>;
export type ResetRow = z.infer<typeof resetRow>;
export type ResetPreview = z.infer<typeof resetPreview>;
export type CommittedRow = z.infer<typeof committedRow>;
export type ResetOutcome = z.infer<typeof resetOutcome>;
export type DeletedGroup = z.infer<typeof deletedGroup>;
export type DeletedGroupOffsets = z.infer<typeof deletedGroupOffsets>;
export type DeletedShareOffsets = z.infer<typeof deletedShareOffsets>;
