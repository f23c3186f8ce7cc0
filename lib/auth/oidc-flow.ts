import 'server-only';
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { ConsoleConfig } from '@/lib/config';
import { cookieHeader, isHttps, readCookie, sessionKey } from './session';

/**
 * What the browser carries between /api/auth/oidc/start and the callback: state, nonce,
 * PKCE verifier, the redirect URI used and where to go afterwards. Encrypted (JWE with its
 * own key derived from the session secret), HttpOnly, scoped to the OIDC routes, ten
 * minutes at most; SameSite=Lax so the IdP's redirect back (a top-level GET) carries it.
 */
export const FLOW_COOKIE = 'kc_oidc';
const FLOW_PATH = '/api/auth/oidc';
export const FLOW_SECONDS = 600;

export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  next: string;
}

const keys = new WeakMap<ConsoleConfig, Uint8Array>();

function flowKey(config: ConsoleConfig): Uint8Array {
  let key = keys.get(config);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', sessionKey(config), 'kafka-console', 'oidc flow cookie v1', 32));
    keys.set(config, key);
  }
  return key;
}

export async function flowCookie(config: ConsoleConfig, request: Request, flow: OidcFlow): Promise<string> {
  const token = await new EncryptJWT({ ...flow })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${FLOW_SECONDS}s`)
    .encrypt(flowKey(config));
  return cookieHeader(FLOW_COOKIE, token, { secure: isHttps(request, config), maxAge: FLOW_SECONDS, path: FLOW_PATH });
}

export function clearFlowCookie(config: ConsoleConfig, request: Request): string {
  return cookieHeader(FLOW_COOKIE, '', { secure: isHttps(request, config), maxAge: 0, path: FLOW_PATH });
}

/** The flow this browser started, or null when it has none, it expired or it was tampered with. */
export async function readFlow(config: ConsoleConfig, request: Request): Promise<OidcFlow | null> {
  const token = readCookie(request.headers.get('cookie'), FLOW_COOKIE);
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, flowKey(config));
    const f = payload as Record<string, unknown>;
    const fields = ['state', 'nonce', 'verifier', 'redirectUri', 'next'] as const;
    if (!fields.every((k) => typeof f[k] === 'string')) return null;
    return { state: f.state as string, nonce: f.nonce as string, verifier: f.verifier as string, redirectUri: f.redirectUri as string, next: f.next as string };
  } catch {
    return null;
  }
}
