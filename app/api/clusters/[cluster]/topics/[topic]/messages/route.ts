import { handle } from '@/lib/api/handler';
import { browseMessages, produceMessage } from '@/lib/api/ops/messages';
import { browse } from '@/lib/kafka/messages/browse';
import { produce } from '@/lib/kafka/messages/produce';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(browseMessages, ({ params, query }) => browse(params.cluster, params.topic, query));

export const POST = handle(produceMessage, ({ params, body }) => produce(params.cluster, params.topic, body));
