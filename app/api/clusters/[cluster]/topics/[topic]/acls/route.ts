import { handle } from '@/lib/api/handler';
import { topicAcls } from '@/lib/api/ops/acls';
import { aclsFor } from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(topicAcls, async ({ params }) => aclsFor(await clients(params.cluster), 'topic', params.topic));
