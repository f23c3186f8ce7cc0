import { handle } from '@/lib/api/handler';
import { createAcls, deleteAcls, listAcls } from '@/lib/api/ops/acls';
import * as acls from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listAcls, async ({ params, query }) => acls.listAcls(await clients(params.cluster), query));
export const POST = handle(createAcls, async ({ params, body }) => acls.createAcls(await clients(params.cluster), body.bindings));
export const DELETE = handle(deleteAcls, async ({ params, body }) => acls.deleteAcls(await clients(params.cluster), body.bindings));
