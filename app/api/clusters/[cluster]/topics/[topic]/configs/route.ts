import { handle } from '@/lib/api/handler';
import { getTopicConfigs } from '@/lib/api/ops/topics';
import { describeConfigs } from '@/lib/kafka/configs';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopicConfigs, async ({ params }) => describeConfigs(await clients(params.cluster), 'topic', params.topic));
