import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { listClusterConfigs } from '@/lib/kafka/registry';
import { publicCluster } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** The audit trail is console-wide; the shell's cluster switcher starts on the first cluster. */
export default function AuditLayout({ children }: { children: ReactNode }) {
  const clusters = listClusterConfigs().map(publicCluster);
  return (
    <AppShell cluster={clusters[0].id} clusters={clusters}>
      {children}
    </AppShell>
  );
}
