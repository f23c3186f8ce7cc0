import { handle } from '@/lib/api/handler';
import { createScramUser, listScramUsers } from '@/lib/api/ops/users';
import { clients } from '@/lib/kafka/registry';
import { listScramUsers as list, upsertScramUser } from '@/lib/kafka/scram';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listScramUsers, async ({ params }) => list(await clients(params.cluster)));
export const POST = handle(createScramUser, async ({ params, body }) => upsertScramUser(await clients(params.cluster), body, 'create'));
