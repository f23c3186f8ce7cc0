import { handle } from '@/lib/api/handler';
import { deleteBrokerConfig, setBrokerConfig } from '@/lib/api/ops/brokers';
import { alterOneConfig } from '@/lib/kafka/configs';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(setBrokerConfig, async ({ params, body }) =>
  alterOneConfig(await clients(params.cluster), 'broker', params.broker, params.name, 'set', body.value, body.validateOnly),
);
export const DELETE = handle(deleteBrokerConfig, async ({ params }) =>
  alterOneConfig(await clients(params.cluster), 'broker', params.broker, params.name, 'delete', null, false),
);
