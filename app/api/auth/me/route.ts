import { handle } from '@/lib/api/handler';
import { getMe } from '@/lib/api/ops/auth';
import { publicPrincipal } from '@/lib/auth/login';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getMe, ({ principal }) => publicPrincipal(consoleConfig(), principal!));
