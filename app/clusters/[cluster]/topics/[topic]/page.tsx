import { TopicView } from '@/components/topics/topic-view';

export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string; topic: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const [{ cluster, topic }, { tab }] = await Promise.all([params, searchParams]);
  return <TopicView cluster={cluster} topic={decodeURIComponent(topic)} tab={tab} />;
}
