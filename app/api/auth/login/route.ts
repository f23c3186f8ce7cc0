import { handle } from '@/lib/api/handler';
import { login } from '@/lib/api/ops/auth';
import { localLogin } from '@/lib/auth/login';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(login, ({ request, body }) => localLogin(consoleConfig(), request, body.username, body.password));
