import 'server-only';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { resolveSecret, type ConsoleConfig } from '@/lib/config';
import { log } from '@/lib/log';
import type { Grant } from './roles';
import type { ClaimMapping } from '@/lib/schemas/auth';

/**
 * Sessions live only in an encrypted cookie (JWE, A256GCM, key derived from the configured
 * secret): several console instances behind a load balancer share them with no server
 * state besides that secret. Idle and absolute expiry are both checked on every request.
 */
export const SESSION_COOKIE = 'kc_session';

export interface Principal {
  user: string;
  via: 'local' | 'oidc' | 'none';
  grants: Grant[];
  /** For OIDC: which claim values gave which grants (shown on the access page). */
  mapping?: ClaimMapping;
  /** Session start and last activity, epoch seconds. */
  iat: number;
  seen: number;
}

const keys = new WeakMap<ConsoleConfig, Uint8Array>();

export function sessionKey(config: ConsoleConfig): Uint8Array {
  let key = keys.get(config);
  if (key) return key;
  const ref = config.auth.session.secret;
  let secret: string;
  if (ref) secret = resolveSecret(ref, 'session secret');
  else if (process.env.KAFKA_CONSOLE_SESSION_SECRET) secret = process.env.KAFKA_CONSOLE_SESSION_SECRET;
  else {
    secret = randomBytes(32).toString('hex');
    if (config.auth.mode !== 'none')
      log('warn', 'no session secret configured: sessions end when the console restarts and are not shared between instances (set auth.session.secret)');
  }
  if (secret.length < 32) log('warn', 'the session secret is shorter than 32 characters');
  key = new Uint8Array(hkdfSync('sha256', secret, 'kafka-console', 'session cookie v1', 32));
  keys.set(config, key);
  return key;
}

/** A short, non-reversible id of the session key, so tests and operators can see two instances share it. */
export function sessionKeyId(config: ConsoleConfig): string {
  return createHash('sha256').update(sessionKey(config)).digest('hex').slice(0, 12);
}

export async function sealSession(config: ConsoleConfig, p: Principal): Promise<string> {
  const s = config.auth.session;
  return new EncryptJWT({ ...p } as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(p.iat)
    .setExpirationTime(p.iat + s.maxHours * 3600)
    .encrypt(sessionKey(config));
}

export async function openSession(config: ConsoleConfig, token: string, now = Math.floor(Date.now() / 1000)): Promise<Principal | null> {
  try {
    const { payload } = await jwtDecrypt(token, sessionKey(config), { currentDate: new Date(now * 1000) });
    const p = payload as unknown as Principal;
    if (typeof p.user !== 'string' || !Array.isArray(p.grants) || typeof p.seen !== 'number') return null;
    if (now - p.seen > config.auth.session.idleMinutes * 60) return null;
    if (now - p.iat > config.auth.session.maxHours * 3600) return null;
    return p;
  } catch {
    return null;
  }
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

export function isHttps(request: Request, config: ConsoleConfig): boolean {
  const proto = request.headers.get('x-forwarded-proto');
  return new URL(request.url).protocol === 'https:' || proto === 'https' || (config.publicUrl?.startsWith('https://') ?? false);
}

export function cookieHeader(name: string, value: string, opts: { secure: boolean; maxAge: number; path?: string; sameSite?: 'Lax' | 'Strict' }): string {
  return [
    `${name}=${value}`,
    `Path=${opts.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${opts.sameSite ?? 'Lax'}`,
    `Max-Age=${opts.maxAge}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

export async function sessionCookie(config: ConsoleConfig, request: Request, p: Principal): Promise<string> {
  return cookieHeader(SESSION_COOKIE, await sealSession(config, p), { secure: isHttps(request, config), maxAge: config.auth.session.maxHours * 3600 });
}

export function clearSessionCookie(config: ConsoleConfig, request: Request): string {
  return cookieHeader(SESSION_COOKIE, '', { secure: isHttps(request, config), maxAge: 0 });
}
