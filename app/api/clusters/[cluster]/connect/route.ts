import { handle } from '@/lib/api/handler';
import { listConnectors } from '@/lib/api/ops/connect';
import { listConnectors as list } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listConnectors, ({ params, query }) => list(params.cluster, query));
