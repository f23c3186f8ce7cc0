import { z } from 'zod';
import { groupId, topicName } from './common';

/** Lag history: what the server's sampler recorded (lib/history/). */

export const HISTORY_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export const historyRange = z.enum(['1h', '24h', '7d', '30d']).default('1h').describe('How far back');
export const historyQuery = z.object({ range: historyRange }).strict();
/** Rows of a list page asked for at once, and the length of their names in the URL (clients split longer lists). */
export const MAX_SUMMARY_ROWS = 200;
export const MAX_SUMMARY_CHARS = 8000;

/** Splits names into lists the summary routes take: at most MAX_SUMMARY_ROWS names and MAX_SUMMARY_CHARS characters each. */
export function summaryChunks(names: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let chars = 0;
  for (const n of names) {
    const len = encodeURIComponent(n).length + 1;
    if (cur.length && (cur.length >= MAX_SUMMARY_ROWS || chars + len > MAX_SUMMARY_CHARS)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(n);
    chars += len;
  }
  if (cur.length) out.push(cur);
  return out;
}
/** Points per series in an answer; longer ranges are thinned to it. */
export const MAX_POINTS = 720;

const nullableNumbers = z.array(z.number().nullable());

export const drain = z.discriminatedUnion('status', [
  z.object({ status: z.literal('caught-up') }),
  z.object({ status: z.literal('draining'), etaMs: z.number().describe('When the slowest partition is expected to be drained, at the recent rates') }),
  z.object({ status: z.literal('falling-behind'), growthPerSec: z.number().describe('Records per second the lag grows by on the worst partition') }),
  z.object({ status: z.literal('stalled').describe('Lag, and neither consumption nor production') }),
  z.object({ status: z.literal('unknown'), reason: z.string() }),
]);

export const samplerStatus = z.object({
  enabled: z.boolean(),
  mode: z.enum(['local', 'topic']),
  topic: z.string().nullable(),
  sampling: z.boolean().describe('This console instance is the one sampling'),
  intervalMs: z.number(),
  currentIntervalMs: z.number(),
  overruns: z.number(),
  rounds: z.number(),
  lastRound: z
    .object({
      ts: z.number(),
      wallMs: z.number(),
      cpuMs: z.number(),
      requests: z.number(),
      topics: z.number(),
      partitions: z.number(),
      groups: z.number(),
      series: z.number(),
      errors: z.array(z.string()),
    })
    .nullable(),
  lastError: z.string().nullable(),
  newestSample: z.number().nullable(),
  storeBytes: z.number(),
});

const off = z.object({ available: z.literal(false), reason: z.string() });

export const groupHistory = z.union([
  off,
  z.object({
    available: z.literal(true),
    range: z.string(),
    tier: z.enum(['raw', 'm5']),
    t: z.array(z.number()).describe('Sample times (ms since the epoch)'),
    lag: nullableNumbers.describe('Records behind, summed over the partitions'),
    timeLagMs: nullableNumbers.describe('How long ago the end offset was where the group is, on its slowest partition'),
    consumeRate: nullableNumbers.describe('Records per second committed'),
    produceRate: nullableNumbers.describe('Records per second produced to the partitions the group consumes'),
    partitions: z.array(
      z.object({
        topic: topicName,
        partition: z.number(),
        lag: nullableNumbers,
        current: z.number().nullable(),
        consumeRate: z.number().nullable(),
        produceRate: z.number().nullable(),
        drain,
      }),
    ),
    partitionsOmitted: z.number().describe('Partitions left out of `partitions` (the largest lags are kept)'),
    drain,
    slowest: z.object({ topic: topicName, partition: z.number() }).nullable(),
    windowMs: z.number().describe('The recent window the rates behind the drain estimate are measured over'),
    sampler: samplerStatus,
  }),
]);

export const topicHistory = z.union([
  off,
  z.object({
    available: z.literal(true),
    range: z.string(),
    tier: z.enum(['raw', 'm5']),
    t: z.array(z.number()),
    produceRate: nullableNumbers.describe('Records per second'),
    bytesRate: nullableNumbers.describe('Bytes per second on the leaders (null where retention removed more than was written)'),
    groups: z.array(
      z.object({
        group: groupId,
        lag: z.number().nullable().describe('Current lag on this topic'),
        trendPerSec: z.number().nullable().describe('Lag growth over the last minutes (records/s; negative when catching up)'),
        lagSeries: nullableNumbers,
      }),
    ),
    sampler: samplerStatus,
  }),
]);

export const groupsSummaryQuery = z
  .object({
    ids: z.string().max(MAX_SUMMARY_CHARS).describe('Group ids, comma separated (URL-encoded); split longer lists into several calls'),
    range: historyRange,
  })
  .strict();

export const groupsSummary = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  groups: z.record(
    z.string(),
    z.object({
      t: z.array(z.number()),
      lag: z.array(z.number()),
      growthPerSec: z.number().nullable().describe('Least-squares slope of the lag over the range'),
    }),
  ),
});

export const topicsSummaryQuery = z
  .object({
    names: z.string().max(MAX_SUMMARY_CHARS).describe('Topic names, comma separated; split longer lists into several calls'),
  })
  .strict();

export const topicsSummary = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  windowMs: z.number().nullable(),
  topics: z.record(
    z.string(),
    z.object({
      produceRate: z.number().nullable(),
      bytesRate: z.number().nullable(),
      groups: z.array(z.object({ group: z.string(), lag: z.number() })).describe('Consuming groups, worst lag first (at most 5)'),
      groupCount: z.number(),
    }),
  ),
});

export type GroupHistory = z.infer<typeof groupHistory>;
export type TopicHistory = z.infer<typeof topicHistory>;
export type GroupsSummary = z.infer<typeof groupsSummary>;
export type TopicsSummary = z.infer<typeof topicsSummary>;
export type Drain = z.infer<typeof drain>;
export type SamplerStatus = z.infer<typeof samplerStatus>;
