import { handle } from '@/lib/api/handler';
import { getBrokerConfigs } from '@/lib/api/ops/brokers';
import { describeConfigs } from '@/lib/kafka/configs';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getBrokerConfigs, async ({ params }) => describeConfigs(await clients(params.cluster), 'broker', params.broker));
