/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified one) on a loopback
 * port, for the sign-in tests: authorization code flow with PKCE required, its own
 * sign-in page that checks passwords, consent given implicitly (a first-party client),
 * and test accounts whose claims carry a `groups` list and Keycloak's nested
 * `realm_access.roles`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { OIDC_TEST_LABEL } from './oidc-test-users';

export interface OidcTestClient {
  clientId: string;
  /** Omit for a public client (PKCE only). */
  clientSecret?: string;
  redirectUris: string[];
}

export interface OidcTestAccount {
  username: string;
  /** Random unless given. */
  password?: string;
  /** Claims besides sub and preferred_username. */
  claims: Record<string, unknown>;
}

/** Who can sign in at the test provider, and what their groups and roles are. */
export const OIDC_TEST_ACCOUNTS: OidcTestAccount[] = [
  {
    username: 'alice',
    claims: { name: 'Alice Admin', email: 'alice@example.test', groups: ['staff', 'kafka-admins'], realm_access: { roles: ['offline_access'] } },
  },
  { username: 'olga', claims: { name: 'Olga Operator', groups: ['staff', 'kafka-operators'], realm_access: { roles: ['uma_authorization'] } } },
  // Keycloak-style: the role comes from the nested realm_access.roles, named after a console role.
  { username: 'victor', claims: { name: 'Victor Viewer', groups: ['staff'], realm_access: { roles: ['viewer', 'console-support'] } } },
  { username: 'tina', claims: { name: 'Tina Team-A', groups: ['team-a-devs'], realm_access: { roles: [] } } },
  // Nothing of hers maps to a console role: she is refused.
  { username: 'mallory', claims: { name: 'Mallory Marketing', groups: ['marketing'], realm_access: { roles: ['uma_authorization'] } } },
];

export interface OidcProviderOptions {
  port?: number;
  clients: OidcTestClient[];
  accounts?: OidcTestAccount[];
  /**
   * Put the scopes' claims (groups, realm_access, ...) in the ID token, as Keycloak, Entra ID
   * and Okta can be configured to. With false only `sub` is there and the rest comes from
   * the userinfo endpoint (the OpenID Connect default for the code flow).
   */
  claimsInIdToken?: boolean;
}

export interface RunningOidcProvider {
  issuer: string;
  accounts: { username: string; password: string }[];
  /** How a test process started elsewhere finds this provider: OIDC_TEST_ISSUER and OIDC_TEST_USERS. */
  env: Record<string, string>;
  /** Every access, ID and refresh token issued so far, so a test can check none of them leaks. */
  issuedTokens(): string[];
  stop(): Promise<void>;
}

const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${html(error)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}/login">
<label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const accounts = (options.accounts ?? OIDC_TEST_ACCOUNTS).map((a) => ({ ...a, password: a.password ?? randomBytes(12).toString('base64url') }));
  const byName = new Map(accounts.map((a) => [a.username, a]));
  let provider: Provider | null = null;
  let providerCallback: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const p = provider!;
    const details = await p.interactionDetails(req, res);
    if (details.uid !== uid) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('interaction mismatch');
      return;
    }
    if (req.method === 'GET' && !action) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await formBody(req);
      const account = byName.get(form.get('username') ?? '');
      if (!account || !sameSecret(form.get('password') ?? '', account.password)) {
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, 'Wrong username or password'));
        return;
      }
      await p.interactionFinished(req, res, { login: { accountId: account.username } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(405).end();
  }

  const server = createServer((req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec((req.url ?? '').split('?')[0]);
    if (m) {
      interaction(req, res, m[1], m[2]).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(err instanceof Error ? err.message : 'interaction failed');
      });
      return;
    }
    providerCallback!(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: randomBytes(8).toString('hex') };

  provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      groups: ['groups'],
      roles: ['realm_access'],
    },
    conformIdTokenClaims: !(options.claimsInIdToken ?? true),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    // A first-party client: what it asks for is granted without a consent screen.
    async loadExistingGrant(ctx: {
      oidc: {
        provider: {
          Grant: { new (o: Record<string, unknown>): { addOIDCScope(s: string): void; save(): Promise<string> }; find(id: string): Promise<unknown> };
        };
        client: { clientId: string };
        session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
        result?: { consent?: { grantId?: string } };
        requestParamOIDCScopes: Set<string>;
      };
    }) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      if (!oidc.session.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = byName.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, preferred_username: account.username, ...account.claims }) };
    },
  });
  providerCallback = provider.callback();
  const issued: string[] = [];
  provider.on('grant.success', (ctx) => {
    const body = (ctx as { body?: Record<string, unknown> }).body ?? {};
    for (const k of ['access_token', 'id_token', 'refresh_token']) if (typeof body[k] === 'string') issued.push(body[k]);
  });

  const publicAccounts = accounts.map((a) => ({ username: a.username, password: a.password }));
  return {
    issuer,
    accounts: publicAccounts,
    env: { OIDC_TEST_ISSUER: issuer, OIDC_TEST_USERS: JSON.stringify(publicAccounts) },
    issuedTokens: () => [...issued],
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * The console's `auth.oidc` section for a client of this provider, mapping the test
 * accounts' groups to roles (roles named after console roles in realm_access need no entry).
 */
export function oidcConsoleSection(issuer: string, client: OidcTestClient, overrides: Record<string, unknown> = {}) {
  return {
    issuer,
    clientId: client.clientId,
    ...(client.clientSecret ? { clientSecret: { value: client.clientSecret } } : {}),
    scopes: ['openid', 'profile', 'email', 'groups', 'roles'],
    rolesClaim: 'groups',
    roleMapping: {
      'kafka-admins': ['admin'],
      'kafka-operators': ['operator'],
      'team-a-devs': ['viewer', { role: 'operator', cluster: 'local', topics: 'team-a.', groups: 'team-a.' }],
    },
    label: OIDC_TEST_LABEL,
    allowHttpIssuer: true,
    ...overrides,
  };
}

/**
 * For the test orchestrator: a provider whose client returns to the console at
 * `consoleOrigin`, and a copy of the console config (`configFile`) with its auth.oidc
 * section. Start the console and the browser tests with `env` added to theirs.
 */
export async function startOidcForConsole(opts: {
  consoleOrigin: string;
  configFile: string;
}): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const origin = new URL(opts.consoleOrigin);
  // The browser may use either loopback name; each needs its redirect URI registered.
  const origins = [origin.origin, ...['127.0.0.1', 'localhost'].filter((h) => h !== origin.hostname).map((h) => `${origin.protocol}//${h}:${origin.port}`)];
  const client: OidcTestClient = {
    clientId: 'kafka-console',
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUris: origins.map((o) => `${o}/api/auth/oidc/callback`),
  };
  const provider = await startOidcProvider({ clients: [client] });
  const config = JSON.parse(readFileSync(opts.configFile, 'utf8')) as { auth?: Record<string, unknown> };
  config.auth = { ...config.auth, oidc: oidcConsoleSection(provider.issuer, client) };
  const file = join(dirname(opts.configFile), 'console-with-oidc.json');
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return {
    env: { ...provider.env, KAFKA_CONSOLE_CONFIG: file },
    async stop() {
      await provider.stop();
      rmSync(file, { force: true });
    },
  };
}
