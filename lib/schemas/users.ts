import { z } from 'zod';

/** SCRAM credentials (what `kafka-configs --entity-type users` manages). Passwords go in, never out. */
export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export const scramMechanism = z.enum(SCRAM_MECHANISMS);
/** Kafka refuses fewer than 4096 and more than 16384 iterations. */
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_MAX_ITERATIONS = 16384;
export const SCRAM_DEFAULT_ITERATIONS = 8192;

export const scramUserName = z
  .string()
  .min(1, 'Enter a user name')
  .max(255)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'No control characters')
  .describe('SCRAM user name (the principal User:<name>)');
export const userParams = z.object({ cluster: z.string().min(1).max(64), user: scramUserName });

const password = z.string().min(8, 'At least 8 characters').max(1024).describe('The new password; never stored by the console, never returned');
const iterations = z.number().int().min(SCRAM_MIN_ITERATIONS).max(SCRAM_MAX_ITERATIONS).default(SCRAM_DEFAULT_ITERATIONS);

export const createUserBody = z.object({ user: scramUserName, mechanism: scramMechanism, iterations, password }).strict();
export const changePasswordBody = z.object({ mechanism: scramMechanism, iterations, password }).strict();
export const deleteUserBody = z.object({ mechanism: scramMechanism, confirm: z.string().max(300) }).strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const scramCredential = z.object({ mechanism: scramMechanism, iterations: z.number() });
export const scramUser = z.object({ user: z.string(), credentials: z.array(scramCredential) });
export type ScramUser = z.infer<typeof scramUser>;
export const scramUserList = z.object({ users: z.array(scramUser) });
export type ScramUserList = z.infer<typeof scramUserList>;
export const scramUserOutcome = scramUser.extend({
  command: z.string().describe('The equivalent kafka-configs command, password elided'),
});
export type ScramUserOutcome = z.infer<typeof scramUserOutcome>;
