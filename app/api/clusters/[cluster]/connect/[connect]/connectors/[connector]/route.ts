import { handle } from '@/lib/api/handler';
import { deleteConnector, getConnector } from '@/lib/api/ops/connect';
import { deleteConnector as remove, getConnector as get } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getConnector, ({ params }) => get(params.cluster, params.connect, params.connector));
export const DELETE = handle(deleteConnector, ({ params }) => remove(params.cluster, params.connect, params.connector));
