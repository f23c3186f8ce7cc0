import { handle } from '@/lib/api/handler';
import { getTopicConnectors } from '@/lib/api/ops/connect';
import { topicConnectors } from '@/lib/connect/connectors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopicConnectors, ({ params }) => topicConnectors(params.cluster, params.topic));
