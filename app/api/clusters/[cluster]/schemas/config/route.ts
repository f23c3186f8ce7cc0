import { handle } from '@/lib/api/handler';
import { setGlobalCompatibility } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { setCompatibility } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle(setGlobalCompatibility, async ({ params, body }) => setCompatibility(requireRegistry(params.cluster), null, body.compatibility));
