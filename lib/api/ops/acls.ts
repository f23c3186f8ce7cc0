import { op } from '../operation';
import { clusterParams, groupParams, topicParams } from '@/lib/schemas/common';
import {
  aclList,
  aclListQuery,
  aclPreview,
  aclPreviewBody,
  createAclsBody,
  createAclsOutcome,
  deleteAclsBody,
  deleteAclsOutcome,
  deletePreview,
  deletePreviewBody,
  explainQuery,
  explanation,
  resourceAcls,
  type CreateAclsOutcome,
  type DeleteAclsOutcome,
} from '@/lib/schemas/acls';

const noAuthorizer = 'The cluster has no authorizer (SECURITY_DISABLED): it keeps no ACLs to change';
const kafkaRefused = "The console's Kafka principal may not describe or alter ACLs (it needs DESCRIBE or ALTER on the cluster)";

export const listAcls = op({
  id: 'listAcls',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/acls',
  tag: 'ACLs',
  summary:
    'ACL bindings matching a filter (DescribeAcls), sorted and paged on the server, with the equivalent kafka-acls --list; on a cluster without an authorizer, none and authorizer false',
  params: clusterParams,
  query: aclListQuery,
  response: aclList,
  errors: { 403: kafkaRefused },
});

export const previewAcls = op({
  id: 'previewAcls',
  permission: 'security:view',
  method: 'post',
  path: '/api/clusters/{cluster}/acls/preview',
  tag: 'ACLs',
  summary:
    'The bindings a wizard (producer, consumer, Kafka Streams, Connect worker) or a single binding would create, the kafka-acls commands, and which exist already. Changes nothing',
  params: clusterParams,
  body: aclPreviewBody,
  response: aclPreview,
  errors: { 403: kafkaRefused },
});

export const createAcls = op({
  id: 'createAcls',
  permission: 'acls:alter',
  method: 'post',
  path: '/api/clusters/{cluster}/acls',
  tag: 'ACLs',
  summary: 'Create ACL bindings (CreateAcls); each gets its own outcome',
  params: clusterParams,
  body: createAclsBody,
  mutates: true,
  audit: (r) => {
    const o = r as CreateAclsOutcome;
    return { resource: 'acls', after: o.created.filter((c) => c.error === null).map((c) => c.binding) };
  },
  response: createAclsOutcome,
  errors: { 403: kafkaRefused, 409: noAuthorizer },
});

export const previewDeleteAcls = op({
  id: 'previewDeleteAcls',
  permission: 'security:view',
  method: 'post',
  path: '/api/clusters/{cluster}/acls/delete-preview',
  tag: 'ACLs',
  summary: 'Exactly the bindings a delete with this filter would remove (a kafka-acls --remove filter often matches more than expected). Changes nothing',
  params: clusterParams,
  body: deletePreviewBody,
  response: deletePreview,
  errors: { 403: kafkaRefused, 409: noAuthorizer },
});

export const deleteAcls = op({
  id: 'deleteAcls',
  permission: 'acls:alter',
  method: 'delete',
  path: '/api/clusters/{cluster}/acls',
  tag: 'ACLs',
  summary: 'Delete exactly these bindings (each sent as an exact DeleteAcls filter, so nothing else can match); confirm with their count',
  params: clusterParams,
  body: deleteAclsBody,
  confirm: ({ body }) => String((body as { bindings?: unknown[] }).bindings?.length ?? 0),
  mutates: true,
  audit: (r) => {
    const o = r as DeleteAclsOutcome;
    return { resource: 'acls', before: o.deleted.filter((d) => d.deleted).map((d) => d.binding) };
  },
  response: deleteAclsOutcome,
  errors: { 403: kafkaRefused, 409: noAuthorizer },
});

export const explainAcl = op({
  id: 'explainAcl',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/acls/explain',
  tag: 'ACLs',
  summary:
    "Whether a principal connecting from a host may perform an operation on a resource, and which binding (or super-user rule, or absence of any allow) decides it, by the authorizer's rules",
  params: clusterParams,
  query: explainQuery,
  response: explanation,
  errors: { 403: kafkaRefused },
});

export const topicAcls = op({
  id: 'getTopicAcls',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/acls',
  tag: 'ACLs',
  summary: 'The bindings that apply to one topic: literal, wildcard and prefixed',
  params: topicParams,
  response: resourceAcls,
  errors: { 403: kafkaRefused },
});

export const groupAcls = op({
  id: 'getGroupAcls',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/groups/{group}/acls',
  tag: 'ACLs',
  summary: 'The bindings that apply to one consumer group: literal, wildcard and prefixed',
  params: groupParams,
  response: resourceAcls,
  errors: { 403: kafkaRefused },
});
