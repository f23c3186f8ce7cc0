import { parseGrant, ROLES, type Grant, type GrantInput, type Role } from './roles';
import type { ClaimMapping } from '@/lib/schemas/auth';

/**
 * From an identity provider's claims to console grants: the claim named by a dotted path
 * (groups, roles, realm_access.roles), each of its values looked up in the configured
 * mapping. Pure, so it is tested on its own.
 */
export type { ClaimMapping };

export interface MappingConfig {
  rolesClaim: string;
  roleMapping: Record<string, GrantInput[]>;
  defaultRoles: GrantInput[];
}

/** What a session and an audit entry keep of the claim's values (a user can be in hundreds of groups). */
export const MAX_RECORDED_VALUES = 50;
const MAX_RECORDED_CHARS = 1500;
const MAX_VALUE_LENGTH = 256;

/**
 * The value at a dotted path. A claim whose own name contains dots (Entra ID's
 * http://schemas.microsoft.com/... claims) is found by its whole name first.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let current: unknown = claims;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A claim's values as strings: a list, or one value on its own. Other shapes give none. */
export function claimValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out = new Set<string>();
  for (const v of list) {
    const s = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
    if (s !== null && s.length > 0 && s.length <= MAX_VALUE_LENGTH) out.add(s);
  }
  return [...out];
}

const grantKey = (g: Grant) =>
  `${g.role}@${g.cluster}|${g.topicPrefix ?? ''}|${g.groupPrefix ?? ''}|${g.topicPrefix !== undefined}|${g.groupPrefix !== undefined}`;

function unique(grants: Grant[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const g of grants) if (!seen.has(grantKey(g))) seen.set(grantKey(g), g);
  return [...seen.values()];
}

/** The grants one claim value gives: its roleMapping entry, else a role of the same name on every cluster. */
export function grantsForValue(config: Pick<MappingConfig, 'roleMapping'>, value: string): Grant[] {
  if (Object.hasOwn(config.roleMapping, value)) return unique(config.roleMapping[value].map(parseGrant));
  if ((ROLES as readonly string[]).includes(value)) return [{ role: value as Role, cluster: '*' }];
  return [];
}

/** The grants a user gets from their claims (mapped values plus defaultRoles) and the record of why. */
export function mapClaims(config: MappingConfig, claims: Record<string, unknown>): { grants: Grant[]; mapping: ClaimMapping } {
  const values = claimValues(claimAt(claims, config.rolesClaim));
  const matched = values.map((value) => ({ value, grants: grantsForValue(config, value) })).filter((m) => m.grants.length > 0);
  const grants = unique([...matched.flatMap((m) => m.grants), ...config.defaultRoles.map(parseGrant)]);
  return {
    grants,
    mapping: { claim: config.rolesClaim, values: recordedValues(values, new Set(matched.map((m) => m.value))), matched: matched.slice(0, MAX_RECORDED_VALUES) },
  };
}

/** The values worth keeping in a cookie-sized record: the matched ones first, then others while they fit. */
function recordedValues(values: string[], matched: Set<string>): string[] {
  const ordered = [...values.filter((v) => matched.has(v)), ...values.filter((v) => !matched.has(v))];
  const out: string[] = [];
  let chars = 0;
  for (const v of ordered) {
    if (out.length >= MAX_RECORDED_VALUES || (chars + v.length > MAX_RECORDED_CHARS && !matched.has(v))) break;
    out.push(v);
    chars += v.length;
  }
  return out;
}

/** The user name to show and audit: the configured claim, else email, else the subject. */
export function usernameFrom(claims: Record<string, unknown>, usernameClaim: string): string {
  for (const candidate of [claimAt(claims, usernameClaim), claims.email, claims.sub]) {
    // eslint-disable-next-line no-control-regex
    const s = typeof candidate === 'string' ? candidate.replace(/[\x00-\x1f\x7f]/g, '').trim() : '';
    if (s) return s.slice(0, 128);
  }
  return 'unknown';
}

/** "operator@local topics:team-a.*", the compact form the audit trail uses for a grant. */
export function grantLabel(g: Grant): string {
  return `${g.role}@${g.cluster}${g.topicPrefix !== undefined ? ` topics:${g.topicPrefix}*` : ''}${g.groupPrefix !== undefined ? ` groups:${g.groupPrefix}*` : ''}`;
}
