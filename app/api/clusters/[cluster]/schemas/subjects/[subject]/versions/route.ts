import { handle } from '@/lib/api/handler';
import { registerSchema } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { registerSchema as register } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(registerSchema, async ({ params, body }) => register(requireRegistry(params.cluster), params.subject, body));
