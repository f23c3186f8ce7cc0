import { handle } from '@/lib/api/handler';
import { previewResetOffsets } from '@/lib/api/ops/groups';
import { previewReset } from '@/lib/kafka/groups/reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewResetOffsets, ({ params, body }) => previewReset(params.cluster, params.group, body.scope, body.strategy));
