import { handle } from '@/lib/api/handler';
import { getTopicsHistorySummary } from '@/lib/api/ops/history';
import { allows } from '@/lib/auth/roles';
import { ApiError } from '@/lib/errors';
import { topicsSummary } from '@/lib/history/query';
import { clusterConfig } from '@/lib/kafka/registry';
import { MAX_SUMMARY_ROWS } from '@/lib/schemas/history';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopicsHistorySummary, ({ params, query, principal }) => {
  clusterConfig(params.cluster);
  const names = [...new Set(query.names.split(',').filter(Boolean))];
  if (names.length > MAX_SUMMARY_ROWS)
    throw new ApiError('payload_too_large', `At most ${MAX_SUMMARY_ROWS} topics at once (got ${names.length})`, { field: 'names' });
  const can = (p: 'topics:view' | 'groups:view', t: { topic?: string; group?: string }) =>
    !!principal && allows(principal.grants, p, { cluster: params.cluster, ...t });
  return topicsSummary(
    params.cluster,
    names.filter((topic) => can('topics:view', { topic })),
    (group) => can('groups:view', { group }),
  );
});
