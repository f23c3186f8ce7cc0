import { z } from 'zod';

/** Response shapes of the config operations (topics and brokers), for the OpenAPI document. */
export const configEntry = z.object({
  name: z.string(),
  value: z.string().nullable().describe('null for sensitive configs: their values never leave the server'),
  source: z.enum(['unknown', 'topic', 'broker_dynamic', 'broker_dynamic_default', 'broker_static', 'default', 'broker_logger', 'client_metrics', 'group']),
  isOverride: z.boolean(),
  sensitive: z.boolean(),
  readOnly: z.boolean(),
  type: z.string(),
  documentation: z.string().nullable(),
  defaultValue: z.string().nullable(),
  defaultSource: z.string().nullable(),
  synonyms: z.array(z.object({ name: z.string(), value: z.string().nullable(), source: z.string() })),
});

export const resourceConfigs = z.object({ resource: z.object({ type: z.enum(['topic', 'broker']), name: z.string() }), configs: z.array(configEntry) });

export const alterConfigOutcome = z.object({
  resource: z.object({ type: z.enum(['topic', 'broker']), name: z.string() }),
  name: z.string(),
  op: z.enum(['set', 'delete']),
  validateOnly: z.boolean(),
  config: configEntry.nullable(),
  previous: z
    .object({ value: z.string().nullable(), isOverride: z.boolean(), sensitive: z.boolean() })
    .nullable()
    .describe('The config before the change (null value when sensitive): what an undo restores'),
});
