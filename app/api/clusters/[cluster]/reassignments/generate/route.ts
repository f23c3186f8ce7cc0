import { handle } from '@/lib/api/handler';
import { generateReassignment } from '@/lib/api/ops/reassignments';
import { generatePlan } from '@/lib/kafka/reassign/plan';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(generateReassignment, async ({ params, body }) => generatePlan(await clients(params.cluster), body));
