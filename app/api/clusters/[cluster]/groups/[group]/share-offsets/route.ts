import { handle } from '@/lib/api/handler';
import { executeShareResetOffsets } from '@/lib/api/ops/groups';
import { executeShareReset } from '@/lib/kafka/groups/share-reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(executeShareResetOffsets, ({ params, body }) => executeShareReset(params.cluster, params.group, body.offsets));
