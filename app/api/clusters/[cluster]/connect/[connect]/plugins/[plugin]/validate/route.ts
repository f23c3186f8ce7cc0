import { handle } from '@/lib/api/handler';
import { validateConnectorConfig } from '@/lib/api/ops/connect';
import { validate } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(validateConnectorConfig, ({ params, body }) => validate(params.cluster, params.connect, params.plugin, body.config));
