import { z } from 'zod';
import { topicName } from './common';
import { configName } from './configs';

/** Topics: list, create (API body and the create form), add partitions; and what the API answers. */

/** Kafka treats "." and "_" as the same character in metric names, so such names collide. */
export function collidingTopics(name: string, existing: Iterable<string>): string[] {
  if (!/[._]/.test(name)) return [];
  const key = name.replace(/\./g, '_');
  const out: string[] = [];
  for (const t of existing) if (t !== name && t.replace(/\./g, '_') === key) out.push(t);
  return out;
}

const partitionCount = (n: z.ZodNumber) => n.int('Whole numbers only').min(1, 'At least 1 partition').max(100_000, 'At most 100000 partitions');
const replicaCount = (n: z.ZodNumber) => n.int('Whole numbers only').min(1, 'At least 1 replica');

export const createTopicBody = z.object({
  name: topicName,
  partitions: partitionCount(z.number()),
  replicationFactor: replicaCount(z.number()).max(32_767, 'At most 32767 replicas'),
  configs: z.record(configName, z.string().max(10_000)).default({}).describe('Config overrides, e.g. { "retention.ms": "86400000" }'),
  validateOnly: z.boolean().default(false).describe('Only ask Kafka to validate; create nothing'),
});
/** What a client sends (configs and validateOnly may be left out). */
export type CreateTopicInput = z.input<typeof createTopicBody>;
/** What the server gets after validation. */
export type CreateTopicRequest = z.infer<typeof createTopicBody>;

/** The create-topic form's fields (configs as rows); submitted as a createTopicBody. */
export const createTopicForm = z.object({
  name: topicName,
  partitions: partitionCount(z.number({ error: 'Enter a number' })),
  replicationFactor: replicaCount(z.number({ error: 'Enter a number' })),
  configs: z.array(z.object({ name: configName, value: z.string().min(1, 'Enter a value') })),
});
export type CreateTopicFormValues = z.infer<typeof createTopicForm>;

export const addPartitionsBody = z.object({
  count: z.number().int('Whole numbers only').min(1, 'At least 1 partition').max(100_000).describe('The new total number of partitions'),
  validateOnly: z.boolean().default(false),
});
export type AddPartitionsInput = z.input<typeof addPartitionsBody>;

export const TOPIC_SORTS = ['name', 'partitions', 'replicationFactor', 'underReplicated', 'offline', 'messages', 'size'] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];

const boolParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const listTopicsQuery = z.object({
  search: z.string().max(200).optional().describe('Substring of the topic name (case-insensitive), or a regular expression when regex=true'),
  regex: boolParam.describe('Treat search as a regular expression'),
  internal: boolParam.describe('Include internal topics (__consumer_offsets, ...)'),
  sort: z.enum(TOPIC_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type ListTopicsOptions = z.infer<typeof listTopicsQuery>;
/** The list's parameters as the browser puts them in the URL (every one may be left out). */
export type TopicListParams = Partial<ListTopicsOptions>;

/** The topics list as the page first shows it (and as the server renders it). */
export const DEFAULT_TOPIC_LIST = { sort: 'name', order: 'asc', page: 1, pageSize: 50 } as const satisfies ListTopicsOptions;

// --- responses -------------------------------------------------------------------------

export const topicSummary = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number(),
  replicationFactor: z.number(),
  underReplicated: z.number(),
  offline: z.number(),
  messages: z.number().nullable().describe('Sum of end minus start offsets; null when a partition could not be asked'),
  size: z.number().nullable().describe('Bytes on disk over all replicas; null when a broker did not answer'),
});

export const topicList = z.object({
  topics: z.array(topicSummary),
  total: z.number(),
  clusterTotal: z.number().describe('Every topic, before the search and internal filters'),
  page: z.number(),
  pageSize: z.number(),
  elapsedMs: z.number(),
});

export const createTopicOutcome = z.object({
  name: z.string(),
  partitions: z.number(),
  replicationFactor: z.number(),
  configs: z.record(z.string(), z.string()),
  validateOnly: z.boolean(),
  created: z.boolean(),
});

export const deletedTopic = z.object({
  name: z.string(),
  deleted: z.literal(true),
  before: z
    .object({ partitions: z.number(), replicationFactor: z.number(), configs: z.record(z.string(), z.string().nullable()).nullable() })
    .describe('What the topic was: partitions, replication factor and config overrides (null when they could not be read)'),
});

export const addPartitionsOutcome = z.object({ name: z.string(), from: z.number(), to: z.number(), validateOnly: z.boolean(), warning: z.string() });

export type TopicSummary = z.infer<typeof topicSummary>;
export type TopicList = z.infer<typeof topicList>;
export type CreateTopicOutcome = z.infer<typeof createTopicOutcome>;
export type DeletedTopic = z.infer<typeof deletedTopic>;
export type AddPartitionsOutcome = z.infer<typeof addPartitionsOutcome>;
