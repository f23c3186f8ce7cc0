'use client';
import { useState } from 'react';
import Link from 'next/link';
import { paths } from '@/lib/paths';
import { useOverviewQuery } from '@/lib/queries/clusters';
import { ConfigsTable } from '@/components/configs/configs-table';
import { LeaderElectionCard } from './leader-election';
import { FeaturesCard, QuorumCard } from './quorum-card';
import { Badge, Button, Card, ErrorPanel, Loading, th, td } from '@/components/ui/primitives';

export function BrokersView({ cluster }: { cluster: string }) {
  const { data, error, isPending } = useOverviewQuery(cluster);
  const [selected, setSelected] = useState<number | null>(null);
  if (isPending) return <Loading label="Asking the cluster…" />;
  if (error) return <ErrorPanel title="Brokers could not be listed" message={error.message} />;
  const current = selected ?? data.brokers.find((b) => b.reachable)?.id ?? null;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Brokers</h1>
        <div className="flex gap-4">
          <Link className="text-sm text-blue-700 underline dark:text-blue-300" href={paths.reassignments(cluster)}>
            Rebalance or empty a broker…
          </Link>
          <Link className="text-sm text-blue-700 underline dark:text-blue-300" href={paths.storage(cluster)}>
            Log dirs and sizes…
          </Link>
        </div>
      </div>
      <Card title="Brokers">
        <table className="w-full" data-testid="brokers-list">
          <thead>
            <tr>
              <th className={th}>ID</th>
              <th className={th}>Address</th>
              <th className={th}>Rack</th>
              <th className={th}>Status</th>
              <th className={th}>Partition leaders</th>
              <th className={th}>Replicas</th>
              <th className={th} />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.brokers.map((b) => (
              <tr key={b.id} data-testid={`broker-${b.id}`} className={b.id === current ? 'bg-blue-50/60 dark:bg-blue-950/40' : undefined}>
                <td className={td}>
                  {b.id} {b.isController && <Badge tone="info">controller</Badge>}
                </td>
                <td className={`${td} font-mono`}>{b.host ? `${b.host}:${b.port}` : '—'}</td>
                <td className={td}>{b.rack ?? '—'}</td>
                <td className={td}>{b.reachable ? <Badge tone="good">reachable</Badge> : <Badge tone="bad">unreachable</Badge>}</td>
                <td className={td} data-testid="broker-leaders">
                  {b.leaders}
                </td>
                <td className={td} data-testid="broker-replicas">
                  {b.replicas}
                </td>
                <td className={td}>
                  <Button
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    disabled={!b.reachable}
                    aria-pressed={b.id === current}
                    onClick={() => setSelected(b.id)}
                  >
                    Configs of {b.id}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <QuorumCard cluster={cluster} />
        <FeaturesCard cluster={cluster} />
      </div>
      <LeaderElectionCard cluster={cluster} />
      {current !== null && <ConfigsTable key={current} cluster={cluster} resource={{ type: 'broker', name: String(current) }} />}
    </div>
  );
}
