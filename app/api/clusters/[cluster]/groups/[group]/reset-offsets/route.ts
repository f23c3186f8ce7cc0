import { handle } from '@/lib/api/handler';
import { executeResetOffsets } from '@/lib/api/ops/groups';
import { executeReset } from '@/lib/kafka/groups/reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(executeResetOffsets, ({ params, body }) => executeReset(params.cluster, params.group, body.offsets));
