import { handle } from '@/lib/api/handler';
import { alterConnectorOffsets, resetConnectorOffsets } from '@/lib/api/ops/connect';
import { alterOffsets, resetOffsets } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PATCH = handle(alterConnectorOffsets, ({ params, body }) => alterOffsets(params.cluster, params.connect, params.connector, body.offsets));
export const DELETE = handle(resetConnectorOffsets, ({ params }) => resetOffsets(params.cluster, params.connect, params.connector));
