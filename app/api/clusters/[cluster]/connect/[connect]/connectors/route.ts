import { handle } from '@/lib/api/handler';
import { createConnector } from '@/lib/api/ops/connect';
import { createConnector as create } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(createConnector, ({ params, body }) => create(params.cluster, params.connect, body.name, body.config));
