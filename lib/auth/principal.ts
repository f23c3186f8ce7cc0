import 'server-only';
import type { ConsoleConfig } from '@/lib/config';
import { parseGrant, type Grant } from './roles';
import { openSession, readCookie, SESSION_COOKIE, type Principal } from './session';

/** Who is asking: the session cookie's principal, or everyone-is-admin when sign-in is off. */
export function authenticate(request: Request, config: ConsoleConfig): Promise<Principal | null> {
  return principalOf(readCookie(request.headers.get('cookie'), SESSION_COOKIE), config);
}

/** The principal of a session cookie's value (pages read it with next/headers' cookies()). */
export async function principalOf(token: string | null | undefined, config: ConsoleConfig): Promise<Principal | null> {
  if (config.auth.mode === 'none') {
    const now = Math.floor(Date.now() / 1000);
    return { user: 'anonymous', via: 'none', grants: [{ role: 'admin', cluster: '*' }], iat: now, seen: now };
  }
  return token ? openSession(config, token) : null;
}

export function localUserGrants(config: ConsoleConfig, username: string): Grant[] | null {
  const u = config.auth.users.find((x) => x.username === username);
  return u ? u.roles.map(parseGrant) : null;
}
