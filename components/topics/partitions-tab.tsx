'use client';
import { useTopicQuery } from '@/lib/queries/topics';
import type { PartitionDetail } from '@/lib/types';
import { cli } from '@/lib/cli-commands';
import { Badge, Card, CliHint, ErrorPanel, Loading, cx, th, td } from '@/components/ui/primitives';
import { HeaderRow, VirtualRows } from '@/components/ui/virtual-rows';
import { formatCount } from './format';
import { useBootstrap } from './use-bootstrap';
import type { TopicTabProps } from './topic-tabs';
import Link from 'next/link';
import { paths } from '@/lib/paths';
import { LeaderElectionCard } from '@/components/brokers/leader-election';

const GRID = '6rem 6rem minmax(7rem,1fr) minmax(7rem,1fr) minmax(7rem,1fr) repeat(3, minmax(7rem,1fr)) minmax(10rem,1.5fr)';
const list = (ids: number[]) => (ids.length ? ids.join(',') : '—');

export function PartitionsTab({ cluster, topic }: TopicTabProps) {
  const bootstrap = useBootstrap(cluster);
  const { data, error, isPending } = useTopicQuery(cluster, topic);
  if (isPending) return <Loading label="Describing partitions…" />;
  if (error) return <ErrorPanel title={`Topic ${topic} could not be described`} message={error.message} />;
  const maxReplicas = Math.max(1, ...data.brokers.map((b) => b.replicas));
  return (
    <div className="space-y-4">
      <Card title="Partitions">
        <div role="table" aria-label="Partitions" data-testid="partitions-table">
          <HeaderRow columns={GRID}>
            {['Partition', 'Leader', 'Replicas', 'ISR', 'Offline replicas', 'Start offset', 'End offset', 'Messages', 'Status'].map((h, i) => (
              <div role="columnheader" key={h} className={cx(th, i >= 5 && i <= 7 && 'text-right')}>
                {h}
              </div>
            ))}
          </HeaderRow>
          <VirtualRows<PartitionDetail>
            items={data.partitions}
            rowKey={(p) => String(p.partition)}
            columns={GRID}
            rowClassName={(p) => (p.leaderless ? 'bg-red-50 dark:bg-red-950/40' : p.underReplicated ? 'bg-amber-50 dark:bg-amber-950/40' : undefined)}
            renderRow={(p) => (
              <>
                <div role="cell" className={td} data-testid="partition-id">
                  {p.partition}
                </div>
                <div role="cell" className={td} data-testid="partition-leader">
                  {p.leader < 0 ? 'none' : p.leader}
                </div>
                <div role="cell" className={td} data-testid="partition-replicas">
                  {list(p.replicas)}
                </div>
                <div role="cell" className={td} data-testid="partition-isr">
                  {list(p.isr)}
                </div>
                <div role="cell" className={td}>
                  {list(p.offlineReplicas)}
                </div>
                <div role="cell" className={cx(td, 'text-right')}>
                  {p.start ?? '—'}
                </div>
                <div role="cell" className={cx(td, 'text-right')}>
                  {p.end ?? '—'}
                </div>
                <div role="cell" className={cx(td, 'text-right')}>
                  {formatCount(p.messages)}
                </div>
                <div role="cell" className={cx(td, 'flex flex-wrap gap-1')} data-testid="partition-status">
                  {p.leaderless && <Badge tone="bad">no leader</Badge>}
                  {p.underReplicated && <Badge tone="warn">under-replicated</Badge>}
                  {!p.leaderless && !p.underReplicated && <Badge tone="good">ok</Badge>}
                </div>
              </>
            )}
          />
        </div>
        <CliHint command={cli.describeTopic(bootstrap, topic)} />
      </Card>

      <Card title="Leaders and replicas per broker">
        <table className="w-full max-w-2xl" data-testid="topic-broker-skew">
          <thead>
            <tr>
              <th className={th}>Broker</th>
              <th className={th}>Leaders</th>
              <th className={th}>Replicas</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.brokers.map((b) => (
              <tr key={b.id} data-testid={`skew-broker-${b.id}`}>
                <td className={td}>
                  {b.id} {!b.live && <Badge tone="bad">down</Badge>}
                </td>
                <td className={td}>
                  <div className="flex items-center gap-2">
                    <span className="w-8 text-right" data-testid="skew-leaders">
                      {b.leaders}
                    </span>
                    <span className="h-2 rounded bg-blue-500" style={{ width: `${(b.leaders / maxReplicas) * 160}px` }} aria-hidden />
                  </div>
                </td>
                <td className={td}>
                  <div className="flex items-center gap-2">
                    <span className="w-8 text-right" data-testid="skew-replicas">
                      {b.replicas}
                    </span>
                    <span className="h-2 rounded bg-slate-400" style={{ width: `${(b.replicas / maxReplicas) * 160}px` }} aria-hidden />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500">Leaders piled on one broker overload it; an even spread is healthy.</p>
        <p className="mt-2 text-sm">
          <Link className="text-blue-700 underline dark:text-blue-300" href={paths.reassignments(cluster, topic)} data-testid="rebalance-topic">
            Rebalance {topic}&apos;s replicas or change its replication factor…
          </Link>
          {' · '}
          <Link className="text-blue-700 underline dark:text-blue-300" href={paths.storage(cluster, topic)} data-testid="topic-storage">
            Size of each replica and its log dir…
          </Link>
        </p>
      </Card>
      <LeaderElectionCard cluster={cluster} topic={topic} />
    </div>
  );
}
