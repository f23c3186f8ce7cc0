import { handle } from '@/lib/api/handler';
import { electLeaders } from '@/lib/api/ops/leaders';
import { electPreferred } from '@/lib/kafka/leaders';
import { clients } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(electLeaders, async ({ params, body }) => electPreferred(await clients(params.cluster), body.scope));
