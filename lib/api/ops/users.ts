import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import { changePasswordBody, createUserBody, deleteUserBody, scramUserList, scramUserOutcome, userParams, type ScramUserOutcome } from '@/lib/schemas/users';

const userAudit = (r: unknown) => {
  const o = r as ScramUserOutcome;
  return { resource: `user ${o.user}`, after: { credentials: o.credentials } };
};

export const listScramUsers = op({
  id: 'listScramUsers',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/users',
  tag: 'SCRAM users',
  summary: 'Every user with SCRAM credentials: mechanisms and iterations (DescribeUserScramCredentials); never a password or salt',
  params: clusterParams,
  response: scramUserList,
  errors: { 403: "The console's Kafka principal may not describe the cluster" },
});

export const createScramUser = op({
  id: 'createScramUser',
  permission: 'users:alter',
  method: 'post',
  path: '/api/clusters/{cluster}/users',
  tag: 'SCRAM users',
  summary: 'Create a SCRAM credential (AlterUserScramCredentials; the salted password is computed on the server, the password is never logged or returned)',
  params: clusterParams,
  body: createUserBody,
  mutates: true,
  audit: userAudit,
  response: scramUserOutcome,
  errors: { 409: 'The user already has a credential for that mechanism', 422: 'Kafka refused it (iterations, mechanism)' },
});

export const changeScramPassword = op({
  id: 'changeScramPassword',
  permission: 'users:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/users/{user}',
  tag: 'SCRAM users',
  summary: "Change a SCRAM user's password for one mechanism",
  params: userParams,
  body: changePasswordBody,
  mutates: true,
  audit: userAudit,
  response: scramUserOutcome,
  errors: { 404: 'The user has no credential for that mechanism' },
});

export const deleteScramUser = op({
  id: 'deleteScramUser',
  permission: 'users:alter',
  method: 'delete',
  path: '/api/clusters/{cluster}/users/{user}',
  tag: 'SCRAM users',
  summary: "Delete a user's SCRAM credential for one mechanism; confirm with the user's name",
  params: userParams,
  body: deleteUserBody,
  confirm: ({ params }) => String(params.user),
  mutates: true,
  audit: userAudit,
  response: scramUserOutcome,
  errors: { 404: 'The user has no credential for that mechanism' },
});
