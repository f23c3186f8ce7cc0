import { handle } from '@/lib/api/handler';
import { listGroups } from '@/lib/api/ops/groups';
import { listGroupsPage } from '@/lib/kafka/groups/list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listGroups, ({ params, query }) => listGroupsPage(params.cluster, query));
