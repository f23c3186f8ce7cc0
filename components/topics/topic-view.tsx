'use client';
import Link from 'next/link';
import { useState } from 'react';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import { useTopicQuery } from '@/lib/queries/topics';
import { Badge, Stat } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { AddPartitionsPanel, DeleteTopicPanel } from './topic-actions';
import { formatCount } from './format';
import { TopicTabBar, topicTab } from './topic-tabs';

export function TopicView({ cluster, topic, tab }: { cluster: string; topic: string; tab?: string }) {
  const { data } = useTopicQuery(cluster, topic);
  const [panel, setPanel] = useState<'partitions' | 'delete' | null>(null);
  const active = topicTab(tab);
  const canAlter = useCan('topics:alter', { cluster, topic });
  const canDelete = useCan('topics:delete', { cluster, topic });
  const Tab = active.Component;
  return (
    <div className="space-y-4">
      <div>
        <Link href={paths.topics(cluster)} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          ← Topics
        </Link>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold break-all">{topic}</h1>
        {data?.internal && <Badge>internal</Badge>}
        {data && data.underReplicated > 0 && <Badge tone="warn">{data.underReplicated} under-replicated</Badge>}
        {data && data.offline > 0 && <Badge tone="bad">{data.offline} without leader</Badge>}
        <div className="ml-auto flex gap-2">
          <GuardedButton
            can={canAlter}
            onClick={() => setPanel(panel === 'partitions' ? null : 'partitions')}
            disabled={!data}
            aria-expanded={panel === 'partitions'}
          >
            Add partitions
          </GuardedButton>
          <GuardedButton can={canDelete} variant="danger" onClick={() => setPanel(panel === 'delete' ? null : 'delete')} aria-expanded={panel === 'delete'}>
            Delete topic
          </GuardedButton>
        </div>
      </div>
      {data && (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label="Partitions" value={data.partitions.length} />
          <Stat label="Replication factor" value={data.replicationFactor} />
          <Stat label="Messages" value={formatCount(data.messages)} hint="Sum of end minus start offsets" />
          <Stat label="Under-replicated" value={data.underReplicated} tone={data.underReplicated ? 'warn' : 'good'} />
        </div>
      )}
      {panel === 'partitions' && data && canAlter.allowed && (
        <AddPartitionsPanel cluster={cluster} topic={topic} current={data.partitions.length} onClose={() => setPanel(null)} />
      )}
      {panel === 'delete' && canDelete.allowed && <DeleteTopicPanel cluster={cluster} topic={topic} onClose={() => setPanel(null)} />}
      <TopicTabBar cluster={cluster} topic={topic} active={active.id} />
      <Tab cluster={cluster} topic={topic} />
    </div>
  );
}
