import { MAX_CONSIDERED, type AclBinding, type ExplainQuestion, type Explanation } from '@/lib/schemas/acls';
import { describePattern } from './codes';

/**
 * Why a principal may or may not do something, decided the way Kafka's authorizers
 * (StandardAuthorizer, and AclAuthorizer before it) decide:
 * 1. a super user may do anything;
 * 2. a binding applies when its resource type is the same and its pattern matches the name
 *    (literal: the same name, or "*"; prefixed: a prefix of the name), its principal is the
 *    principal or User:* (for any principal type), and its host is the host or "*";
 * 3. an applicable DENY for the operation (or ALL) denies: deny wins;
 * 4. else an applicable ALLOW for the operation (or ALL) allows; ALLOW of READ, WRITE, DELETE
 *    or ALTER also allows DESCRIBE, and ALLOW of ALTER_CONFIGS allows DESCRIBE_CONFIGS
 *    (implied operations never widen a DENY);
 * 5. else, when no binding at all exists for the resource and allow.everyone.if.no.acl.found
 *    is set, allowed; otherwise denied for want of an allow.
 * Pure: the bindings, super users and that setting come from the caller.
 */
export interface ExplainContext {
  bindings: AclBinding[];
  superUsers: string[];
  allowEveryoneIfNoAclFound: boolean;
  /** False when the two settings above are guesses (Kafka's defaults), not copied from the brokers. */
  settingsKnown: boolean;
}

const IMPLIES: Partial<Record<AclBinding['operation'], AclBinding['operation'][]>> = {
  describe: ['read', 'write', 'delete', 'alter'],
  describeConfigs: ['alterConfigs'],
};

function patternMatches(b: AclBinding, name: string): boolean {
  if (b.patternType === 'prefixed') return name.startsWith(b.resourceName);
  return b.resourceName === name || b.resourceName === '*';
}

/**
 * The principal itself, or the one wildcard principal Kafka knows: User:* (WILDCARD_KAFKA_PRINCIPAL),
 * whatever the asking principal's type. A "Group:*" binding is no wildcard to the authorizer.
 */
function principalMatches(b: AclBinding, principal: string): boolean {
  return b.principal === principal || b.principal === 'User:*';
}

function opMatches(b: AclBinding, op: AclBinding['operation'], permission: AclBinding['permission']): 'exact' | 'all' | 'implied' | null {
  if (b.operation === op) return 'exact';
  if (b.operation === 'all') return 'all';
  if (permission === 'allow' && IMPLIES[op]?.includes(b.operation)) return 'implied';
  return null;
}

function whyNot(b: AclBinding, q: ExplainQuestion): string | null {
  if (!patternMatches(b, q.resourceName)) return `its pattern (${describePattern(b)}) does not match "${q.resourceName}"`;
  if (!principalMatches(b, q.principal)) return `it is for ${b.principal}`;
  if (b.host !== '*' && b.host !== q.host) return `it is for host ${b.host} only`;
  if (!opMatches(b, q.operation, b.permission)) {
    return b.permission === 'deny'
      ? `it denies ${b.operation}, not ${q.operation} (a deny covers only its own operation, or all)`
      : `it allows ${b.operation}, which does not include ${q.operation}`;
  }
  return null;
}

export function explainAccess(q: ExplainQuestion, ctx: ExplainContext): Explanation {
  const sameType = ctx.bindings.filter((b) => b.resourceType === q.resourceType);
  const onResource = sameType.filter((b) => patternMatches(b, q.resourceName));
  const considered = sameType.map((binding) => {
    const not = whyNot(binding, q);
    const how = not ? null : opMatches(binding, q.operation, binding.permission);
    const why = not
      ? `Does not apply: ${not}`
      : `Applies: ${binding.permission === 'deny' ? 'denies' : 'allows'} ${how === 'exact' ? q.operation : how === 'all' ? 'all operations' : `${binding.operation}, which implies ${q.operation}`} on ${describePattern(binding)}`;
    return { binding, applies: not === null, why };
  });
  const ordered = [...considered.filter((c) => c.applies), ...considered.filter((c) => !c.applies)];
  const base = {
    considered: ordered.slice(0, MAX_CONSIDERED),
    consideredTotal: considered.length,
    superUsers: ctx.superUsers,
    allowEveryoneIfNoAclFound: ctx.allowEveryoneIfNoAclFound,
    authorizerSettingsKnown: ctx.settingsKnown,
  };
  const caveat = ctx.settingsKnown
    ? ''
    : " Kafka's API does not reveal the brokers' super.users: if this principal is listed there, it is allowed regardless (copy super.users into the cluster's authorizer settings in the console config so this is taken into account).";
  const subject = `${q.principal} from ${q.host}: ${q.operation} on ${describePattern({ resourceType: q.resourceType, resourceName: q.resourceName, patternType: 'literal' })}`;

  if (ctx.superUsers.includes(q.principal)) {
    return {
      ...base,
      allowed: true,
      rule: 'superUser',
      decisive: null,
      summary: `Allowed. ${q.principal} is a super user (super.users), so no ACL is consulted.`,
    };
  }
  const applicable = considered.filter((c) => c.applies).map((c) => c.binding);
  const deny = applicable.find((b) => b.permission === 'deny');
  if (deny) {
    return {
      ...base,
      allowed: false,
      rule: 'deny',
      decisive: deny,
      summary: `Denied. ${subject}: a DENY binding for ${deny.principal} on ${describePattern(deny)} applies, and a deny wins over any allow.${caveat}`,
    };
  }
  const allow = [...applicable].sort((a, b) => rank(a, q) - rank(b, q)).find((b) => b.permission === 'allow');
  if (allow) {
    const via =
      allow.operation === q.operation ? '' : allow.operation === 'all' ? ' (ALL covers every operation)' : ` (${allow.operation} implies ${q.operation})`;
    return {
      ...base,
      allowed: true,
      rule: 'allow',
      decisive: allow,
      summary: `Allowed. ${subject}: the ALLOW binding for ${allow.principal} on ${describePattern(allow)} grants it${via}, and no deny applies.`,
    };
  }
  if (onResource.length === 0 && ctx.allowEveryoneIfNoAclFound) {
    return {
      ...base,
      allowed: true,
      rule: 'noAclsAllowEveryone',
      decisive: null,
      summary: `Allowed. No ACL exists for ${describePattern({ resourceType: q.resourceType, resourceName: q.resourceName, patternType: 'literal' })} at all, and the brokers set allow.everyone.if.no.acl.found=true.`,
    };
  }
  return {
    ...base,
    allowed: false,
    rule: 'noAllow',
    decisive: null,
    summary: `Denied. ${subject}: no ALLOW binding applies${onResource.length ? '' : ' (no ACL exists for this resource, and allow.everyone.if.no.acl.found is false)'}.${caveat}`,
  };
}

/** Which allow to name when several apply: the exact operation first, then ALL, then implied; literal before prefixed. */
function rank(b: AclBinding, q: ExplainQuestion): number {
  const how = opMatches(b, q.operation, 'allow');
  return (how === 'exact' ? 0 : how === 'all' ? 10 : 20) + (b.patternType === 'literal' && b.resourceName !== '*' ? 0 : b.patternType === 'prefixed' ? 1 : 2);
}
