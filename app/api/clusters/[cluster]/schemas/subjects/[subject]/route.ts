import { handle } from '@/lib/api/handler';
import { deleteSubject, getSubject } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { deleteSubject as remove, getSubject as get } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getSubject, async ({ params }) => get(requireRegistry(params.cluster), params.subject));
export const DELETE = handle(deleteSubject, async ({ params, body }) => remove(requireRegistry(params.cluster), params.subject, body.permanent));
