import { listTopics } from '@/lib/kafka/topics';
import type { TopicList } from '@/lib/types';
import { DEFAULT_TOPIC_LIST } from '@/lib/schemas/topics';
import { TopicsView } from '@/components/topics/topics-view';
import { pageAllows, pageSession } from '@/lib/auth/page-session';

/** How long the server waits for Kafka before leaving the first page to the browser. */
const PREFETCH_MS = 1_500;

/**
 * The first page of the default view is read on the server, so its rows are in the HTML
 * and visible before the JavaScript runs; a slow or unreachable cluster falls back to
 * the browser's own request (which shows the error).
 */
async function firstPage(cluster: string): Promise<TopicList | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), PREFETCH_MS)));
  try {
    return await Promise.race([listTopics(cluster, DEFAULT_TOPIC_LIST).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export default async function TopicsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // The first page is read here, outside the API: the same permission applies.
  const principal = await pageSession();
  const initial = pageAllows(principal, 'topics:view', { cluster }) ? await firstPage(cluster) : null;
  return <TopicsView cluster={cluster} initial={initial} />;
}
