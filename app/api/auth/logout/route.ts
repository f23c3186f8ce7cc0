import { handle } from '@/lib/api/handler';
import { logout } from '@/lib/api/ops/auth';
import { logoutResponse } from '@/lib/auth/login';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(logout, ({ request, principal }) => logoutResponse(consoleConfig(), request, principal));
