/**
 * Calls the console's real route handlers in-process, by URL, the way Next.js would:
 * the same wrapper, validation and Kafka calls, without a build or a server.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('../../app', import.meta.url));

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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends one request to the handler that serves `url`; a stream is returned unread as `response`. */
export async function callRoute(method: Method, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const u = new URL(url, 'http://console.test');
  for (const r of routes) {
    const m = r.pattern.exec(u.pathname);
    if (!m) continue;
    const mod = (await import(r.file)) as Record<string, unknown>;
    const handler = mod[method] as ((req: Request, ctx: unknown) => Promise<Response>) | undefined;
    if (!handler) return Response.json({ error: { code: 'method_not_allowed' } }, { status: 405 });
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const req = new Request(u, {
      method,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      signal,
    });
    return handler(req, { params: Promise.resolve(params) });
  }
  return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
}

async function json<T>(method: Method, url: string, body?: unknown): Promise<ApiResult<T>> {
  const res = await callRoute(method, url, body);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export const api = {
  get: <T = any>(url: string) => json<T>('GET', url), // eslint-disable-line @typescript-eslint/no-explicit-any
  post: <T = any>(url: string, body?: unknown) => json<T>('POST', url, body ?? {}), // eslint-disable-line @typescript-eslint/no-explicit-any
  put: <T = any>(url: string, body?: unknown) => json<T>('PUT', url, body ?? {}), // eslint-disable-line @typescript-eslint/no-explicit-any
  patch: <T = any>(url: string, body?: unknown) => json<T>('PATCH', url, body ?? {}), // eslint-disable-line @typescript-eslint/no-explicit-any
  delete: <T = any>(url: string, body?: unknown) => json<T>('DELETE', url, body), // eslint-disable-line @typescript-eslint/no-explicit-any
};
