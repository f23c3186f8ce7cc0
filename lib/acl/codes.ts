import type { AclBinding } from '@/lib/schemas/acls';

/**
 * Kafka's wire codes for ACLs (ResourceType, PatternType, AclOperation, AclPermissionType in
 * org.apache.kafka.common), and the names `kafka-acls` takes and prints. Pure.
 */
export const RESOURCE_TYPE_CODES: Record<AclBinding['resourceType'], number> = {
  topic: 2,
  group: 3,
  cluster: 4,
  transactionalId: 5,
  delegationToken: 6,
  user: 7,
};
export const RESOURCE_TYPE_ANY = 1;

export const PATTERN_TYPE_CODES = { any: 1, match: 2, literal: 3, prefixed: 4 } as const;

export const OPERATION_CODES: Record<AclBinding['operation'], number> = {
  all: 2,
  read: 3,
  write: 4,
  create: 5,
  delete: 6,
  alter: 7,
  describe: 8,
  clusterAction: 9,
  describeConfigs: 10,
  alterConfigs: 11,
  idempotentWrite: 12,
  createTokens: 13,
  describeTokens: 14,
  twoPhaseCommit: 15,
};
export const OPERATION_ANY = 1;

export const PERMISSION_CODES: Record<AclBinding['permission'], number> = { deny: 2, allow: 3 };
export const PERMISSION_ANY = 1;

const invert = <K extends string>(m: Record<K, number>): Record<number, K> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k])) as Record<number, K>;
export const RESOURCE_TYPE_NAMES = invert(RESOURCE_TYPE_CODES);
export const OPERATION_NAMES = invert(OPERATION_CODES);
export const PERMISSION_NAMES = invert(PERMISSION_CODES);
export const PATTERN_TYPE_NAMES: Record<number, 'literal' | 'prefixed'> = { 3: 'literal', 4: 'prefixed' };

/** Operation names as kafka-acls takes them (--operation IdempotentWrite). */
export function cliOperation(op: AclBinding['operation']): string {
  return op[0].toUpperCase() + op.slice(1);
}

/** The resource options of kafka-acls. */
export function cliResource(type: AclBinding['resourceType'], name: string): string[] {
  switch (type) {
    case 'topic':
      return ['--topic', name];
    case 'group':
      return ['--group', name];
    case 'cluster':
      return ['--cluster'];
    case 'transactionalId':
      return ['--transactional-id', name];
    case 'delegationToken':
      return ['--delegation-token', name];
    case 'user':
      return ['--user-principal', name];
  }
}

/** Words for a resource pattern: topic "orders", topics starting with "orders-", every topic. */
export function describePattern(b: Pick<AclBinding, 'resourceType' | 'resourceName' | 'patternType'>): string {
  const kind = { topic: 'topic', group: 'group', cluster: 'cluster', transactionalId: 'transactional id', delegationToken: 'delegation token', user: 'user' }[
    b.resourceType
  ];
  if (b.resourceType === 'cluster') return 'the cluster';
  if (b.patternType === 'prefixed') return `${kind}s starting with "${b.resourceName}"`;
  if (b.resourceName === '*') return `every ${kind}`;
  return `${kind} "${b.resourceName}"`;
}
