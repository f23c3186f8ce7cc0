'use client';
import { ConfigsTable } from '@/components/configs/configs-table';
import type { TopicTabProps } from './topic-tabs';

export function TopicConfigsTab({ cluster, topic }: TopicTabProps) {
  return <ConfigsTable cluster={cluster} resource={{ type: 'topic', name: topic }} />;
}
