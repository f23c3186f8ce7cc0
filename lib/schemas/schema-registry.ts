import { z } from 'zod';
import { clusterParams, confirmField } from './common';

/** Schema registry subjects, versions and compatibility as the API takes and answers them (Confluent-compatible registries). */

export const SCHEMA_TYPES = ['AVRO', 'PROTOBUF', 'JSON'] as const;
export const schemaType = z.enum(SCHEMA_TYPES).describe('AVRO, PROTOBUF or JSON (JSON Schema)');

export const COMPATIBILITY_LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export const compatibilityLevel = z.enum(COMPATIBILITY_LEVELS);

/** A subject name as registries take them: printable, at most 1000 characters (no control characters). */
export const subjectName = z
  .string()
  .min(1, 'Enter a subject')
  .max(1000)
  .regex(/^[^\x00-\x1f\x7f-\x9f\u2028\u2029]+$/, 'A subject has no control characters or line breaks')
  .describe('Subject name, e.g. orders-value');

export const subjectParams = clusterParams.extend({ subject: subjectName });
export const versionParams = subjectParams.extend({
  version: z
    .string()
    .regex(/^(?:latest|[1-9]\d{0,9})$/, 'A version number (1, 2, ...) or latest')
    .describe('Version number or latest'),
});

export const subjectListQuery = z.object({
  search: z.string().max(1000).optional().describe('Only subjects whose name contains this (case-insensitive)'),
  deleted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Include soft-deleted subjects'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const schemaReference = z.object({
  name: z.string().min(1).max(1000),
  subject: subjectName,
  version: z.number().int().min(1),
});

/** A schema to check or register: its text, type and references. */
export const schemaInput = z.object({
  schema: z
    .string()
    .min(1, 'Enter the schema')
    .max(1024 * 1024),
  schemaType: schemaType.default('AVRO'),
  references: z.array(schemaReference).max(100).default([]),
});

export const compatibilityBody = z.object({ compatibility: compatibilityLevel });

export const deleteSubjectBody = z.object({
  permanent: z.boolean().default(false).describe('Hard delete: the subject and its versions are removed for good (soft-deleted first)'),
  confirm: confirmField,
});

// --- responses -------------------------------------------------------------------------

export const registryInfo = z.object({
  url: z.string().describe("The registry's Confluent-compatible API (for the curl equivalents; credentials are never sent)"),
  auth: z.enum(['basic', 'bearer']).nullable().describe('How the console authenticates (the credentials stay on the server)'),
  username: z.string().nullable(),
  compatibility: compatibilityLevel.nullable().describe('The global compatibility level'),
});

export const subjectList = z.object({
  subjects: z.array(z.object({ name: z.string(), deleted: z.boolean() })),
  total: z.number().describe('Subjects matching the search'),
  truncated: z.boolean(),
});

export const schemaVersion = z.object({
  subject: z.string(),
  version: z.number(),
  id: z.number(),
  schemaType,
  schema: z.string(),
  references: z.array(schemaReference),
});

export const subjectDetail = z.object({
  subject: z.string(),
  versions: z.array(z.number()),
  compatibility: z.object({ level: compatibilityLevel.nullable(), global: z.boolean().describe('No level of its own: the global one applies') }),
  latest: schemaVersion,
});

export const compatibilityResult = z.object({
  compatible: z.boolean(),
  messages: z.array(z.string()).describe("The registry's reasons when not compatible"),
  level: compatibilityLevel.nullable(),
});

export const registerResult = z.object({ id: z.number(), version: z.number().nullable() });
export const deleteSubjectResult = z.object({ subject: z.string(), versions: z.array(z.number()), permanent: z.boolean() });
export const compatibilityChange = z.object({ subject: z.string().nullable(), before: compatibilityLevel.nullable(), after: compatibilityLevel });

export const topicSubjects = z.object({
  topic: z.string(),
  subjects: z.array(
    z.object({
      subject: z.string(),
      role: z.enum(['key', 'value']).nullable().describe('key or value when the subject is the topic-name one or records use it that way'),
      byTopicName: z.boolean().describe('Named <topic>-key / <topic>-value (TopicNameStrategy) and registered'),
      ids: z.array(z.number()).describe('Schema ids of the sampled records registered under this subject'),
    }),
  ),
  sampled: z.number().describe('Newest records looked at for schema ids'),
  unknownIds: z.array(z.number()).describe('Ids seen in records that no subject holds'),
});

export type TopicSubjects = z.infer<typeof topicSubjects>;
export type SubjectList = z.infer<typeof subjectList>;
export type SubjectDetail = z.infer<typeof subjectDetail>;
export type SchemaVersion = z.infer<typeof schemaVersion>;
export type RegistryInfo = z.infer<typeof registryInfo>;
export type CompatibilityResult = z.infer<typeof compatibilityResult>;
export type RegisterResult = z.infer<typeof registerResult>;
export type DeleteSubjectResult = z.infer<typeof deleteSubjectResult>;
export type CompatibilityChange = z.infer<typeof compatibilityChange>;
export type SchemaInput = z.infer<typeof schemaInput>;
export type CompatibilityLevel = z.infer<typeof compatibilityLevel>;
