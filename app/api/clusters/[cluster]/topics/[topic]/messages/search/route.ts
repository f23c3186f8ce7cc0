import { handle } from '@/lib/api/handler';
import { searchMessages } from '@/lib/api/ops/messages';
import { sseResponse } from '@/lib/api/sse';
import { openSearch } from '@/lib/kafka/messages/streams';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(searchMessages, async ({ params, query, request }) => {
  const { q, field, match, ignoreCase, headerKey, ...rest } = query;
  const filter = q || headerKey ? { text: q ?? '', field, mode: match, ignoreCase, headerKey } : null;
  return sseResponse(request, await openSearch(params.cluster, params.topic, { ...rest, filter }));
});
