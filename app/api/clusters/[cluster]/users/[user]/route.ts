import { handle } from '@/lib/api/handler';
import { changeScramPassword, deleteScramUser } from '@/lib/api/ops/users';
import { clients } from '@/lib/kafka/registry';
import { deleteScramCredential, upsertScramUser } from '@/lib/kafka/scram';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(changeScramPassword, async ({ params, body }) =>
  upsertScramUser(await clients(params.cluster), { ...body, user: params.user }, 'change'),
);
export const DELETE = handle(deleteScramUser, async ({ params, body }) => deleteScramCredential(await clients(params.cluster), params.user, body.mechanism));
