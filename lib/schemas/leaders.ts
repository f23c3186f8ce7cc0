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

/**
 * An unclean election: one partition with no in-sync leader, led by a replica that is not in
 * sync. Records only the last in-sync leader had are lost, so the body confirms with the
 * partition's name ("topic-partition").
 */
export const uncleanBody = z
  .object({
    topic: topicName,
    partition: z.number().int().min(0),
    confirm: z.string().max(300).optional().describe('The partition as "topic-partition", typed by the user: what it may lose is stated in the preview'),
  })
  .strict();
export type UncleanInput = z.infer<typeof uncleanBody>;

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
  leaderless: z
    .array(
      partitionState.extend({
        replicas: z.array(z.number()),
        candidates: z.array(z.number()).describe('Replicas on live brokers that are not in sync: what an unclean election may choose from'),
        risk: z.string(),
      }),
    )
    .describe('Partitions with no leader: a preferred election cannot help them; an unclean one may, losing data'),
  command: z.string().describe('The equivalent kafka-leader-election command'),
});
export type ElectionPreview = z.infer<typeof electionPreview>;

export const electionOutcome = z.object({
  results: z.array(
    z.object({
      topic: z.string(),
      partition: z.number(),
      outcome: z.enum(['elected', 'notNeeded', 'failed']),
      leader: z.number().nullable().optional().describe('The leader after an unclean election'),
      error: z.string().nullable(),
    }),
  ),
  command: z.string(),
});
export type ElectionOutcome = z.infer<typeof electionOutcome>;
