import { z } from 'zod';
import { topicName } from './common';

/** Preferred leader election (what `kafka-leader-election --election-type PREFERRED` does). */
export const MAX_ELECTION_PARTITIONS = 10_000;

export const electionScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cluster') }).strict(),
  z.object({ type: z.literal('topic'), topic: topicName }).strict(),
  z
    .object({
      type: z.literal('partitions'),
      partitions: z
        .array(z.object({ topic: topicName, partition: z.number().int().min(0) }).strict())
        .min(1)
        .max(1000),
    })
    .strict(),
]);
export type ElectionScope = z.infer<typeof electionScope>;

export const electionBody = z.object({ scope: electionScope }).strict();

const partitionState = z.object({
  topic: z.string(),
  partition: z.number(),
  leader: z.number().describe('-1: no leader'),
  preferred: z.number().describe('The first replica'),
  isr: z.array(z.number()),
});

export const electionPreview = z.object({
  /** Partitions whose leader is not their preferred replica, and whether an election can fix that now. */
  changes: z.array(partitionState.extend({ eligible: z.boolean(), reason: z.string() })),
  /** Partitions in scope already led by their preferred replica. */
  alreadyPreferred: z.number(),
  command: z.string().describe('The equivalent kafka-leader-election command'),
});
export type ElectionPreview = z.infer<typeof electionPreview>;

export const electionOutcome = z.object({
  results: z.array(
    z.object({
      topic: z.string(),
      partition: z.number(),
      outcome: z.enum(['elected', 'notNeeded', 'failed']),
      error: z.string().nullable(),
    }),
  ),
  command: z.string(),
});
export type ElectionOutcome = z.infer<typeof electionOutcome>;
