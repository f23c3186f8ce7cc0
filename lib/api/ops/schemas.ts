import { op } from '../operation';
import { clusterParams, topicParams } from '@/lib/schemas/common';
import {
  compatibilityBody,
  compatibilityChange,
  compatibilityResult,
  deleteSubjectBody,
  deleteSubjectResult,
  registerResult,
  registryInfo,
  schemaInput,
  schemaVersion,
  subjectDetail,
  subjectList,
  subjectListQuery,
  subjectParams,
  topicSubjects,
  versionParams,
  type CompatibilityChange,
  type DeleteSubjectResult,
  type RegisterResult,
} from '@/lib/schemas/schema-registry';

/** The cluster's schema registry (any with the Confluent-compatible API): subjects, versions, compatibility. */

const noRegistry = 'No such cluster, no schema registry configured for it, or no such subject or version';
const down = 'The schema registry cannot be reached';

export const getSchemaRegistry = op({
  id: 'getSchemaRegistry',
  permission: 'schemas:view',
  method: 'get',
  path: '/api/clusters/{cluster}/schemas',
  tag: 'Schemas',
  summary: 'The registry the cluster uses (its URL, how the console signs in, never the credentials) and the global compatibility level',
  params: clusterParams,
  response: registryInfo,
  errors: { 404: noRegistry, 503: down },
});

export const setGlobalCompatibility = op({
  id: 'setGlobalCompatibility',
  permission: 'schemas:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/schemas/config',
  tag: 'Schemas',
  summary: 'Set the global compatibility level (PUT /config)',
  params: clusterParams,
  body: compatibilityBody,
  mutates: true,
  audit: (r) => {
    const o = r as CompatibilityChange;
    return { resource: 'schema registry global compatibility', before: o.before, after: o.after };
  },
  response: compatibilityChange,
  errors: { 404: noRegistry, 503: down },
});

export const listSubjects = op({
  id: 'listSubjects',
  permission: 'schemas:view',
  method: 'get',
  path: '/api/clusters/{cluster}/schemas/subjects',
  tag: 'Schemas',
  summary: 'Subjects, searched by name (GET /subjects)',
  params: clusterParams,
  query: subjectListQuery,
  response: subjectList,
  errors: { 404: noRegistry, 503: down },
});

export const getSubject = op({
  id: 'getSubject',
  permission: 'schemas:view',
  method: 'get',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}',
  tag: 'Schemas',
  summary: "A subject's versions, its compatibility level and its latest schema",
  params: subjectParams,
  response: subjectDetail,
  errors: { 404: noRegistry, 503: down },
});

export const getSchemaVersion = op({
  id: 'getSchemaVersion',
  permission: 'schemas:view',
  method: 'get',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}/versions/{version}',
  tag: 'Schemas',
  summary: 'One version of a subject: its schema text, type, id and references',
  params: versionParams,
  response: schemaVersion,
  errors: { 404: noRegistry, 503: down },
});

export const checkSchemaCompatibility = op({
  id: 'checkSchemaCompatibility',
  permission: 'schemas:view',
  method: 'post',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}/compatibility',
  tag: 'Schemas',
  summary: "Check a schema against the subject's latest version under its compatibility level, without registering it",
  params: subjectParams,
  body: schemaInput,
  response: compatibilityResult,
  errors: { 404: noRegistry, 422: 'The schema text is not a valid schema of its type', 503: down },
});

export const registerSchema = op({
  id: 'registerSchema',
  permission: 'schemas:alter',
  method: 'post',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}/versions',
  tag: 'Schemas',
  summary: 'Register a schema under a subject (a new version unless the same schema is there already)',
  params: subjectParams,
  body: schemaInput,
  mutates: true,
  audit: (r, { params }) => ({ resource: `subject ${String(params.subject)}`, after: r as RegisterResult }),
  response: registerResult,
  errors: { 404: noRegistry, 409: "Incompatible with the subject's compatibility level: the registry's reason", 422: 'Not a valid schema', 503: down },
});

export const setSubjectCompatibility = op({
  id: 'setSubjectCompatibility',
  permission: 'schemas:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}/config',
  tag: 'Schemas',
  summary: "Set a subject's own compatibility level (PUT /config/{subject})",
  params: subjectParams,
  body: compatibilityBody,
  mutates: true,
  audit: (r, { params }) => {
    const o = r as CompatibilityChange;
    return { resource: `subject ${String(params.subject)} compatibility`, before: o.before, after: o.after };
  },
  response: compatibilityChange,
  errors: { 404: noRegistry, 503: down },
});

export const deleteSubject = op({
  id: 'deleteSubject',
  permission: 'schemas:delete',
  method: 'delete',
  path: '/api/clusters/{cluster}/schemas/subjects/{subject}',
  tag: 'Schemas',
  summary: 'Soft-delete a subject (its versions kept, hidden), or with permanent=true remove it for good; the body confirms with the subject name',
  params: subjectParams,
  body: deleteSubjectBody,
  confirm: ({ params }) => String(params.subject),
  mutates: true,
  audit: (r, { params }) => ({ resource: `subject ${String(params.subject)}`, before: { versions: (r as DeleteSubjectResult).versions } }),
  response: deleteSubjectResult,
  errors: { 404: noRegistry, 503: down },
});

export const getTopicSubjects = op({
  id: 'getTopicSubjects',
  permission: 'schemas:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/schemas',
  tag: 'Schemas',
  summary: "The subjects a topic's records use: <topic>-key and <topic>-value when registered, and the subjects of the schema ids in its newest records",
  params: topicParams,
  response: topicSubjects,
  errors: { 404: noRegistry, 503: down },
});
