import { handle } from '@/lib/api/handler';
import { electUnclean } from '@/lib/api/ops/leaders';
import { electUnclean as elect } from '@/lib/kafka/leaders';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(electUnclean, async ({ params, body }) => elect(await clients(params.cluster), body));
