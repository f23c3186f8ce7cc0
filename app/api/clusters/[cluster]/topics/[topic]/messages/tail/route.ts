import { handle } from '@/lib/api/handler';
import { tailMessages } from '@/lib/api/ops/messages';
import { sseResponse } from '@/lib/api/sse';
import { openTail } from '@/lib/kafka/messages/streams';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(tailMessages, async ({ params, query, request }) => {
  const { q, field, match, ignoreCase, headerKey, ...rest } = query;
  const filter = q || headerKey ? { text: q ?? '', field, mode: match, ignoreCase, headerKey } : null;
  return sseResponse(request, await openTail(params.cluster, params.topic, { ...rest, filter }));
});
