import { z } from 'zod';
import { clusterId, op } from '../operation';
import { MAX_PAGE_SIZE, MAX_SEARCH_MATCHES } from '@/lib/messages/format';


const topicParams = z.object({
  cluster: clusterId,
  topic: z.string().min(1).max(249).describe('Topic name'),
});

/** `?partitions=0,2` or `?partitions=0&partitions=2`; absent means all. */
const partitionList = z
  .preprocess(
    (v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter((x) => x !== '')),
    z.array(z.coerce.number().int().min(0)).optional(),
  )
  .describe('Partitions to read (comma-separated or repeated); all when absent');

/** ISO 8601 date-time or epoch milliseconds; the pattern is in the document too, so clients know it. */
const TIMESTAMP =
  /^(?:[0-9]{1,16}|[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?)?$/;
const timestampParam = z
  .string()
  .regex(TIMESTAMP, 'timestamp must be an ISO 8601 date-time (2024-05-01T12:00:00Z) or epoch milliseconds')
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const n = /^[0-9]+$/.test(s) ? Number(s) : Date.parse(s);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'timestamp must be an ISO 8601 date-time (2024-05-01T12:00:00Z) or epoch milliseconds' });
      return z.NEVER;
    }
    return n;
  })
  .describe('Start at the first record with this timestamp or later: ISO 8601 or epoch ms (from=timestamp)');

const isolation = z.enum(['read_uncommitted', 'read_committed']).default('read_uncommitted').describe('read_committed hides records of aborted and open transactions');

const filterFields = {
  q: z.string().max(1000).optional().describe('Filter text; records match when their key, value or header contains (or equals) it'),
  field: z.enum(['key', 'value', 'header', 'any']).default('any').describe('Where the filter looks'),
  match: z.enum(['contains', 'exact', 'regex']).default('contains').describe('contains, exact, or regex: q is a regular expression in RE2 syntax (linear time; no backreferences or lookaround), found anywhere unless anchored'),
  ignoreCase: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  headerKey: z.string().max(1000).optional().describe('Only headers with this key (field=header or any)'),
};

const needsOffset = (q: { from?: string; offset?: number; timestamp?: number; cursor?: string }, ctx: z.RefinementCtx) => {
  if (q.cursor) return;
  if (q.from === 'offset' && q.offset === undefined) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'offset is required when from=offset' });
  if (q.from === 'timestamp' && q.timestamp === undefined) ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'timestamp is required when from=timestamp' });
};

// A cursor travels in the URL, which Node.js caps (with the headers) at 16 KB.
const cursorParam = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z0-9_-]*$/, 'A cursor is the next or prev value of a page, as returned')
  .optional()
  .describe('A next/prev cursor returned earlier (overrides from/offset/timestamp); 400 when it is not one');
const offsetParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Start offset in every chosen partition (from=offset)');

const browseQuery = z
  .object({
    partitions: partitionList,
    from: z
      .enum(['oldest', 'newest', 'offset', 'timestamp'])
      .default('newest')
      .describe('Where the page starts: the oldest records, the newest (last N), an offset or a timestamp. from=offset needs `offset` and from=timestamp needs `timestamp` (else 400), unless a cursor is given'),
    offset: offsetParam,
    timestamp: timestampParam,
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, { message: `page size is at most ${MAX_PAGE_SIZE}` }).default(100).describe(`Page size (at most ${MAX_PAGE_SIZE})`),
    cursor: cursorParam,
    isolation,
  })
  .superRefine(needsOffset);

const wireBytes = z.object({ encoding: z.enum(['utf8', 'base64']), data: z.string() }).nullable();
const wireRecord = z.object({
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  key: wireBytes,
  value: wireBytes,
  headers: z.array(z.object({ key: z.string(), value: wireBytes })),
  size: z.number(),
});

export const browseMessages = op({
  id: 'browseMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages',
  tag: 'Messages',
  summary: 'One page of records (no consumer group, nothing committed); bytes that are not UTF-8 come as base64',
  params: topicParams,
  query: browseQuery,
  response: z.object({
    topic: z.string(),
    records: z.array(wireRecord),
    partitions: z.array(z.object({ partition: z.number(), start: z.number().nullable(), end: z.number().nullable() })),
    warnings: z.array(z.object({ partition: z.number(), message: z.string() })),
    next: z.string().nullable(),
    prev: z.string().nullable(),
  }),
  errors: { 404: 'No such cluster, topic or partition', 422: 'Offset beyond the end of the chosen partitions', 503: 'Kafka cannot be reached' },
});

const bytesField = (what: string) => z.string().max(10 * 1024 * 1024).nullable().describe(`${what}; null for none`);
const encoding = z.enum(['utf8', 'base64']).default('utf8');

/** JSON Schema for the document: with `encodingKey` base64, `valueKey` must be standard padded base64 (checked when producing). */
const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const base64When = (encodingKey: string, valueKey: string) => ({
  if: { properties: { [encodingKey]: { const: 'base64' } }, required: [encodingKey] },
  then: { properties: { [valueKey]: { anyOf: [{ type: 'null' }, { type: 'string', pattern: BASE64_PATTERN }] } } },
});

const produceBody = z.object({
  key: bytesField('Key').default(null),
  keyEncoding: encoding,
  value: bytesField('Value (null: a tombstone)'),
  valueEncoding: encoding,
  headers: z
    .array(z.object({ key: z.string().min(1).max(1000), value: z.string().max(1024 * 1024).nullable(), encoding }).meta({ allOf: [base64When('encoding', 'value')] }))
    .max(100)
    .default([]),
  partition: z.number().int().min(0).optional().describe('Partition; the default partitioner picks one when absent'),
}).meta({ allOf: [base64When('keyEncoding', 'key'), base64When('valueEncoding', 'value')] });

export const produceMessage = op({
  id: 'produceMessage',
  permission: 'messages:produce',
  method: 'post',
  path: '/api/clusters/{cluster}/topics/{topic}/messages',
  tag: 'Messages',
  summary: 'Produce one record with exactly the given bytes (UTF-8 text or decoded base64); returns its partition and offset',
  params: topicParams,
  body: produceBody,
  mutates: true,
  audit: (r) => ({ after: { partition: (r as { partition: number }).partition, offset: (r as { offset: string }).offset } }),
  response: z.object({ topic: z.string(), partition: z.number(), offset: z.string(), timestamp: z.number().nullable() }),
  errors: { 404: 'No such cluster, topic or partition', 422: 'Malformed base64 or invalid fields', 503: 'Kafka cannot be reached' },
});

const searchQuery = z
  .object({
    partitions: partitionList,
    from: z
      .enum(['oldest', 'newest', 'offset', 'timestamp'])
      .default('oldest')
      .describe('Where the search starts. from=offset needs `offset` and from=timestamp needs `timestamp` (else 400), unless a cursor is given'),
    offset: offsetParam,
    timestamp: timestampParam,
    cursor: cursorParam,
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH_MATCHES).default(100).describe(`Stop after this many matches (at most ${MAX_SEARCH_MATCHES})`),
    maxRecords: z.coerce.number().int().min(1).max(1_000_000_000).default(10_000_000).describe('Budget: records to scan at most'),
    maxSeconds: z.coerce.number().min(1).max(600).default(60).describe('Budget: seconds to scan at most'),
    isolation,
  })
  .superRefine(needsOffset);

const wireWarning = z.object({ partition: z.number().describe('-1: the stream as a whole'), message: z.string() });
const streamProgress = z.object({
  scanned: z.number(),
  matched: z.number(),
  positions: z.record(z.string(), z.string()).describe('Next offset to read, per partition'),
  ends: z.record(z.string(), z.string()).optional().describe('Log end offsets where known (search: the end of the range searched)'),
  phase: z.enum(['started', 'scanning']).optional(),
});

const streamError = z
  .object({
    code: z.enum(['undecodable', 'internal']).describe('undecodable: a record batch the console cannot decode (corrupt, or above the decompression limit)'),
    message: z.string(),
    partition: z.number().optional().describe('Where reading stopped (undecodable)'),
    offset: z.string().optional(),
  })
  .describe('The stream ended early; always the last event');

const searchEvents = {
  message: wireRecord,
  progress: streamProgress,
  warning: wireWarning,
  done: z.object({
    reason: z.enum(['end', 'limit', 'records-budget', 'time-budget', 'closed']),
    scanned: z.number(),
    matched: z.number(),
    elapsedMs: z.number(),
    cursor: z.string().nullable().describe('Where to continue; null when the whole range was searched'),
  }),
  error: streamError,
};

const tailEvents = {
  message: wireRecord,
  progress: streamProgress,
  skipped: z.object({ partition: z.number(), count: z.number(), from: z.string(), to: z.string() }).describe('Records dropped because the client fell behind'),
  warning: wireWarning,
  error: streamError,
};

export const searchMessages = op({
  id: 'searchMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages/search',
  tag: 'Messages',
  summary:
    'Server-side filter over a range of records within a budget. SSE events: message (a match), progress (scanned, matched, position per partition), warning (a partition skipped), done (reason and a cursor to continue), error (the search ended early: code undecodable for a record batch that cannot be decoded, with its partition and offset, or internal; always the last event)',
  params: topicParams,
  query: searchQuery,
  stream: true,
  events: searchEvents,
  errors: { 404: 'No such cluster, topic or partition', 422: 'Offset beyond the end of the chosen partitions', 503: 'Kafka cannot be reached' },
});

const tailQuery = z.object({
  partitions: partitionList,
  last: z.coerce.number().int().min(0).max(1000).default(0).describe('Also send the last N records of each partition'),
  ...filterFields,
  isolation,
});

export const tailMessages = op({
  id: 'tailMessages',
  permission: 'messages:read',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/messages/tail',
  tag: 'Messages',
  summary:
    'Live tail from the end (or the last N per partition), no consumer group. SSE events: message, progress, skipped (records dropped because the client fell behind), warning, error (the tail ended: code undecodable for a record batch that cannot be decoded, with its partition and offset, or internal; always the last event); heartbeat comments',
  params: topicParams,
  query: tailQuery,
  stream: true,
  events: tailEvents,
  errors: { 404: 'No such cluster, topic or partition', 503: 'Kafka cannot be reached' },
});
