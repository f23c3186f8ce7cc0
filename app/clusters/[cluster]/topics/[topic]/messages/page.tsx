import { MessagesView } from '@/components/messages/messages-view';

export default async function MessagesPage({ params }: { params: Promise<{ cluster: string; topic: string }> }) {
  const { cluster, topic } = await params;
  return <MessagesView cluster={cluster} topic={decodeURIComponent(topic)} />;
}
