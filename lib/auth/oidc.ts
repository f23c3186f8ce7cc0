import 'server-only';
import * as client from 'openid-client';
import { ApiError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { resolveSecret, type ConsoleConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { clientAddress } from './login';
import { clearFlowCookie, flowCookie, readFlow } from './oidc-flow';
import type { OidcErrorCode } from './oidc-errors';
import { claimAt, grantLabel, mapClaims, usernameFrom } from './oidc-mapping';
import { safeNextPath } from './safe-next';
import { isHttps, sessionCookie, type Principal } from './session';

/**
 * Sign-in with an OpenID Connect provider: authorization code flow with PKCE, state and
 * nonce, the ID token's signature checked too. The IdP's groups or roles claim becomes
 * console grants through auth.oidc.roleMapping. Tokens are used once, here, and never
 * stored, logged, audited or sent to the browser.
 */
type OidcConfig = NonNullable<ConsoleConfig['auth']['oidc']>;

export const CALLBACK_PATH = '/api/auth/oidc/callback';
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const TIMEOUT_SECONDS = 10;

export function oidcSettings(config: ConsoleConfig): OidcConfig {
  if (config.auth.mode === 'none' || !config.auth.oidc) throw new ApiError('not_found', 'Single sign-on is not configured on this console (auth.oidc)');
  return config.auth.oidc;
}

const discovered = new WeakMap<ConsoleConfig, { at: number; configuration: Promise<client.Configuration> }>();

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const secret = oidc.clientSecret ? resolveSecret(oidc.clientSecret, 'OIDC client secret') : undefined;
  const execute = oidc.allowHttpIssuer ? [client.allowInsecureRequests] : [];
  const found = await client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, client.None(), { execute, timeout: TIMEOUT_SECONDS });
  const metadata = found.serverMetadata();
  // client_secret_basic is the default of OpenID Connect; some providers only take the secret in the form.
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const auth = !secret ? client.None() : methods.includes('client_secret_basic') ? client.ClientSecretBasic(secret) : client.ClientSecretPost(secret);
  const configuration = new client.Configuration(metadata, oidc.clientId, secret ? { client_secret: secret } : undefined, auth);
  configuration.timeout = TIMEOUT_SECONDS;
  if (oidc.allowHttpIssuer) client.allowInsecureRequests(configuration);
  client.enableNonRepudiationChecks(configuration);
  return configuration;
}

/** The provider's metadata, discovered once an hour per configuration; a failure is not remembered. */
function clientConfiguration(config: ConsoleConfig, oidc: OidcConfig): Promise<client.Configuration> {
  const cached = discovered.get(config);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const configuration = discover(oidc);
  discovered.set(config, { at: Date.now(), configuration });
  configuration.catch(() => {
    if (discovered.get(config)?.configuration === configuration) discovered.delete(config);
  });
  return configuration;
}

/** The redirect URI: under publicUrl when configured, else this request's own (allow-listed) origin. */
export function callbackUrl(config: ConsoleConfig, request: Request): string {
  const base = config.publicUrl ?? `${isHttps(request, config) ? 'https' : 'http'}://${request.headers.get('host') ?? new URL(request.url).host}`;
  return new URL(CALLBACK_PATH, base).href;
}

function redirect(location: string, cookies: string[]): Response {
  const res = new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
  for (const c of cookies) res.headers.append('set-cookie', c);
  return res;
}

/** An error in words for the log and the audit trail: codes and messages, never a token. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const e = err as Error & { code?: unknown; error?: unknown; cause?: unknown };
  const cause = e.cause as { code?: unknown } | undefined;
  const parts = [
    typeof e.error === 'string' ? e.error : null,
    typeof e.code === 'string' ? e.code : null,
    e.message,
    typeof cause?.code === 'string' ? cause.code : null,
  ];
  return parts
    .filter(Boolean)
    .join(': ')
    .replace(/eyJ[\w-]*\.[\w-]*(\.[\w-]*)?/g, '[token]')
    .slice(0, 300);
}

/** GET /api/auth/oidc/start: off to the identity provider, with this flow's secrets in an encrypted cookie. */
export async function startOidcSignIn(config: ConsoleConfig, request: Request, next: string | undefined): Promise<Response> {
  const oidc = oidcSettings(config);
  let configuration: client.Configuration;
  try {
    configuration = await clientConfiguration(config, oidc);
  } catch (err) {
    log('warn', "oidc: cannot read the identity provider's discovery document", { issuer: oidc.issuer, error: describeError(err) });
    return redirect('/login?error=oidc_unavailable', []);
  }
  const flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectUri: callbackUrl(config, request),
    next: safeNextPath(next),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: flow.redirectUri,
    scope: [...new Set(['openid', ...oidc.scopes])].join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return redirect(url.href, [await flowCookie(config, request, flow)]);
}

interface Refusal {
  code: OidcErrorCode;
  status: number;
  reason: string;
  user?: string;
  params?: Record<string, unknown>;
}

/**
 * GET /api/auth/oidc/callback: checks state, exchanges the code (PKCE), checks the ID token
 * (signature, issuer, audience, expiry, nonce), maps the roles claim to grants and starts a
 * session; or sends the browser back to /login?error=CODE. Every attempt that belongs to a
 * sign-in this browser started is audited.
 */
export async function finishOidcSignIn(config: ConsoleConfig, request: Request): Promise<Response> {
  const oidc = oidcSettings(config);
  const ip = clientAddress(request);
  const clear = clearFlowCookie(config, request);
  const refuse = async (r: Refusal, audit = true): Promise<Response> => {
    if (audit) {
      await recordAudit({
        actor: { user: r.user ?? null, via: 'oidc', roles: [] },
        action: 'login',
        result: { status: r.status, ok: false, error: r.reason },
        ip,
        ...(r.params ? { params: r.params } : {}),
      });
    }
    return redirect(`/login?error=${r.code}`, [clear]);
  };

  const flow = await readFlow(config, request);
  // No flow cookie: expired, another browser, or someone calling the callback directly. Nothing to audit.
  if (!flow) return refuse({ code: 'oidc_expired', status: 400, reason: 'no sign-in in progress in this browser' }, false);
  const search = new URL(request.url).searchParams;
  if (search.get('state') !== flow.state) {
    return refuse({
      code: 'oidc_failed',
      status: 400,
      reason: 'the state parameter does not match the sign-in this browser started (a newer sign-in began in another tab, or the callback was forged)',
    });
  }
  const idpError = search.get('error');
  if (idpError) {
    return refuse({ code: 'oidc_denied', status: 401, reason: `the identity provider refused: ${idpError.replace(/[^\w.-]/g, '').slice(0, 64)}` });
  }

  let configuration: client.Configuration;
  try {
    configuration = await clientConfiguration(config, oidc);
  } catch (err) {
    log('warn', "oidc: cannot read the identity provider's discovery document", { issuer: oidc.issuer, error: describeError(err) });
    return refuse({ code: 'oidc_unavailable', status: 502, reason: 'the identity provider cannot be reached' });
  }

  let claims: Record<string, unknown>;
  try {
    const current = new URL(flow.redirectUri);
    current.search = search.toString();
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    const missing = claimAt(claims, oidc.rolesClaim) === undefined || claimAt(claims, oidc.usernameClaim) === undefined;
    if (missing && configuration.serverMetadata().userinfo_endpoint) {
      // Providers that keep the ID token small give the rest at the userinfo endpoint; the ID token's claims win.
      claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))), ...claims };
    }
  } catch (err) {
    const reason = describeError(err);
    log('warn', 'oidc: sign-in failed at the code exchange', { issuer: oidc.issuer, error: reason });
    return refuse({ code: 'oidc_failed', status: 400, reason: `code exchange or ID token check failed: ${reason}` });
  }

  const user = usernameFrom(claims, oidc.usernameClaim);
  const { grants, mapping } = mapClaims(oidc, claims);
  const params = {
    issuer: oidc.issuer,
    sub: String(claims.sub),
    claim: mapping.claim,
    values: mapping.values,
    matched: mapping.matched.map((m) => ({ value: m.value, grants: m.grants.map(grantLabel) })),
  };
  if (grants.length === 0) {
    const what = mapping.values.length ? `its values (${mapping.values.join(', ')}) are not in auth.oidc.roleMapping` : 'it is missing or empty';
    return refuse({ code: 'no_roles', status: 403, reason: `no console role: claim ${mapping.claim}: ${what}`.slice(0, 1000), user, params });
  }

  const now = Math.floor(Date.now() / 1000);
  const principal: Principal = { user, via: 'oidc', grants, mapping, iat: now, seen: now };
  await recordAudit({ actor: { user, via: 'oidc', roles: grants.map(grantLabel) }, action: 'login', result: { status: 200, ok: true }, ip, params });
  return redirect(flow.next, [clear, await sessionCookie(config, request, principal)]);
}
