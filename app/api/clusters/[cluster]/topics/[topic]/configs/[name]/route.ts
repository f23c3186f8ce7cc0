import { handle } from '@/lib/api/handler';
import { deleteTopicConfig, setTopicConfig } from '@/lib/api/ops/topics';
import { alterOneConfig } from '@/lib/kafka/configs';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(setTopicConfig, async ({ params, body }) =>
  alterOneConfig(await clients(params.cluster), 'topic', params.topic, params.name, 'set', body.value, body.validateOnly),
);
export const DELETE = handle(deleteTopicConfig, async ({ params }) =>
  alterOneConfig(await clients(params.cluster), 'topic', params.topic, params.name, 'delete', null, false),
);
