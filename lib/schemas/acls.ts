import { z } from 'zod';

/**
 * ACL bindings as the API speaks them (what `kafka-acls` lists): a resource pattern and an
 * access entry. Wire codes live in lib/acl/codes.ts.
 */
export const ACL_RESOURCE_TYPES = ['topic', 'group', 'cluster', 'transactionalId', 'delegationToken', 'user'] as const;
export const ACL_PATTERN_TYPES = ['literal', 'prefixed'] as const;
export const ACL_OPERATIONS = [
  'all',
  'read',
  'write',
  'create',
  'delete',
  'alter',
  'describe',
  'clusterAction',
  'describeConfigs',
  'alterConfigs',
  'idempotentWrite',
  'createTokens',
  'describeTokens',
  'twoPhaseCommit',
] as const;
export const ACL_PERMISSIONS = ['allow', 'deny'] as const;

export const aclResourceType = z.enum(ACL_RESOURCE_TYPES);
export const aclPatternType = z.enum(ACL_PATTERN_TYPES);
export const aclOperation = z.enum(ACL_OPERATIONS);
export const aclPermission = z.enum(ACL_PERMISSIONS);

/** "User:alice", "User:*", "Group:ops": a principal type and a name. */
export const aclPrincipal = z
  .string()
  .max(512)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*:[^\s\u0000-\u001f]+$/, 'A principal is TYPE:NAME, e.g. User:alice (User:* for everyone)')
  .describe('Principal, e.g. User:alice');
/** "*" or an IP address, as Kafka's authorizer compares them. */
export const aclHost = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(\*|[0-9A-Fa-f:.]+)$/, 'A host is * or an IP address')
  .default('*')
  .describe('Host the principal connects from: * for any');
const resourceName = z
  .string()
  .min(1, 'Enter a resource name')
  .max(512)
  .regex(/^[^\u0000-\u001f]+$/, 'No control characters')
  .describe('Resource name (kafka-cluster for the cluster, * for every resource of the type)');

/** The two rules below, for the JSON Schema too (zod's refinements do not reach it). */
/** JSON Schema's if/then for one rule, built so no object literal has a `then` property (a thenable look-alike). */
function when(ifSchema: object, thenSchema: object): object {
  return Object.fromEntries([
    ['if', ifSchema],
    ['then', thenSchema],
  ]);
}

/** The two rules below, for the JSON Schema too (zod's refinements do not reach it). */
const bindingRules = {
  allOf: [
    when({ properties: { resourceType: { const: 'cluster' } }, required: ['resourceType'] }, { properties: { resourceName: { const: 'kafka-cluster' } } }),
    when({ properties: { patternType: { const: 'prefixed' } }, required: ['patternType'] }, { properties: { resourceName: { not: { const: '*' } } } }),
  ],
};

export const aclBinding = z
  .object({
    resourceType: aclResourceType,
    resourceName,
    patternType: aclPatternType,
    principal: aclPrincipal,
    host: aclHost,
    operation: aclOperation,
    permission: aclPermission,
  })
  .strict()
  .meta(bindingRules)
  .superRefine((b, ctx) => {
    if (b.resourceType === 'cluster' && b.resourceName !== 'kafka-cluster')
      ctx.addIssue({ code: 'custom', path: ['resourceName'], message: 'The cluster resource is named kafka-cluster' });
    if (b.patternType === 'prefixed' && b.resourceName === '*')
      ctx.addIssue({ code: 'custom', path: ['patternType'], message: 'A prefixed pattern cannot be "*": use literal "*" for every resource' });
  });
export type AclBinding = z.infer<typeof aclBinding>;

export const MAX_BINDINGS_PER_REQUEST = 200;
/** The explainer's list of bindings it looked at is cut here (the decision uses them all). */
export const MAX_CONSIDERED = 500;
export const aclBindings = z.array(aclBinding).min(1).max(MAX_BINDINGS_PER_REQUEST);

/** What to list or delete: unset fields match anything; `match` patterns find every binding that applies to a name. */
export const aclFilter = z
  .object({
    principal: aclPrincipal.optional(),
    host: z
      .string()
      .regex(/^(\*|[0-9A-Fa-f:.]+)$/)
      .optional(),
    resourceType: aclResourceType.optional(),
    resourceName: resourceName.optional(),
    patternType: z.enum(['literal', 'prefixed', 'match', 'any']).default('any'),
    operation: aclOperation.optional(),
    permission: aclPermission.optional(),
  })
  .strict();
export type AclFilter = z.infer<typeof aclFilter>;

export const aclListQuery = aclFilter.extend({
  sort: z.enum(['principal', 'resource', 'operation', 'permission']).default('resource'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AclListQuery = z.infer<typeof aclListQuery>;

export const aclList = z.object({
  bindings: z.array(aclBinding),
  total: z.number().describe('Bindings matching the filter, before paging'),
  offset: z.number(),
  limit: z.number(),
  /** The equivalent kafka-acls command for the filter. */
  command: z.string(),
  authorizer: z.boolean().describe('False when the cluster has no authorizer: it keeps no ACLs, and every client may do everything'),
});
export type AclList = z.infer<typeof aclList>;

// --- wizards ---------------------------------------------------------------------------------

const nameList = z.array(resourceName).max(50);
export const aclWizard = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), binding: aclBinding }).strict(),
  z
    .object({
      kind: z.literal('producer'),
      principal: aclPrincipal,
      host: aclHost,
      topic: resourceName,
      prefixed: z.boolean().default(false),
      transactionalId: resourceName.optional(),
      idempotent: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('consumer'),
      principal: aclPrincipal,
      host: aclHost,
      topic: resourceName,
      prefixed: z.boolean().default(false),
      group: resourceName,
      groupPrefixed: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('streams'),
      principal: aclPrincipal,
      host: aclHost,
      applicationId: resourceName,
      inputTopics: nameList.default([]),
      outputTopics: nameList.default([]),
      exactlyOnce: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('connect'),
      principal: aclPrincipal,
      host: aclHost,
      groupId: resourceName,
      configTopic: resourceName,
      offsetTopic: resourceName,
      statusTopic: resourceName,
      sourceTopics: nameList.default([]),
      sinkTopics: nameList.default([]),
    })
    .strict(),
]);
export type AclWizard = z.infer<typeof aclWizard>;

export const aclPreviewBody = z.object({ wizard: aclWizard }).strict();
export const aclPreview = z.object({
  bindings: z.array(aclBinding),
  commands: z.array(z.string()).describe('The equivalent kafka-acls commands'),
  existing: z.array(aclBinding).describe('Bindings of the preview that the cluster already has'),
  authorizer: z.boolean().describe('False when the cluster has no authorizer: creating them would be refused'),
});
export type AclPreview = z.infer<typeof aclPreview>;

export const createAclsBody = z.object({ bindings: aclBindings }).strict();
export const createAclsOutcome = z.object({
  created: z.array(z.object({ binding: aclBinding, error: z.string().nullable() })),
  command: z.string(),
});
export type CreateAclsOutcome = z.infer<typeof createAclsOutcome>;

export const deletePreviewBody = z.object({ filter: aclFilter }).strict();
export const deletePreview = z.object({
  matched: z
    .array(aclBinding)
    .describe(`Exactly the bindings a kafka-acls --remove with this filter would delete (the first ${MAX_BINDINGS_PER_REQUEST} when it matches more)`),
  total: z.number().describe(`How many it matches; more than ${MAX_BINDINGS_PER_REQUEST} cannot be deleted in one request: narrow the filter`),
  command: z.string(),
});
export type DeletePreview = z.infer<typeof deletePreview>;

export const deleteAclsBody = z
  .object({
    bindings: aclBindings,
    confirm: z.string().max(10).describe('The number of bindings to delete, as typed by the user'),
  })
  .strict();
export const deleteAclsOutcome = z.object({
  deleted: z.array(z.object({ binding: aclBinding, deleted: z.boolean(), error: z.string().nullable() })),
  command: z.string(),
});
export type DeleteAclsOutcome = z.infer<typeof deleteAclsOutcome>;

// --- the explainer ---------------------------------------------------------------------------

export const explainQuery = z
  .object({
    principal: aclPrincipal,
    host: z
      .string()
      .regex(/^[0-9A-Fa-f:.]+$/, 'The IP address the principal connects from')
      .default('127.0.0.1'),
    operation: aclOperation.exclude(['all']),
    resourceType: aclResourceType,
    resourceName,
  })
  .strict();
export type ExplainQuestion = z.infer<typeof explainQuery>;

export const EXPLAIN_RULES = ['superUser', 'deny', 'allow', 'noAclsAllowEveryone', 'noAllow', 'noAuthorizer'] as const;
export const explanation = z.object({
  allowed: z.boolean(),
  rule: z.enum(EXPLAIN_RULES),
  decisive: aclBinding.nullable().describe('The binding that decides, if one does'),
  considered: z
    .array(z.object({ binding: aclBinding, applies: z.boolean(), why: z.string() }))
    .describe(`Bindings on this resource type and why each does or does not apply: those that apply first, at most ${MAX_CONSIDERED}`),
  consideredTotal: z.number().describe('Bindings on this resource type in all'),
  summary: z.string(),
  superUsers: z.array(z.string()),
  allowEveryoneIfNoAclFound: z.boolean(),
  /** Whether super.users and allow.everyone.if.no.acl.found come from the console config (Kafka's API does not reveal them). */
  authorizerSettingsKnown: z.boolean(),
});
export type Explanation = z.infer<typeof explanation>;

export const resourceAcls = z.object({ bindings: z.array(aclBinding), authorizer: z.boolean() });
