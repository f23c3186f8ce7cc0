'use client';
import Link from 'next/link';
import type { ComponentType } from 'react';
import { paths, withQuery } from '@/lib/paths';
import { cx } from '@/components/ui/primitives';
import { PartitionsTab } from './partitions-tab';
import { TopicConfigsTab } from './topic-configs-tab';
import { ResourceAcls } from '@/components/security/resource-acls';
import { TopicHistoryTab } from '@/components/history/topic-history';
import { TopicConnectors } from '@/components/connect/topic-connectors';
import { TopicSchemas } from '@/components/schemas/topic-schemas';

function TopicAclsTab({ cluster, topic }: TopicTabProps) {
  return <ResourceAcls cluster={cluster} kind="topic" name={topic} />;
}

export interface TopicTabProps {
  cluster: string;
  topic: string;
}

/**
 * The topic page's tabs, in order. To add one, append an entry here: its id becomes `?tab=<id>`
 * in the URL. Messages is its own page (/topics/{topic}/messages), linked last in the tab bar.
 */
export const topicTabs: { id: string; label: string; Component: ComponentType<TopicTabProps> }[] = [
  { id: 'partitions', label: 'Partitions', Component: PartitionsTab },
  { id: 'configs', label: 'Configs', Component: TopicConfigsTab },
  { id: 'throughput', label: 'Throughput', Component: TopicHistoryTab },
  { id: 'acls', label: 'ACLs', Component: TopicAclsTab },
  { id: 'connectors', label: 'Connectors', Component: TopicConnectors },
  { id: 'schemas', label: 'Schemas', Component: TopicSchemas },
];

export function topicTab(id: string | undefined) {
  return topicTabs.find((t) => t.id === id) ?? topicTabs[0];
}

export function TopicTabBar({ cluster, topic, active }: TopicTabProps & { active: string }) {
  return (
    <nav aria-label="Topic sections" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {topicTabs.map((t) => (
        <Link
          key={t.id}
          href={withQuery(paths.topic(cluster, topic), { tab: t.id === topicTabs[0].id ? undefined : t.id })}
          aria-current={t.id === active ? 'page' : undefined}
          className={cx(
            '-mb-px border-b-2 px-3 py-2 text-sm',
            t.id === active
              ? 'border-blue-600 font-medium text-blue-700 dark:text-blue-300'
              : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
          )}
        >
          {t.label}
        </Link>
      ))}
      <Link
        href={paths.messages(cluster, topic)}
        aria-current={active === 'messages' ? 'page' : undefined}
        className={cx(
          '-mb-px border-b-2 px-3 py-2 text-sm',
          active === 'messages'
            ? 'border-blue-600 font-medium text-blue-700 dark:text-blue-300'
            : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
        )}
      >
        Messages
      </Link>
    </nav>
  );
}
