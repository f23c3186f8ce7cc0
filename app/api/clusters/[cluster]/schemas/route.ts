import { handle } from '@/lib/api/handler';
import { getSchemaRegistry } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { registryInfo } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getSchemaRegistry, async ({ params }) => registryInfo(requireRegistry(params.cluster)));
