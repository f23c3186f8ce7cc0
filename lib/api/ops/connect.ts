import { z } from 'zod';
import { op } from '../operation';
import { clusterParams, topicParams } from '@/lib/schemas/common';
import {
  actionBody,
  alterOffsetsBody,
  connectorChange,
  connectorDetail,
  connectorList,
  connectorListQuery,
  connectorParams,
  connectParams,
  createConnectorBody,
  deleteConnectorBody,
  pluginConfig,
  pluginList,
  pluginParams,
  resetOffsetsBody,
  taskParams,
  topicConnectors,
  updateConfigBody,
  validateBody,
  validation,
  type ConnectorChange,
} from '@/lib/schemas/connect';

const tag = 'Kafka Connect';
const unreachable = { 503: 'The Connect cluster cannot be reached (details.url, details.problem)', 409: 'The Connect cluster is rebalancing' };
const changeAudit = (what: string) => (r: unknown) => {
  const o = r as ConnectorChange;
  return { resource: `${what} ${o.connect}/${o.name}`, before: o.before, after: o.after };
};

export const listConnectors = op({
  id: 'listConnectors',
  permission: 'connect:view',
  method: 'get',
  path: '/api/clusters/{cluster}/connect',
  tag,
  summary:
    'Connectors of every Connect cluster of the Kafka cluster (one GET /connectors?expand=status&expand=info each); a Connect cluster that fails is listed with its error, the others still answer',
  params: clusterParams,
  query: connectorListQuery,
  response: connectorList,
});

export const listConnectPlugins = op({
  id: 'listConnectPlugins',
  permission: 'connect:view',
  method: 'get',
  path: '/api/clusters/{cluster}/connect/{connect}/plugins',
  tag,
  summary: 'Source and sink connector plugins installed on the Connect cluster',
  params: connectParams,
  response: pluginList,
  errors: unreachable,
});

export const getConnectPluginConfig = op({
  id: 'getConnectPluginConfig',
  permission: 'connect:view',
  method: 'get',
  path: '/api/clusters/{cluster}/connect/{connect}/plugins/{plugin}/config',
  tag,
  summary: "A plugin's config definition (GET /connector-plugins/{plugin}/config), which the create form is generated from",
  params: pluginParams,
  response: pluginConfig,
  errors: { 404: 'No such plugin on this Connect cluster', ...unreachable },
});

export const validateConnectorConfig = op({
  id: 'validateConnectorConfig',
  permission: 'connect:write',
  method: 'put',
  path: '/api/clusters/{cluster}/connect/{connect}/plugins/{plugin}/validate',
  tag,
  summary: "The worker's own validation of a connector config (PUT /connector-plugins/{plugin}/config/validate); changes nothing",
  params: pluginParams,
  body: validateBody,
  response: validation,
  errors: { 404: 'No such plugin on this Connect cluster', ...unreachable },
});

export const createConnector = op({
  id: 'createConnector',
  permission: 'connect:write',
  method: 'post',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors',
  tag,
  summary: "Create a connector, after the worker's validation passes",
  params: connectParams,
  body: createConnectorBody,
  mutates: true,
  audit: changeAudit('connector'),
  response: connectorChange,
  successStatus: 201,
  errors: {
    409: 'A connector of that name exists, or the Connect cluster is rebalancing',
    422: "The worker's validation errors, by field (field, details.errors)",
  },
});

export const getConnector = op({
  id: 'getConnector',
  permission: 'connect:view',
  method: 'get',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}',
  tag,
  summary: 'A connector: config (secrets masked), status of it and its tasks with their workers and traces, topics, offsets',
  params: connectorParams,
  response: connectorDetail,
  errors: { 404: 'No such connector', ...unreachable },
});

export const updateConnectorConfig = op({
  id: 'updateConnectorConfig',
  permission: 'connect:write',
  method: 'put',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}/config',
  tag,
  summary: "Replace a connector's config, after the worker's validation passes; a masked secret sent back keeps its stored value",
  params: connectorParams,
  body: updateConfigBody,
  mutates: true,
  audit: changeAudit('connector config'),
  response: connectorChange,
  errors: { 422: "The worker's validation errors, by field", ...unreachable },
});

export const restartConnectorTask = op({
  id: 'restartConnectorTask',
  permission: 'connect:operate',
  method: 'post',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}/tasks/{task}/restart',
  tag,
  summary: 'Restart one task of a connector',
  params: taskParams,
  body: z.object({}).strict().describe('Nothing to send: an empty JSON object (changes are JSON requests)'),
  mutates: true,
  audit: changeAudit('connector task'),
  response: connectorChange,
  errors: { 404: 'No such connector or task', ...unreachable },
});

export const connectorAction = op({
  id: 'connectorAction',
  permission: 'connect:operate',
  method: 'post',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}/actions',
  tag,
  summary: 'Pause, resume, stop, or restart a connector (optionally with its tasks, or only what failed)',
  params: connectorParams,
  body: actionBody,
  mutates: true,
  audit: (r, { body }) => {
    const o = r as ConnectorChange;
    return { resource: `connector ${o.connect}/${o.name}`, before: o.before, after: body };
  },
  response: connectorChange,
  errors: { 404: 'No such connector', ...unreachable },
});

export const alterConnectorOffsets = op({
  id: 'alterConnectorOffsets',
  permission: 'connect:offsets',
  method: 'patch',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}/offsets',
  tag,
  summary: "Alter a stopped connector's offsets (KIP-875, PATCH /connectors/{name}/offsets)",
  params: connectorParams,
  body: alterOffsetsBody,
  mutates: true,
  audit: changeAudit('connector offsets'),
  response: connectorChange,
  errors: { 409: 'The connector is not STOPPED, or the Connect cluster is rebalancing', 422: 'Offsets the connector refuses' },
});

export const resetConnectorOffsets = op({
  id: 'resetConnectorOffsets',
  permission: 'connect:offsets',
  method: 'delete',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}/offsets',
  tag,
  summary: "Reset a stopped connector's offsets (KIP-875, DELETE /connectors/{name}/offsets); the body confirms with its name",
  params: connectorParams,
  body: resetOffsetsBody,
  confirm: ({ params }) => String(params.connector),
  mutates: true,
  audit: changeAudit('connector offsets'),
  response: connectorChange,
  errors: { 409: 'The connector is not STOPPED, or the Connect cluster is rebalancing' },
});

export const deleteConnector = op({
  id: 'deleteConnector',
  permission: 'connect:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/connect/{connect}/connectors/{connector}',
  tag,
  summary: "Delete a connector; the body confirms with the connector's name",
  params: connectorParams,
  body: deleteConnectorBody,
  confirm: ({ params }) => String(params.connector),
  mutates: true,
  audit: changeAudit('connector'),
  response: connectorChange,
  errors: { 404: 'No such connector', ...unreachable },
});

export const getTopicConnectors = op({
  id: 'getTopicConnectors',
  permission: 'connect:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/connectors',
  tag,
  summary: 'The connectors that read or write a topic (by their config and the topics their workers saw them use)',
  params: topicParams,
  response: topicConnectors,
});
