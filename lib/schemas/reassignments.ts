import { z } from 'zod';
import { topicName } from './common';

/** Partition reassignment (what `kafka-reassign-partitions --generate / --execute / --verify / --cancel` do). */
export const MAX_REASSIGN_PARTITIONS = 10_000;
/** The highest replication factor a plan may ask for (Kafka has no limit; a typo of 30 for 3 should not copy a topic 30 times). */
export const MAX_REPLICATION_FACTOR = 16;
/** Replication throttle bounds, bytes per second: 1 KiB/s to 10 GiB/s. */
export const MIN_THROTTLE = 1024;
export const MAX_THROTTLE = 10 * 1024 ** 3;

const partitionIndex = z.number().int().min(0).max(1_000_000);
const brokerNumber = z.number().int().min(0).max(2_147_483_647);

export const partitionTarget = z
  .object({
    topic: topicName,
    partition: partitionIndex,
    replicas: z
      .array(brokerNumber)
      .min(1, 'A partition needs at least one replica')
      .max(MAX_REPLICATION_FACTOR, `At most ${MAX_REPLICATION_FACTOR} replicas`)
      .refine((r) => new Set(r).size === r.length, 'A broker appears twice in the replicas')
      .meta({ uniqueItems: true })
      .describe('Target replicas; the first is the preferred leader'),
  })
  .strict();
export type PartitionTarget = z.infer<typeof partitionTarget>;

const targets = z
  .array(partitionTarget)
  .min(1, 'The plan moves no partition')
  .max(MAX_REASSIGN_PARTITIONS)
  .refine((ps) => new Set(ps.map((p) => `${p.topic}:${p.partition}`)).size === ps.length, 'A partition appears twice in the plan');

/** Generate a balanced plan, like `--generate`: topics, the brokers to spread them over, optionally a new replication factor. */
export const generateBody = z
  .object({
    topics: z.array(topicName).min(1).max(1000).optional().describe('Topics to plan for; omitted: every topic but the internal ones'),
    brokers: z.array(brokerNumber).min(1).max(1000).optional().describe('Brokers to place replicas on; omitted: every broker'),
    replicationFactor: z.number().int().min(1).max(MAX_REPLICATION_FACTOR).optional().describe("New replication factor; omitted: each topic's own"),
    removeBroker: brokerNumber.optional().describe('Decommission: move every replica off this broker (it is left out of the brokers)'),
  })
  .strict();
export type GenerateInput = z.infer<typeof generateBody>;

export const throttleInput = z
  .number()
  .int()
  .min(MIN_THROTTLE, `A throttle below ${MIN_THROTTLE} B/s would stall the move`)
  .max(MAX_THROTTLE)
  .describe('Replication throttle in bytes per second, per broker (leader and follower rates), or null for none');

export const previewBody = z.object({ partitions: targets }).strict();
export const executeBody = z.object({ partitions: targets, throttle: throttleInput.nullable() }).strict();
export type ExecuteInput = z.infer<typeof executeBody>;
export const verifyBody = z.object({ partitions: targets }).strict();
export const cancelBody = z
  .object({
    partitions: z
      .array(z.object({ topic: topicName, partition: partitionIndex }).strict())
      .min(1)
      .max(MAX_REASSIGN_PARTITIONS),
  })
  .strict();

const move = z.object({
  topic: z.string(),
  partition: z.number(),
  current: z.array(z.number()),
  target: z.array(z.number()),
  adding: z.array(z.number()).describe('Brokers that get a new replica (data is copied to them)'),
  removing: z.array(z.number()).describe('Brokers whose replica is deleted once the others are in sync'),
  bytes: z.number().nullable().describe("The partition's size on its leader: what each new replica copies (null: unknown)"),
});

export const reassignmentPreview = z.object({
  moves: z.array(move).describe('Partitions whose replicas or their order change'),
  unchanged: z.number().describe('Partitions in scope that keep their replicas'),
  brokers: z
    .array(
      z.object({
        id: z.number(),
        replicasBefore: z.number(),
        replicasAfter: z.number(),
        leadersBefore: z.number(),
        leadersAfter: z.number(),
        bytesIn: z.number().describe('Bytes copied to this broker'),
      }),
    )
    .describe('Per broker, in scope: replica and preferred-leader counts before and after, bytes to copy in'),
  totalBytes: z.number(),
  sizesKnown: z.boolean().describe('False when some broker did not say its partition sizes'),
  json: z.string().describe('The reassignment file kafka-reassign-partitions takes (--reassignment-json-file)'),
  rollbackJson: z.string().describe('The current assignment of the moved partitions, to move back'),
  commands: z.array(z.string()).describe('The equivalent kafka-reassign-partitions commands'),
});
export type ReassignmentPreview = z.infer<typeof reassignmentPreview>;

export const generatedPlan = reassignmentPreview.extend({
  partitions: z.array(partitionTarget).describe('The proposed assignment of the moved partitions (editable)'),
});
export type GeneratedPlan = z.infer<typeof generatedPlan>;

const partitionResult = z.object({ topic: z.string(), partition: z.number(), error: z.string().nullable() });

export const executeOutcome = z.object({
  started: z.array(z.object({ topic: z.string(), partition: z.number(), previous: z.array(z.number()), target: z.array(z.number()) })),
  failed: z.array(partitionResult.extend({ error: z.string() })),
  throttle: z.number().nullable(),
  throttled: z
    .object({ brokers: z.array(z.number()), topics: z.array(z.string()) })
    .describe('Where the throttle configs were set; verify removes them once the move is done'),
  commands: z.array(z.string()),
});
export type ExecuteOutcome = z.infer<typeof executeOutcome>;

export const ongoingReassignment = z.object({
  topic: z.string(),
  partition: z.number(),
  replicas: z.array(z.number()),
  adding: z.array(z.number()),
  removing: z.array(z.number()),
  leaderBytes: z.number().nullable().describe("The partition's size on its leader"),
  copied: z
    .array(z.object({ broker: z.number(), bytes: z.number().nullable() }))
    .describe('Per adding broker, how many bytes its new replica holds so far (null: it did not say)'),
});
export type OngoingReassignment = z.infer<typeof ongoingReassignment>;

export const reassignmentRun = z.object({
  id: z.string().describe('The audit entry of the execute'),
  time: z.string(),
  throttle: z.number().nullable(),
  partitions: z.array(z.object({ topic: z.string(), partition: z.number(), previous: z.array(z.number()), target: z.array(z.number()) })),
  state: z
    .enum(['running', 'done', 'changed'])
    .describe('running: some partition still moves; done: every partition has its target; changed: replicas differ from the target since'),
});
export type ReassignmentRun = z.infer<typeof reassignmentRun>;

export const reassignmentStatus = z.object({
  ongoing: z.array(ongoingReassignment).describe('Every reassignment Kafka is running, whoever started it'),
  throttledBrokers: z.array(z.object({ broker: z.number(), leaderRate: z.string().nullable(), followerRate: z.string().nullable() })),
  runs: z.array(reassignmentRun).describe("The console's recent runs, from the audit trail, with what they moved from"),
  runsNote: z.string().nullable().describe('Why runs are missing (no audit trail readable, say)'),
});
export type ReassignmentStatus = z.infer<typeof reassignmentStatus>;

export const verifyOutcome = z.object({
  partitions: z.array(
    z.object({ topic: z.string(), partition: z.number(), state: z.enum(['complete', 'inProgress', 'differs']), replicas: z.array(z.number()) }),
  ),
  removedThrottles: z.object({ topics: z.array(z.string()), brokers: z.array(z.number()) }),
  note: z.string().nullable(),
  command: z.string(),
});
export type VerifyOutcome = z.infer<typeof verifyOutcome>;

export const cancelOutcome = z.object({
  cancelled: z.array(z.object({ topic: z.string(), partition: z.number() })),
  failed: z.array(partitionResult.extend({ error: z.string() })),
  removedThrottles: z.object({ topics: z.array(z.string()), brokers: z.array(z.number()) }),
  command: z.string(),
});
export type CancelOutcome = z.infer<typeof cancelOutcome>;
