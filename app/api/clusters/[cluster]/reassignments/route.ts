import { handle } from '@/lib/api/handler';
import { executeReassignment, getReassignments } from '@/lib/api/ops/reassignments';
import { executeReassignment as execute, reassignmentStatus } from '@/lib/kafka/reassign/run';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getReassignments, async ({ params }) => reassignmentStatus(await clients(params.cluster), params.cluster));
export const POST = handle(executeReassignment, async ({ params, body }) => execute(await clients(params.cluster), body));
