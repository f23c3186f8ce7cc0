import { handle } from '@/lib/api/handler';
import { oidcStart } from '@/lib/api/ops/auth';
import { startOidcSignIn } from '@/lib/auth/oidc';
import { consoleConfig } from '@/lib/config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(oidcStart, ({ request, query }) => startOidcSignIn(consoleConfig(), request, query.next));
