import { handle } from '@/lib/api/handler';
import { groupAcls } from '@/lib/api/ops/acls';
import { aclsFor } from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(groupAcls, async ({ params }) => aclsFor(await clients(params.cluster), 'group', params.group));
