import { confirmField } from './confirm';
import { z } from 'zod';

/** Kafka's topic name rules: 1-249 characters of [a-zA-Z0-9._-], and not "." or "..". */
export const TOPIC_NAME_MAX = 249;

export const topicName = z
  .string()
  .min(1, 'Enter a topic name')
  .max(TOPIC_NAME_MAX, `A topic name has at most ${TOPIC_NAME_MAX} characters`)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Only letters, digits, ".", "_" and "-" are allowed')
  .refine((n) => n !== '.' && n !== '..', 'A topic cannot be named "." or ".."')
  .describe('Topic name');

/** Kafka treats "." and "_" as the same character in metric names, so such names collide. */
export function collidingTopics(name: string, existing: Iterable<string>): string[] {
  if (!/[._]/.test(name)) return [];
  const key = name.replace(/\./g, '_');
  const out: string[] = [];
  for (const t of existing) if (t !== name && t.replace(/\./g, '_') === key) out.push(t);
  return out;
}

export const configName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Config names are made of letters, digits, ".", "_" and "-"')
  .describe('Config name, e.g. retention.ms');

export const createTopicBody = z.object({
  name: topicName,
  partitions: z.number().int('Whole numbers only').min(1, 'At least 1 partition').max(100_000, 'At most 100000 partitions'),
  replicationFactor: z.number().int('Whole numbers only').min(1, 'At least 1 replica').max(32_767, 'At most 32767 replicas'),
  configs: z.record(configName, z.string().max(10_000)).default({}).describe('Config overrides, e.g. { "retention.ms": "86400000" }'),
  validateOnly: z.boolean().default(false).describe('Only ask Kafka to validate; create nothing'),
});
export type CreateTopicInput = z.input<typeof createTopicBody>;

export const addPartitionsBody = z.object({
  count: z.number().int('Whole numbers only').min(1, 'At least 1 partition').max(100_000).describe('The new total number of partitions'),
  validateOnly: z.boolean().default(false),
});

export const setConfigBody = z.object({
  value: z.string().max(10_000).describe('New value'),
  validateOnly: z.boolean().default(false).describe('Only ask Kafka to validate; change nothing'),
  confirm: confirmField.optional().describe('Broker configs, and topic configs about listeners, security or quotas: the broker id or topic name'),
});

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

/** The topics list as the page first shows it (and as the server renders it). */
export const DEFAULT_TOPIC_LIST = { sort: 'name', order: 'asc', page: 1, pageSize: 50 } as const satisfies z.infer<typeof listTopicsQuery>;
