import { z } from 'zod';
import { topicName } from './common';

/**
 * Log dirs (what `kafka-log-dirs --describe` shows) and the KRaft quorum and feature levels
 * (what `kafka-metadata-quorum describe --status --replication` and `kafka-features describe` show).
 */

/** Largest topic rows and moving replicas returned at once; the totals always cover everything. */
export const MAX_STORAGE_ROWS = 1000;

export const logDirsQuery = z
  .object({
    topic: topicName.optional().describe('Also list every replica of this topic: broker, dir, size, lag'),
  })
  .strict();

const logDir = z.object({
  path: z.string(),
  error: z.string().nullable().describe('Kafka error name when the dir is offline (KAFKA_STORAGE_ERROR), else null'),
  offline: z.boolean(),
  totalBytes: z.number().nullable().describe('Size of the volume the dir is on (Kafka 3.3+), null when unknown'),
  usableBytes: z.number().nullable(),
  size: z.number().describe('Bytes of every replica in the dir, future replicas included'),
  replicas: z.number(),
});

export const logDirsReport = z.object({
  brokers: z.array(
    z.object({
      id: z.number(),
      error: z.string().nullable().describe('Why this broker could not be asked, else null'),
      size: z.number(),
      dirs: z.array(logDir),
    }),
  ),
  topics: z
    .array(z.object({ topic: z.string(), size: z.number(), replicas: z.number() }))
    .describe(`Bytes per topic over every replica, largest first; at most ${MAX_STORAGE_ROWS}`),
  topicCount: z.number(),
  moving: z
    .array(
      z.object({
        topic: z.string(),
        partition: z.number(),
        broker: z.number(),
        from: z.string().nullable().describe('The dir holding the current replica'),
        to: z.string().describe('The dir the future replica is being copied into'),
        size: z.number().describe('Bytes copied so far'),
        currentSize: z.number().nullable(),
        offsetLag: z.number().describe("Messages the future replica is behind the current one's log end"),
      }),
    )
    .describe('Replicas being moved between dirs of one broker (AlterReplicaLogDirs, kafka-reassign-partitions with log_dirs)'),
  partitions: z
    .array(
      z.object({
        partition: z.number(),
        broker: z.number(),
        dir: z.string(),
        size: z.number(),
        offsetLag: z.number(),
        future: z.boolean(),
      }),
    )
    .nullable()
    .describe('Every replica of the asked topic, or null when no topic was asked'),
  command: z.string().describe('The equivalent kafka-log-dirs command'),
});
export type LogDirsReport = z.infer<typeof logDirsReport>;

const quorumReplica = z.object({
  id: z.number(),
  directoryId: z.string().nullable(),
  logEndOffset: z.number().describe('-1: unknown'),
  lag: z.number().nullable().describe("Leader's log end offset minus this one's; null when unknown"),
  lastFetchTimestamp: z.number().nullable(),
  lastCaughtUpTimestamp: z.number().nullable(),
  status: z.enum(['Leader', 'Follower', 'Observer']),
});

export const quorumReport = z.discriminatedUnion('applies', [
  z.object({ applies: z.literal(false), reason: z.string() }),
  z.object({
    applies: z.literal(true),
    leaderId: z.number(),
    leaderEpoch: z.number(),
    highWatermark: z.number(),
    maxFollowerLag: z.number(),
    maxFollowerLagTimeMs: z.number().nullable(),
    voters: z.array(quorumReplica),
    observers: z.array(quorumReplica),
    nodes: z.array(z.object({ id: z.number(), endpoints: z.array(z.string()) })).describe('Voters and their controller listeners (DescribeQuorum v2+)'),
    command: z.string(),
  }),
]);
export type QuorumReport = z.infer<typeof quorumReport>;

export const featuresReport = z.object({
  mode: z.enum(['kraft', 'zookeeper']),
  finalizedEpoch: z.number().nullable().describe('null: the broker knows no finalized features'),
  features: z.array(
    z.object({
      name: z.string(),
      finalizedLevel: z.number().nullable().describe('0: supported but not finalized (off); null: unknown to this broker'),
      supportedMin: z.number().nullable(),
      supportedMax: z.number().nullable(),
      /** metadata.version levels as Kafka names them (e.g. 4.1-IV1); null for other features. */
      finalizedName: z.string().nullable(),
      supportedMinName: z.string().nullable(),
      supportedMaxName: z.string().nullable(),
    }),
  ),
  broker: z.number().describe('The broker that answered'),
  note: z.string().nullable(),
  command: z.string(),
});
export type FeaturesReport = z.infer<typeof featuresReport>;
