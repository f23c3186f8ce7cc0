import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { allowedMethods } from './methods';
import { PEER_HEADER } from '@/lib/public-url';

/**
 * Methods the fetch standard forbids (TRACE, TRACK): Next.js cannot build a Request for them,
 * so neither the proxy nor a route handler ever sees one and the answer was a 500. They are
 * answered before Next.js: 405 with the route's `Allow` header on API routes, 501 elsewhere
 * (this server implements them for no resource). Nothing of the request is echoed.
 */
const UNROUTABLE = new Set(['TRACE', 'TRACK']);

/** Answers `req` when its method cannot reach Next.js; false to let it through. */
export function answerUnroutable(req: IncomingMessage, res: ServerResponse): boolean {
  const method = (req.method ?? '').toUpperCase();
  if (!UNROUTABLE.has(method)) return false;
  let pathname = '/';
  try {
    pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    // a malformed target gets the answer of an unknown path
  }
  const allow = allowedMethods(pathname);
  const message = allow ? `${method} is not supported here; this route answers ${allow.join(', ')}` : `${method} is not supported by this server`;
  res.writeHead(allow ? 405 : 501, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(allow ? { allow: allow.join(', ') } : {}),
  });
  res.end(JSON.stringify({ error: { code: allow ? 'method_not_allowed' : 'not_implemented', message } }));
  return true;
}

const installed = Symbol.for('kafka-console.unroutable-methods');

/** Makes every HTTP server of this process answer unroutable methods itself (called once at start). */
export function refuseUnroutableMethods(): void {
  const g = globalThis as typeof globalThis & { [installed]?: boolean };
  if (g[installed]) return;
  g[installed] = true;
  const emit = Server.prototype.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      // The connection's own peer address, which a client cannot set (X-Forwarded-For it can).
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? 'unknown';
      if (answerUnroutable(req, args[1] as ServerResponse)) return true;
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;
}
