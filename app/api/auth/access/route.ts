import { handle } from '@/lib/api/handler';
import { getAccess } from '@/lib/api/ops/auth';
import { accessReport } from '@/lib/auth/access';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getAccess, ({ query }) => accessReport(consoleConfig(), query.limit));
