/**
 * Calls the console's real route handlers in-process, by URL, the way Next.js would:
 * the same wrapper, checks, validation and Kafka calls, without a build or a server.
 * Requests come from the console's own origin with a real session: the user signs in
 * through POST /api/auth/login first (admin unless a test says otherwise).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('../../app', import.meta.url));
export const CONSOLE_ORIGIN = 'http://localhost:3000';

interface RouteEntry {
  pattern: RegExp;
  names: string[];
  file: string;
  specificity: number;
}

function findRoutes(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findRoutes(p));
    else if (name === 'route.ts') out.push(p);
  }
  return out;
}

const routes: RouteEntry[] = findRoutes(join(appDir, 'api')).map((file) => {
  const segments = relative(appDir, file).split(sep).slice(0, -1);
  const names: string[] = [];
  let specificity = 0;
  const source = segments
    .map((s) => {
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(s);
      if (catchAll) {
        names.push(catchAll[1]);
        return '(.+)';
      }
      const dyn = /^\[(.+)\]$/.exec(s);
      if (dyn) {
        names.push(dyn[1]);
        return '([^/]+)';
      }
      specificity++;
      return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^/${source}$`), names, file, specificity };
});
routes.sort((a, b) => b.specificity - a.specificity);

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  /** Sign in as this test user (see TEST_USERS); null sends no session. Default admin. */
  as?: string | null;
  /** Headers that replace the defaults (host, origin, content-type, cookie). */
  headers?: Record<string, string | null>;
  signal?: AbortSignal;
}

/** Sends one raw request to the handler that serves `url`. */
export async function rawRoute(
  method: string,
  url: string,
  init: { body?: BodyInit; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const u = new URL(url, CONSOLE_ORIGIN);
  for (const r of routes) {
    const m = r.pattern.exec(u.pathname);
    if (!m) continue;
    const mod = (await import(r.file)) as Record<string, unknown>;
    const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) | undefined;
    if (!handler) return Response.json({ error: { code: 'method_not_allowed' } }, { status: 405 });
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const req = new Request(u, { method, body: init.body, headers: init.headers, signal: init.signal, duplex: 'half' } as RequestInit);
    return handler(req, { params: Promise.resolve(params) });
  }
  return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
}

interface TestUser {
  username: string;
  password: string;
}

export function testUser(name: string): TestUser {
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as TestUser[];
  const u = users.find((x) => x.username === name);
  if (!u) throw new Error(`no test user ${name} (KAFKA_TEST_USERS)`);
  return u;
}

const sessions = new Map<string, string>();

/** Signs in through the real login route and returns the session cookie (cached per user). */
export async function sessionFor(name: string): Promise<string> {
  const cached = sessions.get(name);
  if (cached) return cached;
  const u = testUser(name);
  const res = await rawRoute('POST', '/api/auth/login', {
    body: JSON.stringify({ username: u.username, password: u.password }),
    headers: { host: new URL(CONSOLE_ORIGIN).host, origin: CONSOLE_ORIGIN, 'content-type': 'application/json' },
  });
  if (res.status !== 200) throw new Error(`sign-in as ${name} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  sessions.set(name, cookie);
  return cookie;
}

/** Sends one request as a signed-in user from the console's own origin; a stream is returned unread. */
export async function callRoute(method: Method, url: string, body?: unknown, signal?: AbortSignal, opts: CallOptions = {}): Promise<Response> {
  const as = opts.as === undefined ? 'admin' : opts.as;
  const headers: Record<string, string> = { host: new URL(CONSOLE_ORIGIN).host };
  if (method !== 'GET') {
    headers.origin = CONSOLE_ORIGIN;
    headers['content-type'] = 'application/json';
  }
  if (as) headers.cookie = await sessionFor(as);
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  const payload = body === undefined ? (method === 'GET' ? undefined : '{}') : typeof body === 'string' ? body : JSON.stringify(body);
  return rawRoute(method, url, { body: payload, headers, signal: signal ?? opts.signal });
}

async function json<T>(method: Method, url: string, body?: unknown, opts?: CallOptions): Promise<ApiResult<T>> {
  const res = await callRoute(method, url, body, undefined, opts);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

// biome-ignore lint/suspicious/noExplicitAny: a test's default response body type; each test narrows it where it reads fields
type Any = any;

function client(opts: CallOptions = {}) {
  return {
    get: <T = Any>(url: string) => json<T>('GET', url, undefined, opts),
    post: <T = Any>(url: string, body?: unknown) => json<T>('POST', url, body ?? {}, opts),
    put: <T = Any>(url: string, body?: unknown) => json<T>('PUT', url, body ?? {}, opts),
    patch: <T = Any>(url: string, body?: unknown) => json<T>('PATCH', url, body ?? {}, opts),
    delete: <T = Any>(url: string, body?: unknown) => json<T>('DELETE', url, body, opts),
  };
}

/** As the admin test user; `api.as('viewer')` as another one, `api.as(null)` with no session. */
export const api = { ...client(), as: (user: string | null, headers?: Record<string, string | null>) => client({ as: user, headers }) };

/** Forget the cached console config and Kafka clients, after a test changed KAFKA_CONSOLE_CONFIG. */
export function reloadConsoleConfig(): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('kafka-console.config')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('kafka-console.registry')];
}
