import { handle } from '@/lib/api/handler';
import { previewShareResetOffsets } from '@/lib/api/ops/groups';
import { previewShareReset } from '@/lib/kafka/groups/share-reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewShareResetOffsets, ({ params, body }) => previewShareReset(params.cluster, params.group, body.scope, body.strategy));
