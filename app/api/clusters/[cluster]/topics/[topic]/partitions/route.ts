import { handle } from '@/lib/api/handler';
import { addPartitions } from '@/lib/api/ops/topics';
import { addPartitions as add } from '@/lib/kafka/topics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(addPartitions, ({ params, body }) => add(params.cluster, params.topic, body.count, body.validateOnly));
