'use client';
import Link from 'next/link';
import { paths } from '@/lib/paths';
import { useResourceAclsQuery } from '@/lib/queries/security';
import { ErrorPanel, Loading } from '@/components/ui/primitives';
import { AclTable, NoAuthorizer, noAuthorizer } from './acl-table';

/** The bindings that apply to one topic or group (literal, wildcard, prefixed); a refusal or a cluster without ACLs is said in place. */
export function ResourceAcls({ cluster, kind, name }: { cluster: string; kind: 'topic' | 'group'; name: string }) {
  const { data, error, isPending } = useResourceAclsQuery(cluster, kind, name);
  if (isPending) return <Loading label="Asking the cluster for ACLs…" />;
  if (noAuthorizer(error) || data?.authorizer === false) return <NoAuthorizer />;
  if (error) return <ErrorPanel title={`The ACLs of this ${kind} cannot be shown`} message={error.message} />;
  return (
    <div className="space-y-2" data-testid={`${kind}-acls`}>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {data.bindings.length
          ? `${data.bindings.length} binding(s) apply to ${kind} ${name}: on its own name, on "*", or on a prefix of it.`
          : `No ACL applies to ${kind} ${name}: only super users may use it (unless the brokers allow everyone when no ACL is found).`}{' '}
        <Link className="text-blue-700 underline dark:text-blue-300" href={paths.acls(cluster)}>
          All ACLs
        </Link>
      </p>
      {data.bindings.length > 0 && <AclTable bindings={data.bindings} testId={`${kind}-acls-table`} />}
    </div>
  );
}
