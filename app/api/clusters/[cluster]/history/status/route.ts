import { handle } from '@/lib/api/handler';
import { getHistoryStatus } from '@/lib/api/ops/history';
import { clusterHistory } from '@/lib/history/service';
import { clusterConfig } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getHistoryStatus, ({ params }) => {
  clusterConfig(params.cluster);
  return { status: clusterHistory(params.cluster)?.snapshot() ?? null };
});
