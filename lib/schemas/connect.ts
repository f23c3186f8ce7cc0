import { z } from 'zod';
import { clusterParams, confirmField, errorEnvelope } from './common';

/**
 * Kafka Connect: the connectors of the Connect clusters configured for a Kafka cluster, as
 * their workers' REST API reports them, and what the console sends to change them.
 */

export const connectClusterName = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, 'A Connect cluster name from the console config')
  .describe('Connect cluster name from the console configuration');
/** Connector names: anything a worker takes in a URL path segment, without control characters or slashes. */
export const connectorName = z
  .string()
  .min(1, 'Enter a connector name')
  .max(255, 'A connector name has at most 255 characters')
  .regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'No slashes or control characters')
  .regex(/^\S(?:.*\S)?$/, 'No leading or trailing spaces')
  .regex(/^(?!\.\.?$)/, 'A connector cannot be named "." or ".." (they are path segments)')
  .describe('Connector name');
export const pluginName = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)*$/, 'A connector class or its alias (letters, digits, "_", "$", dot-separated)')
  .describe('Connector plugin class or alias, e.g. FileStreamSink');

export const connectParams = clusterParams.extend({ connect: connectClusterName });
export const connectorParams = connectParams.extend({ connector: connectorName });
export const pluginParams = connectParams.extend({ plugin: pluginName });
export const taskParams = connectorParams.extend({ task: z.string().regex(/^\d{1,6}$/, 'A task id is a number') });

/** A connector config: string keys and values, as the workers store them. */
export const connectorConfig = z
  .record(z.string().min(1).max(500), z.string().max(65_536))
  .refine((c) => Object.keys(c).length <= 1000, 'At most 1000 config keys')
  .meta({ maxProperties: 1000 });
export type ConnectorConfig = z.infer<typeof connectorConfig>;

/** Why a Connect cluster gave no list: the error as the API would answer it (503 unreachable, 409 rebalancing). */
export const connectClusterState = z.object({
  name: z.string(),
  url: z.string(),
  status: z.enum(['ok', 'unreachable', 'rebalancing', 'error']),
  httpStatus: z.number().int().describe('200, or the status the API answers for this Connect cluster (503, 409, ...)'),
  error: errorEnvelope.shape.error.optional(),
});
export type ConnectClusterState = z.infer<typeof connectClusterState>;

export const connectorType = z.enum(['source', 'sink', 'unknown']);
export const connectorState = z.enum(['RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'UNASSIGNED', 'RESTARTING', 'UNKNOWN']);
export type ConnectorState = z.infer<typeof connectorState>;

export const connectorSummary = z.object({
  connect: z.string(),
  name: z.string(),
  type: connectorType,
  class: z.string(),
  state: connectorState,
  workerId: z.string().nullable(),
  tasks: z.object({ total: z.number().int(), running: z.number().int(), failed: z.number().int(), paused: z.number().int() }),
  topics: z.array(z.string()).describe('Topics named in the config (topics, topic, topics.regex is not expanded)'),
});
export type ConnectorSummary = z.infer<typeof connectorSummary>;

export const connectorListQuery = z.object({
  state: connectorState.optional(),
  type: connectorType.optional(),
});
export const connectorList = z.object({ connectClusters: z.array(connectClusterState), connectors: z.array(connectorSummary) });
export type ConnectorList = z.infer<typeof connectorList>;

export const taskStatus = z.object({
  id: z.number().int(),
  state: connectorState,
  workerId: z.string().nullable(),
  trace: z.string().nullable(),
});
export type TaskStatus = z.infer<typeof taskStatus>;

export const connectorOffset = z.object({
  partition: z.record(z.string(), z.unknown()),
  offset: z.record(z.string(), z.unknown()).nullable(),
});
export type ConnectorOffset = z.infer<typeof connectorOffset>;

export const connectorDetail = z.object({
  connect: z.string(),
  url: z.string(),
  name: z.string(),
  type: connectorType,
  class: z.string(),
  config: z.record(z.string(), z.string()).describe('Secrets (PASSWORD-type keys in the plugin definition) are masked'),
  secretKeys: z.array(z.string()),
  connector: z.object({ state: connectorState, workerId: z.string().nullable(), trace: z.string().nullable() }),
  tasks: z.array(taskStatus),
  topics: z.array(z.string()).describe('Topics the connector has used (GET /connectors/{name}/topics), or from its config when the worker does not track them'),
  offsets: z.array(connectorOffset).nullable(),
  offsetsError: z.string().nullable(),
});
export type ConnectorDetail = z.infer<typeof connectorDetail>;

export const pluginList = z.object({
  plugins: z.array(z.object({ class: z.string(), alias: z.string(), type: z.enum(['source', 'sink']), version: z.string().nullable() })),
});
export type PluginList = z.infer<typeof pluginList>;

export const configDefinition = z.object({
  name: z.string(),
  type: z.string().describe('BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD'),
  required: z.boolean(),
  default: z.string().nullable(),
  importance: z.string(),
  documentation: z.string(),
  group: z.string().nullable(),
  orderInGroup: z.number().int(),
  displayName: z.string(),
});
export type ConfigDefinition = z.infer<typeof configDefinition>;
export const pluginConfig = z.object({ plugin: z.string(), definitions: z.array(configDefinition) });
export type PluginConfig = z.infer<typeof pluginConfig>;

export const validateBody = z.object({ config: connectorConfig });
export const validation = z.object({
  valid: z.boolean(),
  errorCount: z.number().int(),
  /** Field name → the worker's messages for it. */
  errors: z.record(z.string(), z.array(z.string())),
});
export type Validation = z.infer<typeof validation>;

export const createConnectorBody = z.object({ name: connectorName, config: connectorConfig });
export type CreateConnectorBody = z.infer<typeof createConnectorBody>;
export const updateConfigBody = z.object({ config: connectorConfig });

/** The masked value the API shows for a secret; sent back unchanged, it keeps the stored value. */
export const SECRET_MASK = '********';

export const connectorAction = z.enum(['pause', 'resume', 'stop', 'restart']);
export type ConnectorAction = z.infer<typeof connectorAction>;
export const actionBody = z.object({
  action: connectorAction,
  /** restart only: the tasks too (KIP-745) */
  includeTasks: z.boolean().default(false),
  /** restart only: only what has FAILED */
  onlyFailed: z.boolean().default(false),
});
export type ActionBody = z.infer<typeof actionBody>;

export const connectorChange = z.object({
  connect: z.string(),
  name: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  message: z.string().nullable(),
});
export type ConnectorChange = z.infer<typeof connectorChange>;

export const alterOffsetsBody = z.object({ offsets: z.array(connectorOffset).min(1).max(10_000) });
export const resetOffsetsBody = z.object({ confirm: confirmField });
export const deleteConnectorBody = z.object({ confirm: confirmField });

export const topicConnectors = z.object({
  connectClusters: z.array(connectClusterState),
  connectors: z.array(connectorSummary.extend({ role: z.enum(['reads', 'writes', 'uses']) })),
});
export type TopicConnectors = z.infer<typeof topicConnectors>;
