import { z } from 'zod';
import { encodingName } from './common';

/** Records: browse, search and tail parameters, the produce body (API and form), the wire shape of records and stream events. */

/** Hard server-side maximum of a browse page. */
export const MAX_PAGE_SIZE = 500;
/** Most matches one search returns before it hands back a cursor. */
export const MAX_SEARCH_MATCHES = 1000;

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

/** Where a page or a search starts. */
const startFrom = z.enum(['oldest', 'newest', 'offset', 'timestamp']);

const isolation = z
  .enum(['read_uncommitted', 'read_committed'])
  .default('read_uncommitted')
  .describe('read_committed hides records of aborted and open transactions');

const filterFields = {
  q: z.string().max(1000).optional().describe('Filter text; records match when their key, value or header contains (or equals) it'),
  field: z.enum(['key', 'value', 'header', 'any']).default('any').describe('Where the filter looks'),
  match: z
    .enum(['contains', 'exact', 'regex'])
    .default('contains')
    .describe(
      'contains, exact, or regex: q is a regular expression in RE2 syntax (linear time; no backreferences or lookaround), found anywhere unless anchored',
    ),
  ignoreCase: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  headerKey: z.string().max(1000).optional().describe('Only headers with this key (field=header or any)'),
};

const needsOffset = (q: { from?: string; offset?: number; timestamp?: number; cursor?: string }, ctx: z.RefinementCtx) => {
  if (q.cursor) return;
  if (q.from === 'offset' && q.offset === undefined) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'offset is required when from=offset' });
  if (q.from === 'timestamp' && q.timestamp === undefined)
    ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'timestamp is required when from=timestamp' });
};

// A cursor travels in the URL, which Node.js caps (with the headers) at 16 KB.
const cursorParam = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z0-9_-]*$/, 'A cursor is the next or prev value of a page, as returned')
  .optional()
  .describe('A next/prev cursor returned earlier (overrides from/offset/timestamp); 400 when it is not one');
const offsetParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Start offset in every chosen partition (from=offset)');

export const browseQuery = z
  .object({
    partitions: partitionList,
    from: startFrom
      .default('newest')
      .describe(
        'Where the page starts: the oldest records, the newest (last N), an offset or a timestamp. from=offset needs `offset` and from=timestamp needs `timestamp` (else 400), unless a cursor is given',
      ),
    offset: offsetParam,
    timestamp: timestampParam,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE, { message: `page size is at most ${MAX_PAGE_SIZE}` })
      .default(100)
      .describe(`Page size (at most ${MAX_PAGE_SIZE})`),
    cursor: cursorParam,
    isolation,
  })
  .superRefine(needsOffset);

export type BrowseQuery = z.infer<typeof browseQuery>;

export const searchQuery = z
  .object({
    partitions: partitionList,
    from: startFrom
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

export const tailQuery = z.object({
  partitions: partitionList,
  last: z.coerce.number().int().min(0).max(1000).default(0).describe('Also send the last N records of each partition'),
  ...filterFields,
  isolation,
});

const bytesField = (what: string) =>
  z
    .string()
    .max(10 * 1024 * 1024)
    .nullable()
    .describe(`${what}; null for none`);
const encoding = encodingName.default('utf8');

const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const BASE64 = new RegExp(BASE64_PATTERN);

/** Strict base64 (standard alphabet, padded): anything else is refused rather than guessed. */
export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

/** JSON Schema for the document: with `encodingKey` base64, `valueKey` must be standard padded base64 (checked when producing). */
const base64When = (encodingKey: string, valueKey: string) => ({
  if: { properties: { [encodingKey]: { const: 'base64' } }, required: [encodingKey] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
  then: { properties: { [valueKey]: { anyOf: [{ type: 'null' }, { type: 'string', pattern: BASE64_PATTERN }] } } },
});

/** Produce with a schema: the key or value is JSON, encoded by the console with this subject's version (wire format). */
export const produceSchemaRef = z
  .object({
    subject: z.string().min(1).max(1000).describe('The subject whose version encodes the value'),
    version: z
      .union([z.number().int().min(1), z.literal('latest')])
      .default('latest')
      .describe('Version number or latest'),
    messageType: z.string().max(1000).optional().describe("Protobuf: the message's full name (the file's first message when absent)"),
  })
  .describe('Encode this field from JSON with a registered schema');

/**
 * POST .../messages: one record. Header values may be null (a header with no value, sent as
 * empty bytes) as the API always took them; the form sends text or base64.
 */
export const produceBody = z
  .object({
    key: bytesField('Key').default(null),
    keyEncoding: encoding,
    value: bytesField('Value (null: a tombstone)'),
    valueEncoding: encoding,
    headers: z
      .array(
        z
          .object({
            key: z.string().min(1).max(1000),
            value: z
              .string()
              .max(1024 * 1024)
              .nullable(),
            encoding,
          })
          .meta({ allOf: [base64When('encoding', 'value')] }),
      )
      .max(100)
      .default([]),
    partition: z.number().int().min(0).optional().describe('Partition; the default partitioner picks one when absent'),
    keySchema: produceSchemaRef.optional(),
    valueSchema: produceSchemaRef.optional(),
  })
  .meta({ allOf: [base64When('keyEncoding', 'key'), base64When('valueEncoding', 'value')] });

/** The one produce input: what the browser sends and what lib/kafka/messages.ts produces. */
export type ProduceInput = z.infer<typeof produceBody>;

/** The produce form's fields (null key and tombstone as checkboxes, the partition as typed); submitted as a ProduceInput. */
const base64Check = (text: string, enc: 'utf8' | 'base64') => enc !== 'base64' || isBase64(text);

export const produceForm = z
  .object({
    key: z.string(),
    keyEncoding: encodingName,
    nullKey: z.boolean(),
    value: z.string(),
    valueEncoding: encodingName,
    tombstone: z.boolean(),
    headers: z.array(z.object({ key: z.string().min(1, 'Header name is required'), value: z.string(), encoding: encodingName })),
    partition: z.string().regex(/^\d*$/, 'A partition number (0, 1, ...) or empty for the default partitioner'),
    /** Encode the value with a registered schema: the subject ('' for none), version and Protobuf message. */
    valueSubject: z.string().max(1000).optional(),
    valueVersion: z
      .string()
      .regex(/^(?:latest|[1-9]\d{0,9})?$/, 'A version number or latest')
      .optional(),
    valueMessageType: z.string().max(1000).optional(),
    /** Encode the key with a registered schema too: the subject ('' for none), version and Protobuf message. */
    keySubject: z.string().max(1000).optional(),
    keyVersion: z
      .string()
      .regex(/^(?:latest|[1-9]\d{0,9})?$/, 'A version number or latest')
      .optional(),
    keyMessageType: z.string().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.keySubject && !v.nullKey) {
      try {
        JSON.parse(v.key);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['key'], message: 'Write the key as JSON to encode it with the schema' });
      }
    }
    if (v.valueSubject && !v.tombstone) {
      try {
        JSON.parse(v.value);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'Write the value as JSON to encode it with the schema' });
      }
    }
    if (!v.nullKey && !base64Check(v.key, v.keyEncoding)) ctx.addIssue({ code: 'custom', path: ['key'], message: 'Not valid base64' });
    if (!v.tombstone && !base64Check(v.value, v.valueEncoding)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Not valid base64' });
    v.headers.forEach((h, i) => {
      if (!base64Check(h.value, h.encoding)) ctx.addIssue({ code: 'custom', path: ['headers', i, 'value'], message: 'Not valid base64' });
    });
  });
export type ProduceFormValues = z.infer<typeof produceForm>;

// --- responses -------------------------------------------------------------------------

/** Bytes as sent by the API: UTF-8 text when the bytes are valid UTF-8, base64 otherwise. */
export const wireBytes = z.object({ encoding: encodingName, data: z.string() });
export const wireHeader = z.object({ key: z.string(), value: wireBytes.nullable() });
/** A key or value in the schema-registry wire format, decoded with its schema (or the reason it is shown raw). */
export const schemaDecoded = z.object({
  schemaId: z.number().describe('The schema id in the record'),
  format: z.enum(['AVRO', 'PROTOBUF', 'JSON']).optional(),
  subject: z.string().nullable().optional().describe('A subject the schema is registered under'),
  version: z.number().nullable().optional(),
  messageType: z.string().optional().describe('Protobuf: the message the record holds'),
  json: z.unknown().optional().describe('The decoded value as JSON'),
  error: z.string().optional().describe('Why it was not decoded: the bytes are shown raw'),
});

export const wireRecord = z.object({
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  key: wireBytes.nullable(),
  value: wireBytes.nullable(),
  headers: z.array(wireHeader),
  size: z.number().describe('Bytes of key, value and headers'),
  keySchema: schemaDecoded.optional().describe('Present when the key is in the schema-registry wire format'),
  valueSchema: schemaDecoded.optional().describe('Present when the value is in the schema-registry wire format'),
});

export const partitionWarning = z.object({ partition: z.number(), message: z.string() });

export const messagesPage = z.object({
  topic: z.string(),
  records: z.array(wireRecord),
  partitions: z
    .array(z.object({ partition: z.number(), start: z.number().nullable(), end: z.number().nullable() }))
    .describe('Per partition: log start and end offsets when the page was read'),
  warnings: z.array(partitionWarning),
  next: z.string().nullable().describe('Cursor to the next (newer) page; null at the end'),
  prev: z.string().nullable().describe('Cursor to the previous (older) page; null at the start'),
});

export const produceResult = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number().nullable(),
  valueSchemaId: z.number().optional().describe('The schema id the value was encoded with'),
  keySchemaId: z.number().optional(),
});

const streamWarning = partitionWarning.extend({ partition: z.number().describe('-1: the stream as a whole') });
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

const streamDone = z.object({
  reason: z.enum(['end', 'limit', 'records-budget', 'time-budget', 'closed']),
  scanned: z.number(),
  matched: z.number(),
  elapsedMs: z.number(),
  cursor: z.string().nullable().describe('Where to continue; null when the whole range was searched'),
});

const streamSkipped = z
  .object({ partition: z.number(), count: z.number(), from: z.string(), to: z.string() })
  .describe('Records dropped because the client fell behind');

/** The Server-Sent Events of search and tail: event name → the schema of its data. */
export const searchEvents = { message: wireRecord, progress: streamProgress, warning: streamWarning, done: streamDone, error: streamError };
export const tailEvents = { message: wireRecord, progress: streamProgress, skipped: streamSkipped, warning: streamWarning, error: streamError };

export type WireBytes = z.infer<typeof wireBytes>;
export type WireHeader = z.infer<typeof wireHeader>;
export type WireRecord = z.infer<typeof wireRecord>;
export type SchemaDecoded = z.infer<typeof schemaDecoded>;
export type PartitionWarning = z.infer<typeof partitionWarning>;
export type MessagesPage = z.infer<typeof messagesPage>;
export type ProduceResult = z.infer<typeof produceResult>;
export type StreamProgress = z.infer<typeof streamProgress>;
export type StreamDone = z.infer<typeof streamDone>;
export type StreamError = z.infer<typeof streamError>;

type StreamEvents = typeof searchEvents & typeof tailEvents;
/** One event of search or tail, as the server sends it and the browser reads it. */
export type StreamEvent = { [K in keyof StreamEvents]: { event: K; data: z.infer<StreamEvents[K]> } }[keyof StreamEvents];
