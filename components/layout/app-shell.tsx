'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { paths } from '@/lib/paths';
import type { PublicCluster } from '@/lib/types';
import { cx } from '@/components/ui/primitives';
import { useCan } from '@/lib/queries/auth';
import { useConnectorsQuery } from '@/lib/queries/connect';
import { ThemeToggle } from './theme-toggle';
import { UserMenu, type ShellUser } from './user-menu';

export function AppShell({ cluster, clusters, me, children }: { cluster: string; clusters: PublicCluster[]; me: ShellUser; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const nav = [
    { href: paths.cluster(cluster), label: 'Overview', exact: true },
    { href: paths.topics(cluster), label: 'Topics' },
    { href: paths.groups(cluster), label: 'Consumer groups' },
    { href: paths.brokers(cluster), label: 'Brokers' },
    { href: paths.storage(cluster), label: 'Storage' },
    { href: paths.reassignments(cluster), label: 'Reassignments' },
    { href: paths.acls(cluster), label: 'ACLs' },
    { href: paths.users(cluster), label: 'SCRAM users' },
    { href: paths.quotas(cluster), label: 'Quotas' },
    { href: paths.connect(cluster), label: 'Connect', badge: <FailedTasks cluster={cluster} clusters={clusters} /> },
    ...(clusters.find((c) => c.id === cluster)?.schemaRegistry ? [{ href: paths.schemas(cluster), label: 'Schemas' }] : []),
    ...(me.admin
      ? [
          { href: paths.audit(), label: 'Audit trail' },
          { href: paths.access(), label: 'Access' },
        ]
      : []),
  ];
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="px-4 py-4 text-base font-bold tracking-tight">
          <span className="text-blue-600 dark:text-blue-400">Kafka</span> Console
        </div>
        <label className="px-4 text-xs text-slate-500 dark:text-slate-400" htmlFor="cluster-switcher">
          Cluster
        </label>
        <select
          id="cluster-switcher"
          className="mx-4 mt-1 mb-4 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
          value={cluster}
          onChange={(e) => router.push(paths.cluster(e.target.value))}
        >
          {clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <nav className="flex flex-col gap-0.5 px-2" aria-label="Main">
          {nav.map((item) => {
            const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cx(
                  'rounded-md px-3 py-1.5 text-sm',
                  active
                    ? 'bg-blue-50 font-medium text-blue-700 dark:bg-blue-950 dark:text-blue-300'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
                )}
              >
                {item.label}
                {'badge' in item && item.badge}
              </Link>
            );
          })}
        </nav>
        <div className="mt-auto space-y-3 p-4">
          <UserMenu me={me} />
          <ThemeToggle />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-6">{children}</main>
    </div>
  );
}

/** Failed connector tasks across the cluster's Connect clusters, beside the Connect link (read with the list the Connect page shows). */
function FailedTasks({ cluster, clusters }: { cluster: string; clusters: PublicCluster[] }) {
  const hasConnect = (clusters.find((c) => c.id === cluster)?.connect.length ?? 0) > 0;
  const can = useCan('connect:view', { cluster });
  const { data } = useConnectorsQuery(cluster, {}, hasConnect && can.allowed);
  const failed = (data?.connectors ?? []).reduce((n, k) => n + k.tasks.failed, 0);
  if (!failed) return null;
  return (
    <span
      className="ml-2 rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800 dark:bg-red-900/60 dark:text-red-200"
      title={`${failed} failed task(s)`}
      data-testid="nav-failed-tasks"
    >
      {failed}
    </span>
  );
}
