'use client';
import { ApiClientError } from '@/lib/api-client';
import type { AclBinding } from '@/lib/schemas/acls';
import { Badge, td, th } from '@/components/ui/primitives';
import { describePattern } from '@/lib/acl/codes';

export const bindingId = (b: AclBinding) => [b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.operation, b.permission].join('|');

/** ACL bindings as a table; with `selected`, each row has a checkbox. */
export function AclTable({
  bindings,
  selected,
  onToggle,
  highlight,
  testId = 'acl-table',
}: {
  bindings: AclBinding[];
  selected?: Set<string>;
  onToggle?: (b: AclBinding) => void;
  highlight?: AclBinding | null;
  testId?: string;
}) {
  return (
    <table className="w-full" data-testid={testId}>
      <thead>
        <tr>
          {selected && <th className={th}>Select</th>}
          <th className={th}>Principal</th>
          <th className={th}>Resource</th>
          <th className={th}>Operation</th>
          <th className={th}>Permission</th>
          <th className={th}>Host</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {bindings.map((b) => {
          const id = bindingId(b);
          const label = `${b.permission} ${b.operation} on ${describePattern(b)} for ${b.principal}`;
          return (
            <tr key={id} data-testid="acl-row" className={highlight && bindingId(highlight) === id ? 'bg-amber-50 dark:bg-amber-950/50' : undefined}>
              {selected && (
                <td className={td}>
                  <input type="checkbox" aria-label={`Select ${label}`} checked={selected.has(id)} onChange={() => onToggle?.(b)} />
                </td>
              )}
              <td className={`${td} font-mono`}>{b.principal}</td>
              <td className={td}>{describePattern(b)}</td>
              <td className={td}>{b.operation}</td>
              <td className={td}>{b.permission === 'allow' ? <Badge tone="good">allow</Badge> : <Badge tone="bad">deny</Badge>}</td>
              <td className={`${td} font-mono`}>{b.host}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The kafka-acls commands, one per line. */
export function Commands({ commands }: { commands: string[] }) {
  return (
    <div className="mt-3 space-y-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-black" data-testid="cli-equivalent">
      {commands.map((c) => (
        <div key={c}>
          <span className="mr-2 text-slate-400 select-none">$</span>
          {c}
        </div>
      ))}
    </div>
  );
}

/** True when the API said the cluster has no authorizer (no ACLs exist, and every client may do everything). */
export function noAuthorizer(err: unknown): boolean {
  return err instanceof ApiClientError && (err.details as { kafkaError?: string } | undefined)?.kafkaError === 'SECURITY_DISABLED';
}

export function NoAuthorizer() {
  return (
    <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid="no-authorizer">
      This cluster has no authorizer (authorizer.class.name is not set on its brokers): it keeps no ACLs, and every client that can connect may do everything.
    </p>
  );
}
