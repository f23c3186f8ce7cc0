import { op } from '../operation';
import { configAudit, touchesSecurity } from './audit-state';
import { clusterParams, confirmBody, topicParams } from '@/lib/schemas/common';
import { alterConfigOutcome, configName, resourceConfigs, setConfigBody } from '@/lib/schemas/configs';
import {
  addPartitionsBody,
  addPartitionsOutcome,
  createTopicBody,
  createTopicOutcome,
  deletedTopic,
  listTopicsQuery,
  topicList,
  type AddPartitionsOutcome,
  type CreateTopicOutcome,
  type DeletedTopic,
} from '@/lib/schemas/topics';

const topicConfigParams = topicParams.extend({ name: configName });

export const listTopics = op({
  id: 'listTopics',
  permission: 'topics:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics',
  tag: 'Topics',
  summary: 'Topics with partition, replication and health counts; message counts and sizes for the page returned',
  params: clusterParams,
  query: listTopicsQuery,
  response: topicList,
  errors: { 404: 'No such cluster configured', 503: 'Kafka cannot be reached' },
});

export const createTopic = op({
  id: 'createTopic',
  permission: 'topics:create',
  method: 'post',
  path: '/api/clusters/{cluster}/topics',
  tag: 'Topics',
  summary: 'Create a topic (Kafka validates first; validateOnly creates nothing)',
  params: clusterParams,
  body: createTopicBody,
  successStatus: 201,
  mutates: true,
  scope: ({ body }) => ({ topic: (body as { name?: string } | undefined)?.name }),
  audit: (r) => ({ resource: (r as CreateTopicOutcome).name, after: r }),
  response: createTopicOutcome,
  errors: {
    409: 'The topic exists, or its name collides with one ("." vs "_")',
    422: "Invalid name, partitions, replication factor (above the broker count) or config; Kafka's reason is in the message and field names the input",
    503: 'Kafka cannot be reached',
  },
});

export const getTopic = op({
  id: 'getTopic',
  permission: 'topics:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}',
  tag: 'Topics',
  summary: 'Partitions with leader, replicas, ISR, offline replicas and offsets; per-broker leader and replica counts',
  params: topicParams,
  errors: { 404: 'No such topic or cluster', 503: 'Kafka cannot be reached' },
});

export const deleteTopic = op({
  id: 'deleteTopic',
  permission: 'topics:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/topics/{topic}',
  tag: 'Topics',
  summary: "Delete a topic and all its records; the body confirms with the topic's name",
  params: topicParams,
  body: confirmBody,
  confirm: ({ params }) => String(params.topic),
  mutates: true,
  audit: (r) => ({ before: (r as DeletedTopic).before }),
  response: deletedTopic,
  errors: { 404: 'No such topic', 409: 'The cluster forbids deleting topics (delete.topic.enable=false)', 503: 'Kafka cannot be reached' },
});

export const addPartitions = op({
  id: 'addPartitions',
  permission: 'topics:alter',
  method: 'post',
  path: '/api/clusters/{cluster}/topics/{topic}/partitions',
  tag: 'Topics',
  summary: 'Grow a topic to `count` partitions (never fewer); keyed records map to other partitions afterwards',
  params: topicParams,
  body: addPartitionsBody,
  mutates: true,
  audit: (r) => ({ before: { partitions: (r as AddPartitionsOutcome).from }, after: { partitions: (r as AddPartitionsOutcome).to } }),
  response: addPartitionsOutcome,
  errors: { 404: 'No such topic', 422: 'A decrease, the same count, or a count Kafka refuses' },
});

export const getTopicConfigs = op({
  id: 'getTopicConfigs',
  permission: 'topics:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/configs',
  tag: 'Configs',
  summary: 'Every config of a topic: value (sensitive ones masked), source, read-only, type, documentation, the default an override hides',
  params: topicParams,
  response: resourceConfigs,
  errors: { 404: 'No such topic', 503: 'Kafka cannot be reached' },
});

export const setTopicConfig = op({
  id: 'setTopicConfig',
  permission: 'topics:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/topics/{topic}/configs/{name}',
  tag: 'Configs',
  summary: 'Set one topic config (IncrementalAlterConfigs: every other override stays as it is); validated by Kafka first, read back after',
  params: topicConfigParams,
  body: setConfigBody,
  mutates: true,
  confirm: ({ params }) => (touchesSecurity(String(params.name)) ? String(params.topic) : null),
  audit: configAudit,
  response: alterConfigOutcome,
  errors: { 404: 'No such topic', 422: "Unknown config, invalid value or read-only config; Kafka's reason in the message" },
});

export const deleteTopicConfig = op({
  id: 'deleteTopicConfig',
  permission: 'topics:alter',
  method: 'delete',
  path: '/api/clusters/{cluster}/topics/{topic}/configs/{name}',
  tag: 'Configs',
  summary: 'Remove one topic override so the config falls back to its broker or default value; every other override stays',
  params: topicConfigParams,
  body: confirmBody.partial(),
  confirm: ({ params }) => (touchesSecurity(String(params.name)) ? String(params.topic) : null),
  mutates: true,
  audit: configAudit,
  response: alterConfigOutcome,
  errors: { 404: 'No such topic or config', 409: 'The config is not overridden on this topic' },
});
