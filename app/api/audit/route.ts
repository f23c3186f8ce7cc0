import { handle } from '@/lib/api/handler';
import { listAudit } from '@/lib/api/ops/audit';
import { listAudit as list } from '@/lib/audit/trail';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listAudit, ({ query, principal }) => list(query, principal?.grants ?? []));
