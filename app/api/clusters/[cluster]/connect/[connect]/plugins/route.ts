import { handle } from '@/lib/api/handler';
import { listConnectPlugins } from '@/lib/api/ops/connect';
import { listPlugins } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listConnectPlugins, ({ params }) => listPlugins(params.cluster, params.connect));
