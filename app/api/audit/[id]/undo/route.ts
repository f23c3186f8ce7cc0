import { handle } from '@/lib/api/handler';
import { undoAuditEntry } from '@/lib/api/ops/audit';
import { undoAuditEntry as undo } from '@/lib/audit/undo';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(undoAuditEntry, ({ params, principal }) => undo(params.id, principal!));
