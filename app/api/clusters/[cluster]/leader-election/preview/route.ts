import { handle } from '@/lib/api/handler';
import { previewLeaderElection } from '@/lib/api/ops/leaders';
import { previewElection } from '@/lib/kafka/leaders';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(previewLeaderElection, async ({ params, body }) => previewElection(await clients(params.cluster), body.scope));
