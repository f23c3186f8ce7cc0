/**
 * Where to go after signing in: only a path on this console. Anything that a browser could
 * read as another site (//evil.example, /\evil.example, https://..., a scheme, control
 * characters) falls back to "/", so a crafted sign-in link cannot send users elsewhere.
 */
const BASE = 'http://console.invalid';

export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048 || !next.startsWith('/') || next.startsWith('//')) return '/';
  // Browsers treat "\" like "/" and drop tabs and newlines inside URLs: refuse them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\\\x00-\x1f\x7f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Coming back to the sign-in page or the sign-in routes would loop.
  if (path === '/login' || path.startsWith('/login?') || path.startsWith('/api/auth/')) return '/';
  return path;
}
