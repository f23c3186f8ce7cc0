import { handle } from '@/lib/api/handler';
import { getSchemaVersion } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { getVersion } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getSchemaVersion, async ({ params }) => getVersion(requireRegistry(params.cluster), params.subject, params.version));
