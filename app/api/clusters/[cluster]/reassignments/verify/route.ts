import { handle } from '@/lib/api/handler';
import { verifyReassignment } from '@/lib/api/ops/reassignments';
import { verifyReassignment as verify } from '@/lib/kafka/reassign/run';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(verifyReassignment, async ({ params, body }) => verify(await clients(params.cluster), body.partitions));
