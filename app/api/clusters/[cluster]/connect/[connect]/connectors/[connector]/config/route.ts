import { handle } from '@/lib/api/handler';
import { updateConnectorConfig } from '@/lib/api/ops/connect';
import { updateConfig } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(updateConnectorConfig, ({ params, body }) => updateConfig(params.cluster, params.connect, params.connector, body.config));
