import { NextResponse, type NextRequest } from 'next/server';
import { configuredPublicUrl, hostAllowed } from '@/lib/public-url';
import { methodNotAllowed } from '@/lib/api/methods';

/**
 * Runs before every request: refuses Host names the console does not answer to (DNS
 * rebinding), and gives every page a fresh CSP nonce and the security headers. Sign-in
 * and permissions are checked by the pages and the API wrapper, not here.
 */
export function proxy(request: NextRequest) {
  const host = request.headers.get('host');
  if (!hostAllowed(host, configuredPublicUrl())) {
    return NextResponse.json(
      { error: { code: 'misdirected', message: 'This console does not answer to that host name; use its configured address (publicUrl)' } },
      { status: 421, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } },
    );
  }
  // Next.js fails with a 500 on methods it does not route (TRACE); refuse them here.
  const refused = methodNotAllowed(request.nextUrl.pathname, request.method);
  if (refused) return refused;
  const api = request.nextUrl.pathname.startsWith('/api/');
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (virtualized rows position themselves) are allowed; inline scripts are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  if (!api) requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', api ? "default-src 'none'; frame-ancestors 'none'" : csp);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  // No cache-control here: headers set in the proxy override the route's, and the event streams'
  // `no-transform` is what keeps Next's gzip off them (gzip holds events back and costs a core at
  // high rates). Every API response sets its own (lib/api/handler.ts, methods.ts).
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)' }],
};
