import type { Grant } from '@/lib/schemas/auth';
import type { GrantConfig } from '@/lib/schemas/config';

/**
 * Roles and permissions, shared by the API (which enforces them) and the UI (which only
 * hides or disables what a role cannot do). Pure: no server imports.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every permission an operation can require, with the least role that has it. */
export const PERMISSIONS = {
  'cluster:view': 'viewer',
  'topics:view': 'viewer',
  'messages:read': 'viewer',
  'groups:view': 'viewer',
  'security:view': 'viewer',
  'connect:view': 'viewer',
  'connect:operate': 'operator',
  'connect:write': 'operator',
  'connect:delete': 'admin',
  'connect:offsets': 'admin',
  'schemas:view': 'viewer',
  'messages:produce': 'operator',
  'schemas:alter': 'operator',
  'topics:create': 'operator',
  'topics:alter': 'operator',
  'groups:reset': 'operator',
  'leaders:elect': 'operator',
  'topics:delete': 'admin',
  'groups:delete': 'admin',
  'brokers:alter': 'admin',
  'partitions:reassign': 'admin',
  'leaders:unclean': 'admin',
  'acls:alter': 'admin',
  'users:alter': 'admin',
  'quotas:alter': 'admin',
  'audit:view': 'admin',
  'access:view': 'admin',
  'schemas:delete': 'admin',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** Permissions that change Kafka; a read-only cluster refuses them for everyone. */
const WRITES = new Set<Permission>([
  'messages:produce',
  'topics:create',
  'topics:alter',
  'groups:reset',
  'topics:delete',
  'groups:delete',
  'brokers:alter',
  'leaders:elect',
  'partitions:reassign',
  'leaders:unclean',
  'acls:alter',
  'users:alter',
  'quotas:alter',
  'connect:operate',
  'connect:write',
  'connect:delete',
  'connect:offsets',
  'schemas:alter',
  'schemas:delete',
]);
export const isWrite = (p: Permission) => WRITES.has(p);

/** Permissions about the console itself rather than one cluster. */
const CONSOLE_WIDE = new Set<Permission>(['audit:view', 'access:view']);

/**
 * A role on one cluster (or "*"), optionally narrowed to topics and/or groups whose names
 * start with a prefix. Narrowed grants apply to operations on one named topic or group.
 */
export type { Grant };

/** A grant as the config file writes it. */
export type GrantInput = GrantConfig;

/** "operator" (every cluster), "operator@dev", or { role, cluster, topics: "prefix", groups: "prefix" }. */
export function parseGrant(g: GrantInput): Grant {
  if (typeof g === 'string') {
    const [role, cluster = '*'] = g.split('@');
    return { role: role as Role, cluster };
  }
  return {
    role: g.role,
    cluster: g.cluster ?? '*',
    ...(g.topics !== undefined ? { topicPrefix: g.topics } : {}),
    ...(g.groups !== undefined ? { groupPrefix: g.groups } : {}),
  };
}

export function roleRank(r: Role): number {
  return ROLES.indexOf(r);
}

export interface Target {
  cluster?: string;
  topic?: string;
  group?: string;
}

/**
 * A grant without prefixes covers its whole cluster. A narrowed grant covers only targets
 * that name a topic or group, each named one matching the grant's prefix for its kind (a
 * grant narrowed to topics says nothing about groups, and the other way round).
 */
function covers(g: Grant, p: Permission, t: Target, narrowedOk: boolean): boolean {
  if (roleRank(g.role) < roleRank(PERMISSIONS[p])) return false;
  const narrowed = g.topicPrefix !== undefined || g.groupPrefix !== undefined;
  if (CONSOLE_WIDE.has(p)) return g.cluster === '*' && !narrowed;
  if (g.cluster !== '*' && g.cluster !== t.cluster) return false;
  if (!narrowed) return true;
  if (t.topic === undefined && t.group === undefined) return narrowedOk;
  if (t.topic !== undefined && (g.topicPrefix === undefined || !t.topic.startsWith(g.topicPrefix))) return false;
  if (t.group !== undefined && (g.groupPrefix === undefined || !t.group.startsWith(g.groupPrefix))) return false;
  return true;
}

/**
 * Whether the grants allow `p` on `t`. With `partial`, a grant narrowed to a prefix counts
 * when the target names no topic or group yet (the first check, before the body is read).
 */
export function allows(grants: Grant[], p: Permission, t: Target, partial = false): boolean {
  return grants.some((g) => covers(g, p, t, partial));
}

/** The highest role any grant gives on a cluster, for display. */
export function topRole(grants: Grant[], cluster?: string): Role | null {
  let best: Role | null = null;
  for (const g of grants) {
    if (cluster && g.cluster !== '*' && g.cluster !== cluster) continue;
    if (!best || roleRank(g.role) > roleRank(best)) best = g.role;
  }
  return best;
}

export function describeGrant(g: Grant): string {
  const parts = [`${g.role} on ${g.cluster === '*' ? 'every cluster' : `cluster ${g.cluster}`}`];
  if (g.topicPrefix !== undefined) parts.push(`topics starting with "${g.topicPrefix}"`);
  if (g.groupPrefix !== undefined) parts.push(`groups starting with "${g.groupPrefix}"`);
  return parts.join(', ');
}

/** Why a permission is missing, in words for a tooltip or a 403. */
export function deniedReason(p: Permission, t: Target): string {
  const where = [t.cluster && `cluster ${t.cluster}`, t.topic && `topic ${t.topic}`, t.group && `group ${t.group}`].filter(Boolean).join(', ');
  return `Needs the ${PERMISSIONS[p]} role (permission ${p})${where ? ` on ${where}` : ''}`;
}
