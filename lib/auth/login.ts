import 'server-only';
import { createHash } from 'node:crypto';
import { ApiError } from '@/lib/errors';
import { consoleConfig, type ConsoleConfig } from '@/lib/config';
import { PEER_HEADER } from '@/lib/public-url';
import { auditActor, recordAudit } from '@/lib/audit/log';
import { dummyHash, verifyPassword } from './passwords';
import { localUserGrants } from './principal';
import { clearSessionCookie, sessionCookie, type Principal } from './session';
import type { Me } from '@/lib/schemas/auth';

/** Failed sign-ins per user name and per client address, in the last minute. */
const failures = new Map<string, number[]>();
const MAX_FAILURES = 10;

function recentFailures(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < 60_000);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/**
 * The client's address, for the sign-in limit and the audit trail: the connection's peer
 * (set by the server, see unroutable-methods.ts); X-Forwarded-For only when the config says
 * a proxy in front sets it (auth.trustForwardedFor), since any client can send one.
 */
export function clientAddress(request: Request, config: ConsoleConfig = consoleConfig()): string {
  if (config.auth.trustForwardedFor) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0].trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get(PEER_HEADER) ?? 'local';
}

export function publicPrincipal(config: ConsoleConfig, p: Principal): Me {
  return {
    user: p.user,
    via: p.via,
    grants: p.grants,
    ...(p.mapping ? { mapping: p.mapping } : {}),
    expiresAt: new Date((p.iat + config.auth.session.maxHours * 3600) * 1000).toISOString(),
  };
}

export async function localLogin(config: ConsoleConfig, request: Request, username: string, password: string): Promise<Response> {
  if (config.auth.mode === 'none') throw new ApiError('not_found', 'Sign-in is turned off on this console (auth.mode is none)');
  if (config.auth.users.length === 0) throw new ApiError('not_found', 'This console has no local users; sign in with single sign-on');
  const now = Date.now();
  const keys = [`u:${username}`, `ip:${clientAddress(request)}`];
  if (keys.some((k) => recentFailures(k, now).length >= MAX_FAILURES)) {
    const known = config.auth.users.some((u) => u.username === username);
    await recordAudit({
      actor: { user: known ? username : null, via: 'local', roles: [] },
      action: 'login',
      result: { status: 429, ok: false, error: 'too many failed attempts' },
      ip: clientAddress(request),
    });
    throw new ApiError('too_many_requests', 'Too many failed sign-ins; wait a minute and try again');
  }
  const user = config.auth.users.find((u) => u.username === username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    for (const k of keys) failures.set(k, [...recentFailures(k, now), now]);
    // An unknown name is often a password typed into the wrong field: record only a hash of it.
    const who = user ? { user: username } : { user: null, params: { unknownUser: createHash('sha256').update(username).digest('hex').slice(0, 12) } };
    await recordAudit({
      actor: { user: who.user, via: 'local', roles: [] },
      action: 'login',
      ...(who.params ? { params: who.params } : {}),
      result: { status: 401, ok: false, error: user ? 'wrong password' : 'unknown user name' },
      ip: clientAddress(request),
    });
    throw new ApiError('unauthorized', 'Wrong user name or password');
  }
  const t = Math.floor(now / 1000);
  const principal: Principal = { user: user.username, via: 'local', grants: localUserGrants(config, user.username) ?? [], iat: t, seen: t };
  await recordAudit({ actor: auditActor(principal), action: 'login', result: { status: 200, ok: true }, ip: clientAddress(request) });
  const res = Response.json(publicPrincipal(config, principal));
  res.headers.append('set-cookie', await sessionCookie(config, request, principal));
  return res;
}

export async function logoutResponse(config: ConsoleConfig, request: Request, p: Principal | null): Promise<Response> {
  if (p && p.via !== 'none') {
    await recordAudit({ actor: auditActor(p), action: 'logout', result: { status: 200, ok: true }, ip: clientAddress(request) });
  }
  const res = Response.json({ ok: true });
  res.headers.append('set-cookie', clearSessionCookie(config, request));
  return res;
}
