import { z } from 'zod';
import { clusterId } from '@/lib/api/operation';

/** Consumer group inputs, shared by the API operations and the reset form. */

export const groupId = z.string().min(1).max(255).describe('Consumer group id');
export const topicName = z.string().min(1).max(249).describe('Topic name');
export const groupParams = z.object({ cluster: clusterId, group: groupId });

export const listGroupsQuery = z.object({
  search: z.string().max(255).optional().describe('Only groups whose id contains this (case-insensitive)'),
  state: z.string().max(64).optional().describe('Only groups in this state (Stable, Empty, PreparingRebalance, ...)'),
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe('Groups per page (lag is computed only for these)'),
});

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
    offset: z.number({ error: 'Enter an offset' }).int('The offset must be a whole number').min(0, 'The offset cannot be negative').max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({
    type: z.literal('timestamp'),
    timestamp: z.iso.datetime({ offset: true, error: 'Enter a date and time (ISO 8601, e.g. 2024-05-01T12:00:00Z)' }).describe('First offset at or after this time'),
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
  offset: z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,19}$/, 'An offset is a non-negative whole number'), z.null()]).describe('Offset to commit; null removes the committed offset'),
});

export const resetExecuteBody = z.object({
  offsets: z.array(offsetWrite).min(1, 'Nothing to write').max(10_000).describe('Exactly the offsets to commit (those of the preview, or the previous ones to undo)'),
});

export type ResetPreviewInput = z.infer<typeof resetPreviewBody>;
export type ResetExecuteInput = z.infer<typeof resetExecuteBody>;
