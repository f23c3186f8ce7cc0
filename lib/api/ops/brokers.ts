import { op } from '../operation';
import { configAudit } from './audit-state';
import { brokerParams, confirmBody } from '@/lib/schemas/common';
import { alterConfigOutcome, configName, resourceConfigs, setConfigBody } from '@/lib/schemas/configs';

export const getBrokerConfigs = op({
  id: 'getBrokerConfigs',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/brokers/{broker}/configs',
  tag: 'Brokers',
  summary: 'Every config of one broker, asked of that broker: value (sensitive ones masked), source, read-only, type, documentation',
  params: brokerParams,
  response: resourceConfigs,
  errors: { 404: 'No such broker (or it is down)', 503: 'Kafka cannot be reached' },
});

export const setBrokerConfig = op({
  id: 'setBrokerConfig',
  permission: 'brokers:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/brokers/{broker}/configs/{name}',
  tag: 'Brokers',
  summary: 'Set one dynamic config on one broker (IncrementalAlterConfigs; other configs stay as they are)',
  params: brokerParams.extend({ name: configName }),
  body: setConfigBody,
  confirm: ({ params }) => String(params.broker),
  mutates: true,
  audit: configAudit,
  response: alterConfigOutcome,
  errors: { 404: 'No such broker', 422: "Unknown config, a config that cannot be changed dynamically, or an invalid value; Kafka's reason in the message" },
});

export const deleteBrokerConfig = op({
  id: 'deleteBrokerConfig',
  permission: 'brokers:alter',
  method: 'delete',
  path: '/api/clusters/{cluster}/brokers/{broker}/configs/{name}',
  tag: 'Brokers',
  summary: "Remove one broker's dynamic config so it falls back to its static or default value",
  params: brokerParams.extend({ name: configName }),
  body: confirmBody,
  confirm: ({ params }) => String(params.broker),
  mutates: true,
  audit: configAudit,
  response: alterConfigOutcome,
  errors: { 404: 'No such broker or config', 409: 'The config is not set dynamically on this broker' },
});
