import { handle } from '@/lib/api/handler';
import { getGroupsHistorySummary } from '@/lib/api/ops/history';
import { allows } from '@/lib/auth/roles';
import { ApiError } from '@/lib/errors';
import { groupsSummary } from '@/lib/history/query';
import { clusterConfig } from '@/lib/kafka/registry';
import { MAX_SUMMARY_ROWS } from '@/lib/schemas/history';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getGroupsHistorySummary, ({ params, query, principal }) => {
  clusterConfig(params.cluster);
  const ids = [...new Set(query.ids.split(',').filter(Boolean))];
  if (ids.length > MAX_SUMMARY_ROWS)
    throw new ApiError('payload_too_large', `At most ${MAX_SUMMARY_ROWS} groups at once (got ${ids.length})`, { field: 'ids' });
  const visible = ids.filter((group) => !!principal && allows(principal.grants, 'groups:view', { cluster: params.cluster, group }));
  return groupsSummary(params.cluster, visible, query.range);
});
