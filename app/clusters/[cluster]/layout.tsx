import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { AppShell } from '@/components/layout/app-shell';
import { listClusterConfigs } from '@/lib/kafka/registry';
import { publicCluster } from '@/lib/config';
import { pageSession } from '@/lib/auth/page-session';
import { allows, topRole } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const principal = await pageSession();
  const clusters = listClusterConfigs().map(publicCluster);
  if (!clusters.some((c) => c.id === cluster)) notFound();
  return (
    <AppShell
      cluster={cluster}
      clusters={clusters}
      me={{ user: principal.user, via: principal.via, role: topRole(principal.grants, cluster), admin: allows(principal.grants, 'audit:view', {}) }}
    >
      {children}
    </AppShell>
  );
}
