import { TopicsView } from '@/components/topics/topics-view';

export default async function TopicsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <TopicsView cluster={cluster} />;
}
