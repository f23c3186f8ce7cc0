import { handle } from '@/lib/api/handler';
import { getConnectPluginConfig } from '@/lib/api/ops/connect';
import { pluginConfig } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getConnectPluginConfig, ({ params }) => pluginConfig(params.cluster, params.connect, params.plugin));
