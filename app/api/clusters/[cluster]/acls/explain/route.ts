import { handle } from '@/lib/api/handler';
import { explainAcl } from '@/lib/api/ops/acls';
import * as acls from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(explainAcl, async ({ params, query }) => acls.explain(await clients(params.cluster), query));
