import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, CONSOLE_ORIGIN, rawRoute, reloadConsoleConfig } from '../support/api';
import { oidcConsoleSection, startOidcProvider, type OidcTestClient, type RunningOidcProvider } from '../support/oidc-provider';
import { freePort } from '../../scripts/kafka/cluster';
import { disconnectAll } from '@/lib/kafka/registry';

/**
 * Single sign-on end to end: a real OpenID Connect provider on loopback, the console's
 * real /api/auth/oidc/start and /callback route handlers, the browser's part (following
 * redirects, carrying cookies, submitting the IdP's sign-in form) done by hand.
 */
const HOST = new URL(CONSOLE_ORIGIN).host;
const CALLBACK = `${CONSOLE_ORIGIN}/api/auth/oidc/callback`;
const originalConfig = process.env.KAFKA_CONSOLE_CONFIG!;
const dir = mkdtempSync(join(tmpdir(), 'oidc-test-'));
const auditPath = join(dir, 'audit.jsonl');
const client: OidcTestClient = { clientId: 'kafka-console', clientSecret: randomBytes(24).toString('base64url'), redirectUris: [CALLBACK] };
let idp: RunningOidcProvider;

/** Everything the console sent back in these tests, to search for leaked tokens and secrets. */
const seen: string[] = [];

/** Runs the console with the shared config plus this OIDC section (none: null) and an audit file of its own. */
async function applyConsoleConfig(oidc: Record<string, unknown> | null): Promise<void> {
  const base = JSON.parse(readFileSync(originalConfig, 'utf8')) as { auth: Record<string, unknown>; audit: Record<string, unknown> };
  const file = join(dir, `console-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ ...base, auth: { ...base.auth, ...(oidc ? { oidc } : {}) }, audit: { file: auditPath } }));
  process.env.KAFKA_CONSOLE_CONFIG = file;
  await disconnectAll();
  reloadConsoleConfig();
}

async function record(res: Response): Promise<Response> {
  const text = await res.clone().text();
  seen.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  return res;
}

const setCookies = (res: Response) => res.headers.getSetCookie();
const cookieValue = (res: Response, name: string) =>
  setCookies(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    .slice(name.length + 1) ?? null;

async function consoleGet(path: string, cookie?: string): Promise<Response> {
  return record(await rawRoute('GET', path, { headers: { host: HOST, ...(cookie ? { cookie } : {}) } }));
}

/** The browser at the identity provider: follows its redirects with its cookies, signs in on its form. */
async function atIdp(authorizeUrl: string, username: string): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  let res = await go(authorizeUrl);
  const interaction = new URL(res.headers.get('location')!, idp.issuer).href;
  res = await go(interaction);
  expect(await res.text()).toContain('<form');
  const password = idp.accounts.find((a) => a.username === username)!.password;
  res = await go(`${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  expect(res.status).toBe(303);
  // Back to the authorization endpoint, which now redirects to the console's callback.
  for (let hops = 0; hops < 5; hops++) {
    const location = new URL(res.headers.get('location')!, idp.issuer);
    if (location.href.startsWith(CALLBACK)) return location;
    res = await go(location.href);
  }
  throw new Error('the identity provider never redirected back to the console');
}

interface SignInResult {
  start: Response;
  callback: Response;
  /** `kc_session=...` when a session was set. */
  session: string | null;
  location: string;
}

async function signIn(username: string, opts: { next?: string; tamper?: (callback: URL) => void } = {}): Promise<SignInResult> {
  const start = await consoleGet(`/api/auth/oidc/start${opts.next !== undefined ? `?next=${encodeURIComponent(opts.next)}` : ''}`);
  expect(start.status).toBe(302);
  const flow = cookieValue(start, 'kc_oidc');
  expect(flow).toBeTruthy();
  const back = await atIdp(start.headers.get('location')!, username);
  opts.tamper?.(back);
  const callback = await consoleGet(`${back.pathname}${back.search}`, `kc_oidc=${flow}`);
  expect(callback.status).toBe(302);
  const session = cookieValue(callback, 'kc_session');
  return { start, callback, session: session ? `kc_session=${session}` : null, location: callback.headers.get('location')! };
}

const me = async (session: string) => (await record(await rawRoute('GET', '/api/auth/me', { headers: { host: HOST, cookie: session } }))).json();

function auditEntries(): Record<string, unknown>[] {
  try {
    return readFileSync(auditPath, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  } catch {
    return [];
  }
}
const lastLogin = (user: string) =>
  auditEntries()
    .filter((e) => e.action === 'login' && (e.actor as { user: string }).user === user)
    .at(-1);

beforeAll(async () => {
  idp = await startOidcProvider({ clients: [client] });
  await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
});

afterAll(async () => {
  await disconnectAll();
  process.env.KAFKA_CONSOLE_CONFIG = originalConfig;
  reloadConsoleConfig();
  await idp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/auth/oidc/start', () => {
  test("redirects to the provider with PKCE (S256), state, nonce and the console's callback; the flow is in an encrypted HttpOnly cookie", async () => {
    const res = await consoleGet('/api/auth/oidc/start?next=/clusters/local');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    const q = to.searchParams;
    expect(q.get('client_id')).toBe(client.clientId);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(CALLBACK);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(q.get('scope')!.split(' ')).toEqual(['openid', 'profile', 'email', 'groups', 'roles']);
    const cookie = setCookies(res).find((c) => c.startsWith('kc_oidc='))!;
    expect(cookie).toMatch(/; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600/);
    // A JWE: five parts, nothing readable (the state is not in it in clear).
    const value = cookie.split(';')[0].slice('kc_oidc='.length);
    expect(value.split('.')).toHaveLength(5);
    expect(Buffer.from(value.split('.')[3], 'base64url').toString('latin1')).not.toContain(q.get('state')!);
  });

  test('refuses a Host the console does not answer to (421)', async () => {
    const res = await rawRoute('GET', '/api/auth/oidc/start', { headers: { host: 'evil.example' } });
    expect(res.status).toBe(421);
  });

  test('an unreachable provider sends the browser back to the sign-in page with oidc_unavailable', async () => {
    const port = await freePort();
    await applyConsoleConfig(oidcConsoleSection(`http://127.0.0.1:${port}`, client));
    try {
      const res = await consoleGet('/api/auth/oidc/start');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/login?error=oidc_unavailable');
    } finally {
      await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
    }
  });

  test('is a 404 when single sign-on is not configured', async () => {
    await applyConsoleConfig(null);
    try {
      const res = await consoleGet('/api/auth/oidc/start');
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/auth\.oidc/);
    } finally {
      await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
    }
  });
});

describe('GET /api/auth/oidc/callback', () => {
  test('a full sign-in: session with the grants the groups claim maps to, and the mapping that explains them', async () => {
    const r = await signIn('alice', { next: '/clusters/local/topics?search=a' });
    expect(r.location).toBe('/clusters/local/topics?search=a');
    expect(r.session).toBeTruthy();
    expect(setCookies(r.callback).find((c) => c.startsWith('kc_oidc='))).toMatch(/Max-Age=0/);
    expect(setCookies(r.callback).find((c) => c.startsWith('kc_session='))).toMatch(/HttpOnly; SameSite=Lax/);
    expect(r.session!.length).toBeLessThan(4096);
    const who = await me(r.session!);
    expect(who).toMatchObject({
      user: 'alice',
      via: 'oidc',
      grants: [{ role: 'admin', cluster: '*' }],
      mapping: { claim: 'groups', values: ['kafka-admins', 'staff'], matched: [{ value: 'kafka-admins', grants: [{ role: 'admin', cluster: '*' }] }] },
    });
    // The session works on the API like any other.
    const topics = await record(await rawRoute('GET', '/api/clusters/local/topics', { headers: { host: HOST, cookie: r.session! } }));
    expect(topics.status).toBe(200);
    const entry = lastLogin('alice')!;
    expect(entry).toMatchObject({
      actor: { user: 'alice', via: 'oidc', roles: ['admin@*'] },
      result: { status: 200, ok: true },
      params: { claim: 'groups', sub: 'alice', values: ['kafka-admins', 'staff'], matched: [{ value: 'kafka-admins', grants: ['admin@*'] }] },
    });
  });

  test.each([
    ['olga', [{ role: 'operator', cluster: '*' }], ['kafka-operators']],
    [
      'tina',
      [
        { role: 'viewer', cluster: '*' },
        { role: 'operator', cluster: 'local', topicPrefix: 'team-a.', groupPrefix: 'team-a.' },
      ],
      ['team-a-devs'],
    ],
  ])('groups claim: %s gets %j from %j', async (user, grants, matched) => {
    const r = await signIn(user);
    expect(r.location).toBe('/');
    const who = await me(r.session!);
    expect(who.grants).toEqual(grants);
    expect(who.mapping.matched.map((m: { value: string }) => m.value)).toEqual(matched);
  });

  test('realm_access.roles (Keycloak): a nested claim, a value named like a role gives that role; the viewer may not change anything', async () => {
    await applyConsoleConfig(oidcConsoleSection(idp.issuer, client, { rolesClaim: 'realm_access.roles', roleMapping: { 'console-operators': ['operator'] } }));
    try {
      const r = await signIn('victor');
      const who = await me(r.session!);
      expect(who.grants).toEqual([{ role: 'viewer', cluster: '*' }]);
      expect(who.mapping).toEqual({
        claim: 'realm_access.roles',
        values: ['viewer', 'console-support'],
        matched: [{ value: 'viewer', grants: [{ role: 'viewer', cluster: '*' }] }],
      });
      const read = await rawRoute('GET', '/api/clusters/local/topics', { headers: { host: HOST, cookie: r.session! } });
      expect(read.status).toBe(200);
      const write = await record(
        await rawRoute('POST', '/api/clusters/local/topics', {
          body: JSON.stringify({ name: `oidc-viewer-${randomBytes(3).toString('hex')}`, partitions: 1, replicationFactor: 1 }),
          headers: { host: HOST, origin: CONSOLE_ORIGIN, 'content-type': 'application/json', cookie: r.session! },
        }),
      );
      expect(write.status).toBe(403);
      const denied = auditEntries()
        .filter((e) => e.action === 'createTopic')
        .at(-1)!;
      expect(denied).toMatchObject({ actor: { user: 'victor', via: 'oidc', roles: ['viewer@*'] }, result: { status: 403, ok: false } });
      // With groups as the claim, victor's only group (staff) maps to nothing.
      await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
      expect((await signIn('victor')).location).toBe('/login?error=no_roles');
    } finally {
      await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
    }
  });

  test('a user whose groups map to nothing is refused, with no session, and the refusal is audited with the claim values', async () => {
    const r = await signIn('mallory');
    expect(r.location).toBe('/login?error=no_roles');
    expect(r.session).toBeNull();
    expect(lastLogin('mallory')).toMatchObject({
      actor: { user: 'mallory', via: 'oidc', roles: [] },
      result: { status: 403, ok: false, error: expect.stringMatching(/claim groups: its values \(marketing\) are not in auth\.oidc\.roleMapping/) },
      params: { claim: 'groups', values: ['marketing'], matched: [] },
    });
  });

  test('defaultRoles let in a user whose groups map to nothing', async () => {
    await applyConsoleConfig(oidcConsoleSection(idp.issuer, client, { defaultRoles: ['viewer@local'] }));
    try {
      const r = await signIn('mallory');
      expect(r.location).toBe('/');
      expect((await me(r.session!)).grants).toEqual([{ role: 'viewer', cluster: 'local' }]);
    } finally {
      await applyConsoleConfig(oidcConsoleSection(idp.issuer, client));
    }
  });

  test('a tampered state is refused and audited; no session', async () => {
    const before = auditEntries().length;
    const r = await signIn('alice', { tamper: (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`) });
    expect(r.location).toBe('/login?error=oidc_failed');
    expect(r.session).toBeNull();
    const entry = auditEntries()
      .slice(before)
      .find((e) => e.action === 'login')!;
    expect(entry).toMatchObject({ actor: { user: null, via: 'oidc' }, result: { status: 400, ok: false, error: expect.stringMatching(/state/) } });
  });

  test("a callback from another browser's sign-in (its flow cookie missing) is refused", async () => {
    const start = await consoleGet('/api/auth/oidc/start');
    const back = await atIdp(start.headers.get('location')!, 'alice');
    const res = await consoleGet(`${back.pathname}${back.search}`);
    expect(res.headers.get('location')).toBe('/login?error=oidc_expired');
    expect(cookieValue(res, 'kc_session')).toBeNull();
    // A flow cookie of another sign-in does not fit either (different state).
    const other = cookieValue(await consoleGet('/api/auth/oidc/start'), 'kc_oidc');
    const swapped = await consoleGet(`${back.pathname}${back.search}`, `kc_oidc=${other}`);
    expect(swapped.headers.get('location')).toBe('/login?error=oidc_failed');
    expect(cookieValue(swapped, 'kc_session')).toBeNull();
  });

  test('an authorization code works once: replaying the callback is refused', async () => {
    const start = await consoleGet('/api/auth/oidc/start');
    const flow = `kc_oidc=${cookieValue(start, 'kc_oidc')}`;
    const back = await atIdp(start.headers.get('location')!, 'alice');
    const first = await consoleGet(`${back.pathname}${back.search}`, flow);
    expect(cookieValue(first, 'kc_session')).toBeTruthy();
    const replay = await consoleGet(`${back.pathname}${back.search}`, flow);
    expect(replay.headers.get('location')).toBe('/login?error=oidc_failed');
    expect(cookieValue(replay, 'kc_session')).toBeNull();
    expect(
      auditEntries()
        .filter((e) => e.action === 'login')
        .at(-1),
    ).toMatchObject({ result: { ok: false, error: expect.stringMatching(/invalid_grant/) } });
  });

  test.each(['https://evil.example/steal', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'next=%s is not followed: the user lands on /',
    async (next) => {
      const r = await signIn('alice', { next });
      expect(r.session).toBeTruthy();
      expect(r.location).toBe('/');
    },
  );

  test('the provider saying no (access_denied) ends on the sign-in page with oidc_denied, audited', async () => {
    const start = await consoleGet('/api/auth/oidc/start');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await consoleGet(`/api/auth/oidc/callback?error=access_denied&state=${state}`, `kc_oidc=${cookieValue(start, 'kc_oidc')}`);
    expect(res.headers.get('location')).toBe('/login?error=oidc_denied');
    expect(
      auditEntries()
        .filter((e) => e.action === 'login')
        .at(-1),
    ).toMatchObject({ result: { status: 401, ok: false, error: expect.stringMatching(/access_denied/) } });
  });
});

describe('claims only at the userinfo endpoint', () => {
  test('a provider that keeps the ID token small: groups come from userinfo and map the same way', async () => {
    const lean = await startOidcProvider({ clients: [client], claimsInIdToken: false });
    const main = idp;
    idp = lean;
    await applyConsoleConfig(oidcConsoleSection(lean.issuer, client));
    try {
      const r = await signIn('olga');
      const who = await me(r.session!);
      expect(who.grants).toEqual([{ role: 'operator', cluster: '*' }]);
      expect(who.mapping.values).toEqual(['kafka-operators', 'staff']);
    } finally {
      idp = main;
      await applyConsoleConfig(oidcConsoleSection(main.issuer, client));
      await lean.stop();
    }
  });
});

describe('GET /api/auth/access', () => {
  test('shows an admin the mapping, the local users and the latest sign-ins with their claim values; never a secret', async () => {
    await signIn('mallory');
    const res = await api.get('/api/auth/access?limit=20');
    expect(res.status).toBe(200);
    seen.push(JSON.stringify(res.body));
    expect(res.body.oidc).toMatchObject({ issuer: idp.issuer, clientId: client.clientId, rolesClaim: 'groups' });
    expect(res.body.oidc.roleMapping).toContainEqual({ value: 'kafka-admins', grants: [{ role: 'admin', cluster: '*' }] });
    expect(res.body.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'operator', 'viewer', 'team-a']);
    // Newest first: mallory's refusal just now comes before every sign-in of alice's.
    const mallory = res.body.signIns.findIndex((s: { user: string }) => s.user === 'mallory');
    expect(res.body.signIns[mallory]).toMatchObject({ via: 'oidc', ok: false, status: 403, claim: 'groups', values: ['marketing'], roles: [] });
    expect(mallory).toBeLessThan(res.body.signIns.findIndex((s: { user: string }) => s.user === 'alice'));
    const alice = res.body.signIns.find((s: { user: string; ok: boolean }) => s.user === 'alice' && s.ok);
    expect(alice).toMatchObject({
      claim: 'groups',
      values: ['kafka-admins', 'staff'],
      matched: [{ value: 'kafka-admins', grants: ['admin@*'] }],
      roles: ['admin@*'],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/scrypt\$|passwordHash|clientSecret/);
    expect(text).not.toContain(client.clientSecret!);
  });

  test('is for admins only: a viewer gets 403, an OIDC operator too', async () => {
    expect((await api.as('viewer').get('/api/auth/access')).status).toBe(403);
    const olga = await signIn('olga');
    expect((await rawRoute('GET', '/api/auth/access', { headers: { host: HOST, cookie: olga.session! } })).status).toBe(403);
  });

  test('the OpenAPI document lists the sign-in routes as public redirects and the access report as access:view', async () => {
    const res = await api.get('/api/openapi.json');
    const p = res.body.paths;
    expect(p['/api/auth/oidc/start'].get).toMatchObject({ operationId: 'oidcStart', 'x-permission': 'public' });
    expect(p['/api/auth/oidc/start'].get.responses['302'].headers.Location).toBeDefined();
    expect(p['/api/auth/oidc/callback'].get).toMatchObject({ operationId: 'oidcCallback', 'x-permission': 'public' });
    expect(p['/api/auth/access'].get).toMatchObject({ operationId: 'getAccess', 'x-permission': 'access:view' });
  });
});

describe('secrets', () => {
  test('no token and not the client secret in any console response or in the audit file', () => {
    const tokens = idp.issuedTokens();
    expect(tokens.length).toBeGreaterThan(5);
    const haystack = [...seen, readFileSync(auditPath, 'utf8')].join('\n');
    for (const t of tokens) {
      expect(haystack).not.toContain(t);
      // Nor the signature part alone (the part no one else can produce).
      expect(haystack).not.toContain(t.split('.').at(-1)!);
    }
    expect(haystack).not.toContain(client.clientSecret!);
  });
});
