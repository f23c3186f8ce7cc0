import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { ConsoleShell } from '@/components/layout/console-shell';
import { listClusterConfigs } from '@/lib/kafka/registry';

export const dynamic = 'force-dynamic';

export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  if (!listClusterConfigs().some((c) => c.id === cluster)) notFound();
  return <ConsoleShell cluster={cluster}>{children}</ConsoleShell>;
}
