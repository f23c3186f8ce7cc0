import { handle } from '@/lib/api/handler';
import { createTopic, listTopics } from '@/lib/api/ops/topics';
import { createTopic as create, listTopics as list } from '@/lib/kafka/topics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listTopics, ({ params, query }) => list(params.cluster, query));
export const POST = handle(createTopic, ({ params, body }) => create(params.cluster, body));
