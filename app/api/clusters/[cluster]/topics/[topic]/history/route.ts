import { handle } from '@/lib/api/handler';
import { getTopicHistory } from '@/lib/api/ops/history';
import { allows } from '@/lib/auth/roles';
import { topicHistory } from '@/lib/history/query';
import { clusterConfig } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopicHistory, ({ params, query, principal }) => {
  clusterConfig(params.cluster);
  const canSee = (group: string) => !!principal && allows(principal.grants, 'groups:view', { cluster: params.cluster, group });
  return topicHistory(params.cluster, params.topic, query.range, canSee);
});
