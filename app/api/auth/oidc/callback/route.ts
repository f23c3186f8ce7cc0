import { handle } from '@/lib/api/handler';
import { oidcCallback } from '@/lib/api/ops/auth';
import { finishOidcSignIn } from '@/lib/auth/oidc';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(oidcCallback, ({ request }) => finishOidcSignIn(consoleConfig(), request));
