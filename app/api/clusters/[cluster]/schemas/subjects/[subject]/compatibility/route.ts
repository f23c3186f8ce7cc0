import { handle } from '@/lib/api/handler';
import { checkSchemaCompatibility } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { checkCompatibility } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(checkSchemaCompatibility, async ({ params, body }) => checkCompatibility(requireRegistry(params.cluster), params.subject, body));
