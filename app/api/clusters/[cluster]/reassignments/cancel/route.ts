import { handle } from '@/lib/api/handler';
import { cancelReassignment } from '@/lib/api/ops/reassignments';
import { cancelReassignment as cancel } from '@/lib/kafka/reassign/run';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(cancelReassignment, async ({ params, body }) => cancel(await clients(params.cluster), body.partitions));
