import { handle } from '@/lib/api/handler';
import { connectorAction } from '@/lib/api/ops/connect';
import { connectorAction as act } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(connectorAction, ({ params, body }) => act(params.cluster, params.connect, params.connector, body));
