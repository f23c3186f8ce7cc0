import { handle } from '@/lib/api/handler';
import { previewReassignment } from '@/lib/api/ops/reassignments';
import { previewPlan } from '@/lib/kafka/reassign/plan';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewReassignment, async ({ params, body }) => previewPlan(await clients(params.cluster), body.partitions));
