import 'server-only';
import type { ConsoleConfig } from '@/lib/config';
import { hostAllowed } from '@/lib/public-url';
import { ApiError } from '@/lib/errors';

/**
 * The browser-side checks every API request passes before anything else: a Host the
 * console answers to (DNS rebinding), and for requests that can change something a JSON
 * body (no CORS-simple text/plain or form posts) from the console's own origin (CSRF).
 */
export function checkHost(request: Request, config: ConsoleConfig): void {
  const host = request.headers.get('host') ?? new URL(request.url).host;
  if (!hostAllowed(host, config.publicUrl)) {
    throw new ApiError('misdirected', 'This console does not answer to that host name; use its configured address (publicUrl)');
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkMutatingRequest(request: Request, config: ConsoleConfig): void {
  if (SAFE.has(request.method)) return;
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError('unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json');
  }
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const host = (request.headers.get('host') ?? new URL(request.url).host).toLowerCase();
  if (origin !== null && origin !== 'null') {
    let o: URL | null = null;
    try {
      o = new URL(origin);
    } catch {
      o = null;
    }
    const sameHost = o !== null && o.host.toLowerCase() === host;
    const publicOrigin = o !== null && config.publicUrl !== null && o.origin === new URL(config.publicUrl).origin;
    if (sameHost || publicOrigin) return;
    throw new ApiError('forbidden', "Cross-site request refused: changes are accepted only from the console's own pages");
  }
  if (site === 'same-origin') return;
  throw new ApiError('forbidden', "Request refused: a change needs an Origin header from the console's own origin (or Sec-Fetch-Site: same-origin)");
}
