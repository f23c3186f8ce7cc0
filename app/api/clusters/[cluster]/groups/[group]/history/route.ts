import { handle } from '@/lib/api/handler';
import { getGroupHistory } from '@/lib/api/ops/history';
import { groupHistory } from '@/lib/history/query';
import { clusterConfig } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getGroupHistory, ({ params, query }) => {
  clusterConfig(params.cluster);
  return groupHistory(params.cluster, params.group, query.range);
});
