import type { AclBinding, AclFilter } from '@/lib/schemas/acls';
import { cliOperation, cliResource } from './codes';

/**
 * The `kafka-acls` commands equivalent to creating or removing bindings, and to listing with a
 * filter: one command per resource pattern, principal, host and permission, its operations as
 * repeated --operation options. Pure, shown in the UI before anything changes.
 */
const quote = (s: string) => (/^[A-Za-z0-9_.:/@=+,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

export function aclCommands(bindings: AclBinding[], action: 'add' | 'remove', bootstrap: string): string[] {
  const groups = new Map<string, { b: AclBinding; ops: AclBinding['operation'][] }>();
  for (const b of bindings) {
    const k = [b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.permission].join('\u0000');
    const g = groups.get(k);
    if (g) {
      if (!g.ops.includes(b.operation)) g.ops.push(b.operation);
    } else groups.set(k, { b, ops: [b.operation] });
  }
  return [...groups.values()].map(({ b, ops }) => {
    const perm = b.permission === 'allow' ? 'allow' : 'deny';
    const parts = ['kafka-acls', '--bootstrap-server', bootstrap, `--${action}`, `--${perm}-principal`, quote(b.principal)];
    if (b.host !== '*') parts.push(`--${perm}-host`, quote(b.host));
    for (const op of ops) parts.push('--operation', cliOperation(op));
    parts.push(...cliResource(b.resourceType, b.resourceName).map(quote));
    if (b.patternType === 'prefixed') parts.push('--resource-pattern-type', 'prefixed');
    return parts.join(' ');
  });
}

/** `kafka-acls --list` for a filter (kafka-acls itself cannot filter by operation, permission or host). */
export function listCommand(filter: AclFilter, bootstrap: string): string {
  const parts = ['kafka-acls', '--bootstrap-server', bootstrap, '--list'];
  if (filter.principal) parts.push('--principal', quote(filter.principal));
  if (filter.resourceType) {
    if (filter.resourceType === 'cluster') parts.push('--cluster');
    else if (filter.resourceName) parts.push(...cliResource(filter.resourceType, filter.resourceName).map(quote));
  }
  if (filter.patternType !== 'any' && filter.resourceName) parts.push('--resource-pattern-type', filter.patternType);
  return parts.join(' ');
}
