import { handle } from '@/lib/api/handler';
import { listSubjects } from '@/lib/api/ops/schemas';
import { requireRegistry } from '@/lib/schema-registry/client';
import { listSubjects as list } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listSubjects, async ({ params, query }) => list(requireRegistry(params.cluster), query));
