import { handle } from '@/lib/api/handler';
import { previewDeleteAcls } from '@/lib/api/ops/acls';
import * as acls from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewDeleteAcls, async ({ params, body }) => acls.previewDelete(await clients(params.cluster), body.filter));
