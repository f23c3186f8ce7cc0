import { handle } from '@/lib/api/handler';
import { restartConnectorTask } from '@/lib/api/ops/connect';
import { restartTask } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(restartConnectorTask, ({ params }) => restartTask(params.cluster, params.connect, params.connector, Number(params.task)));
