import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { pageSession } from '@/lib/auth/page-session';
import { allows, topRole } from '@/lib/auth/roles';
import { publicCluster } from '@/lib/config';
import { listClusterConfigs } from '@/lib/kafka/registry';

/**
 * The signed-in frame of every console page: asks for sign-in first, then the app shell
 * with the user's role on `cluster` (the first configured one for console-wide pages).
 */
export async function ConsoleShell({ cluster, children }: { cluster?: string; children: ReactNode }) {
  const principal = await pageSession();
  const clusters = listClusterConfigs().map(publicCluster);
  const current = cluster ?? clusters[0].id;
  return (
    <AppShell
      cluster={current}
      clusters={clusters}
      me={{ user: principal.user, via: principal.via, role: topRole(principal.grants, current), admin: allows(principal.grants, 'audit:view', {}) }}
    >
      {children}
    </AppShell>
  );
}
