import 'server-only';
import { aclCommands, listCommand } from '@/lib/acl/commands';
import {
  OPERATION_ANY,
  OPERATION_CODES,
  OPERATION_NAMES,
  PATTERN_TYPE_CODES,
  PATTERN_TYPE_NAMES,
  PERMISSION_ANY,
  PERMISSION_CODES,
  PERMISSION_NAMES,
  RESOURCE_TYPE_ANY,
  RESOURCE_TYPE_CODES,
  RESOURCE_TYPE_NAMES,
} from '@/lib/acl/codes';
import { explainAccess } from '@/lib/acl/explain';
import { bindingKey, wizardBindings } from '@/lib/acl/wizards';
import {
  MAX_BINDINGS_PER_REQUEST,
  type AclBinding,
  type AclFilter,
  type AclList,
  type AclListQuery,
  type AclPreview,
  type AclWizard,
  type CreateAclsOutcome,
  type DeleteAclsOutcome,
  type DeletePreview,
  type ExplainQuestion,
  type Explanation,
} from '@/lib/schemas/acls';
import { checkError, errorType, KafkaResponseError, send } from './protocol';
import { CreateAclsApi } from './protocol/generated/create-acls';
import { DeleteAclsApi, type DeleteAclsFilter } from './protocol/generated/delete-acls';
import { DescribeAclsApi } from './protocol/generated/describe-acls';
import type { ClusterClients } from './registry';

/**
 * ACLs through the generated DescribeAcls, CreateAcls and DeleteAcls codecs. Deleting takes
 * bindings, never a filter: each is sent as an exact filter (every field set), so only the
 * bindings the user saw in the preview can go, whatever else a broader filter would match.
 */

type Binding = Omit<AclBinding, 'host'> & { host: string };

function toFilter(f: AclFilter): DeleteAclsFilter {
  const named = f.resourceName !== undefined;
  return {
    resourceTypeFilter: f.resourceType ? RESOURCE_TYPE_CODES[f.resourceType] : RESOURCE_TYPE_ANY,
    resourceNameFilter: f.resourceType === 'cluster' ? 'kafka-cluster' : (f.resourceName ?? null),
    // MATCH needs a name to match against; without one it means any pattern.
    patternTypeFilter: f.patternType === 'match' && !named ? PATTERN_TYPE_CODES.any : PATTERN_TYPE_CODES[f.patternType],
    principalFilter: f.principal ?? null,
    hostFilter: f.host ?? null,
    operation: f.operation ? OPERATION_CODES[f.operation] : OPERATION_ANY,
    permissionType: f.permission ? PERMISSION_CODES[f.permission] : PERMISSION_ANY,
  };
}

function exact(b: AclBinding): DeleteAclsFilter {
  return {
    resourceTypeFilter: RESOURCE_TYPE_CODES[b.resourceType],
    resourceNameFilter: b.resourceName,
    patternTypeFilter: PATTERN_TYPE_CODES[b.patternType],
    principalFilter: b.principal,
    hostFilter: b.host,
    operation: OPERATION_CODES[b.operation],
    permissionType: PERMISSION_CODES[b.permission],
  };
}

function fromWire(
  r: { resourceType: number; resourceName: string; patternType: number },
  a: { principal: string; host: string; operation: number; permissionType: number },
): Binding | null {
  const resourceType = RESOURCE_TYPE_NAMES[r.resourceType];
  const patternType = PATTERN_TYPE_NAMES[r.patternType];
  const operation = OPERATION_NAMES[a.operation];
  const permission = PERMISSION_NAMES[a.permissionType];
  // A code this console does not know (a newer Kafka's): left out rather than misnamed.
  if (!resourceType || !patternType || !operation || !permission) return null;
  return { resourceType, resourceName: r.resourceName, patternType, principal: a.principal, host: a.host, operation, permission };
}

/** Every binding the filter matches, as DescribeAcls returns them. */
export async function describeAcls(c: ClusterClients, filter: AclFilter): Promise<AclBinding[]> {
  // A DescribeAcls request has exactly a DeleteAcls filter's fields.
  const res = await send(c.cluster, { anyBroker: true }, DescribeAclsApi, toFilter(filter));
  checkError(res.errorCode, res.errorMessage);
  return res.resources.flatMap((r) => r.acls.map((a) => fromWire(r, a)).filter((b): b is Binding => b !== null));
}

const bootstrapOf = (c: ClusterClients) => c.config.bootstrapServers[0];

const SORTS: Record<AclListQuery['sort'], (b: AclBinding) => string> = {
  principal: (b) => `${b.principal}\u0000${b.resourceType}\u0000${b.resourceName}\u0000${b.operation}`,
  resource: (b) => `${b.resourceType}\u0000${b.resourceName}\u0000${b.patternType}\u0000${b.principal}\u0000${b.operation}`,
  operation: (b) => `${b.operation}\u0000${b.resourceType}\u0000${b.resourceName}\u0000${b.principal}`,
  permission: (b) => `${b.permission}\u0000${b.resourceType}\u0000${b.resourceName}\u0000${b.principal}\u0000${b.operation}`,
};

const SECURITY_DISABLED = 54;
const noAuthorizer = (err: unknown) => err instanceof KafkaResponseError && err.code === SECURITY_DISABLED;

/** The bindings, or null when the cluster has no authorizer (it keeps no ACLs: every client may do everything). */
async function describeOrNone(c: ClusterClients, filter: AclFilter): Promise<AclBinding[] | null> {
  try {
    return await describeAcls(c, filter);
  } catch (err) {
    if (noAuthorizer(err)) return null;
    throw err;
  }
}

/** One page of the bindings matching a filter, sorted. */
export async function listAcls(c: ClusterClients, q: AclListQuery): Promise<AclList> {
  const found = await describeOrNone(c, q);
  const all = found ?? [];
  const sortKey = SORTS[q.sort];
  const keyed = all.map((b) => ({ b, k: sortKey(b) }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0) * (q.order === 'desc' ? -1 : 1));
  return {
    bindings: keyed.slice(q.offset, q.offset + q.limit).map((x) => x.b),
    total: all.length,
    offset: q.offset,
    limit: q.limit,
    command: listCommand(q, bootstrapOf(c)),
    authorizer: found !== null,
  };
}

/** The bindings a wizard proposes, the commands, and which of them exist already. */
export async function previewAcls(c: ClusterClients, wizard: AclWizard): Promise<AclPreview> {
  const bindings = wizardBindings(wizard);
  const principals = [...new Set(bindings.map((b) => b.principal))];
  const found = await Promise.all(principals.map((principal) => describeOrNone(c, { principal, patternType: 'any' })));
  const existing = new Set(found.flatMap((f) => f ?? []).map(bindingKey));
  return {
    bindings,
    commands: aclCommands(bindings, 'add', bootstrapOf(c)),
    existing: bindings.filter((b) => existing.has(bindingKey(b))),
    authorizer: found.every((f) => f !== null),
  };
}

export async function createAcls(c: ClusterClients, bindings: AclBinding[]): Promise<CreateAclsOutcome> {
  const res = await send(c.cluster, { anyBroker: true }, CreateAclsApi, {
    creations: bindings.map((b) => ({
      resourceType: RESOURCE_TYPE_CODES[b.resourceType],
      resourceName: b.resourceName,
      resourcePatternType: PATTERN_TYPE_CODES[b.patternType],
      principal: b.principal,
      host: b.host,
      operation: OPERATION_CODES[b.operation],
      permissionType: PERMISSION_CODES[b.permission],
    })),
  });
  const created = bindings.map((binding, i) => {
    const r = res.results[i];
    return { binding, error: r?.errorCode ? (r.errorMessage ?? errorType(r.errorCode)) : null };
  });
  // All refused for the same reason (no authorizer, not authorized): an error, not a partial success.
  const first = res.results[0];
  if (first?.errorCode && res.results.every((r) => r.errorCode === first.errorCode)) checkError(first.errorCode, first.errorMessage);
  return { created, command: aclCommands(bindings, 'add', bootstrapOf(c)).join('\n') };
}

/** Exactly what `kafka-acls --remove` with this filter would delete. */
export async function previewDelete(c: ClusterClients, filter: AclFilter): Promise<DeletePreview> {
  const all = await describeAcls(c, filter);
  const matched = all.slice(0, MAX_BINDINGS_PER_REQUEST);
  return { matched, total: all.length, command: aclCommands(matched, 'remove', bootstrapOf(c)).join('\n') };
}

/** Deletes exactly these bindings, each through its own exact filter. */
export async function deleteAcls(c: ClusterClients, bindings: AclBinding[]): Promise<DeleteAclsOutcome> {
  const res = await send(c.cluster, { anyBroker: true }, DeleteAclsApi, { filters: bindings.map(exact) });
  const first = res.filterResults[0];
  if (first?.errorCode && res.filterResults.every((r) => r.errorCode === first.errorCode)) checkError(first.errorCode, first.errorMessage);
  return {
    deleted: bindings.map((binding, i) => {
      const r = res.filterResults[i];
      const err = r?.errorCode ? (r.errorMessage ?? errorType(r.errorCode)) : (r?.matchingAcls.find((m) => m.errorCode)?.errorMessage ?? null);
      return { binding, deleted: Boolean(r && !r.errorCode && r.matchingAcls.length > 0), error: err };
    }),
    command: aclCommands(bindings, 'remove', bootstrapOf(c)).join('\n'),
  };
}

/** The bindings that apply to one topic or group: literal, wildcard and prefixed (DescribeAcls with MATCH). */
export async function aclsFor(c: ClusterClients, resourceType: 'topic' | 'group', name: string): Promise<{ bindings: AclBinding[]; authorizer: boolean }> {
  const found = await describeOrNone(c, { resourceType, resourceName: name, patternType: 'match' });
  return { bindings: found ?? [], authorizer: found !== null };
}

/** Whether the principal may, and why: the cluster's bindings of that resource type and its authorizer settings. */
export async function explain(c: ClusterClients, q: ExplainQuestion): Promise<Explanation> {
  const bindings = await describeOrNone(c, { resourceType: q.resourceType, patternType: 'any' });
  const settings = c.config.authorizer;
  if (bindings === null) {
    return {
      allowed: true,
      rule: 'noAuthorizer',
      decisive: null,
      considered: [],
      consideredTotal: 0,
      summary: `Allowed. This cluster has no authorizer (authorizer.class.name is not set on its brokers): every client that can connect may do everything.`,
      superUsers: settings?.superUsers ?? [],
      allowEveryoneIfNoAclFound: settings?.allowEveryoneIfNoAclFound ?? false,
      authorizerSettingsKnown: settings !== undefined,
    };
  }
  return explainAccess(q, {
    bindings,
    superUsers: settings?.superUsers ?? [],
    allowEveryoneIfNoAclFound: settings?.allowEveryoneIfNoAclFound ?? false,
    settingsKnown: settings !== undefined,
  });
}
