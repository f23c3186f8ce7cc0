import { handle } from '@/lib/api/handler';
import { previewAcls } from '@/lib/api/ops/acls';
import * as acls from '@/lib/kafka/acls';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewAcls, async ({ params, body }) => acls.previewAcls(await clients(params.cluster), body.wizard));
