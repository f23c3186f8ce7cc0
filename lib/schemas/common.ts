import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';

/**
 * The one home of the console's zod schemas: what the API accepts and answers (the route
 * wrapper validates with them, /api/openapi.json is generated from them), what the forms
 * validate, and the console config file. Response types are inferred from them (lib/types.ts).
 * Pure: importable from server and browser code alike.
 */

export const clusterId = z.string().min(1).max(64).describe('Cluster id from the console configuration');
export const clusterParams = z.object({ cluster: clusterId });

/** Kafka's topic name rules: 1-249 characters of [a-zA-Z0-9._-], and not "." or "..". Every topic Kafka holds passes them. */
export const TOPIC_NAME_MAX = 249;

export const topicName = z
  .string()
  .min(1, 'Enter a topic name')
  .max(TOPIC_NAME_MAX, `A topic name has at most ${TOPIC_NAME_MAX} characters`)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Only letters, digits, ".", "_" and "-" are allowed')
  .regex(/^(?!\.\.?$)/, 'A topic cannot be named "." or ".."')
  .describe('Topic name');
export const topicParams = clusterParams.extend({ topic: topicName });

export const groupId = z.string().min(1).max(255).describe('Consumer group id');
export const groupParams = clusterParams.extend({ group: groupId });

export const brokerId = z.string().regex(/^\d+$/, 'A broker id is a number').describe('Broker id (node.id)');
export const brokerParams = clusterParams.extend({ broker: brokerId });

/** The `confirm` field destructive operations carry in their body: the name of what they change or delete. */
export const confirmField = z.string().max(300).describe("The resource's name, typed by the user to confirm a destructive change");
export const confirmBody = z.object({ confirm: confirmField });

/** Bytes as the API sends and takes them: UTF-8 text, or base64 for anything else. */
export const encodingName = z.enum(['utf8', 'base64']);

/** Every error the API answers, whatever the status. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    field: z.string().optional().describe('Which input field the error is about (forms show it on that field)'),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
