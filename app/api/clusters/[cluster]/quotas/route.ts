import { handle } from '@/lib/api/handler';
import { alterQuota, listQuotas } from '@/lib/api/ops/quotas';
import { clients } from '@/lib/kafka/registry';
import { alterQuota as alter, listQuotas as list } from '@/lib/kafka/quotas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listQuotas, async ({ params, query }) => list(await clients(params.cluster), query.entityType));
export const PUT = handle(alterQuota, async ({ params, body }) => alter(await clients(params.cluster), body));
