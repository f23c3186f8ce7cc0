import { z } from 'zod';
import { confirmField } from './common';

/** Topic and broker configs: the name and value the API takes, and the entries and outcomes it answers. */

export const configName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Config names are made of letters, digits, ".", "_" and "-"')
  .describe('Config name, e.g. retention.ms');

export const setConfigBody = z.object({
  value: z.string().max(10_000).describe('New value'),
  validateOnly: z.boolean().default(false).describe('Only ask Kafka to validate; change nothing'),
  confirm: confirmField.optional().describe('Broker configs, and topic configs about listeners, security or quotas: the broker id or topic name'),
});
export type SetConfigInput = z.input<typeof setConfigBody>;

/** Where a config value comes from, indexed by Kafka's ConfigSource id (DescribeConfigs v1+). */
export const CONFIG_SOURCES = [
  'unknown',
  'topic',
  'broker_dynamic',
  'broker_dynamic_default',
  'broker_static',
  'default',
  'broker_logger',
  'client_metrics',
  'group',
] as const;
export type ConfigSource = (typeof CONFIG_SOURCES)[number];

export const configEntry = z.object({
  name: z.string(),
  value: z.string().nullable().describe('null for sensitive configs: their values never leave the server'),
  source: z.enum(CONFIG_SOURCES),
  isOverride: z.boolean().describe("Set on the resource itself: a topic override, or a broker's own dynamic config"),
  sensitive: z.boolean(),
  readOnly: z.boolean(),
  type: z.string(),
  documentation: z.string().nullable(),
  defaultValue: z.string().nullable().describe('The value this config falls back to when the override is removed (null when sensitive or none)'),
  defaultSource: z.string().nullable(),
  synonyms: z.array(z.object({ name: z.string(), value: z.string().nullable(), source: z.string() })),
});

const configResource = z.object({ type: z.enum(['topic', 'broker']), name: z.string() });
export type ConfigResourceType = z.infer<typeof configResource>['type'];

export const resourceConfigs = z.object({ resource: configResource, configs: z.array(configEntry) });

/** A config's state as an undo restores and checks it. */
export const configState = z.object({ value: z.string().nullable(), isOverride: z.boolean(), sensitive: z.boolean() });

export const alterConfigOutcome = z.object({
  resource: configResource,
  name: z.string(),
  op: z.enum(['set', 'delete']),
  validateOnly: z.boolean(),
  config: configEntry.nullable().describe('The config as Kafka reports it after the change (or before, when only validated)'),
  previous: configState.nullable().describe('The config before the change (null value when sensitive): what an undo restores'),
});

export type ConfigEntry = z.infer<typeof configEntry>;
export type ResourceConfigs = z.infer<typeof resourceConfigs>;
export type ConfigState = z.infer<typeof configState>;
export type AlterConfigOutcome = z.infer<typeof alterConfigOutcome>;
