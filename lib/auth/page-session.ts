import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { consoleConfig } from '@/lib/config';
import { principalOf } from './principal';
import { allows, type Permission, type Target } from './roles';
import { SESSION_COOKIE, type Principal } from './session';

/** The current path (set by proxy.ts), for the sign-in page's return address. */
async function currentPath(): Promise<string> {
  return (await headers()).get('x-pathname') ?? '/';
}

/** For server components: the signed-in user, or a redirect to the sign-in page. */
export async function pageSession(): Promise<Principal> {
  const config = consoleConfig();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const principal = await principalOf(token, config);
  if (!principal) redirect(`/login?next=${encodeURIComponent(await currentPath())}`);
  return principal;
}

/** Whether the signed-in user may see data a server component is about to read itself. */
export function pageAllows(p: Principal, permission: Permission, target: Target): boolean {
  return allows(p.grants, permission, target, true);
}
