import { handle } from '@/lib/api/handler';
import { deleteTopic, getTopic } from '@/lib/api/ops/topics';
import { deleteTopic as remove, describeTopic } from '@/lib/kafka/topics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopic, ({ params }) => describeTopic(params.cluster, params.topic));
export const DELETE = handle(deleteTopic, ({ params }) => remove(params.cluster, params.topic));
