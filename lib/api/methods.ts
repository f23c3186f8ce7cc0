import { operations } from './ops';
import type { Operation } from './operation';

/**
 * The methods each API route answers, from the operation registry. Next.js answers an
 * unexported method with a bare 405; the proxy asks this first so every API route refuses
 * other methods the same way: 405, an `Allow` header and the JSON error envelope. (TRACE
 * never reaches the proxy: see unroutable-methods.ts.)
 */
interface Route {
  pattern: RegExp;
  /** Literal segments: `/topics/search` beats `/topics/{topic}` when both match. */
  literals: number;
  allow: string[];
}

function compile(ops: Operation[]): Route[] {
  const byPath = new Map<string, Set<string>>();
  for (const o of ops) {
    const methods = byPath.get(o.path) ?? new Set<string>();
    methods.add(o.method.toUpperCase());
    byPath.set(o.path, methods);
  }
  return [...byPath].map(([path, methods]) => {
    const segments = path.split('/').slice(1);
    const pattern = new RegExp(`^/${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    // Next.js answers HEAD for every GET handler and OPTIONS for every route.
    const allow = new Set(methods);
    if (allow.has('GET')) allow.add('HEAD');
    allow.add('OPTIONS');
    return { pattern, literals: segments.filter((s) => !s.startsWith('{')).length, allow: [...allow].sort() };
  });
}

let routes: Route[] | null = null;

/** The methods the route at `pathname` answers, or null when no operation lives there. */
export function allowedMethods(pathname: string, ops?: Operation[]): string[] | null {
  routes ??= compile(operations);
  const table = ops ? compile(ops) : routes;
  let best: Route | null = null;
  for (const r of table) if (r.pattern.test(pathname) && (!best || r.literals > best.literals)) best = r;
  return best?.allow ?? null;
}

/** A 405 for a method the API route at `pathname` does not answer; null to let the request through. */
export function methodNotAllowed(pathname: string, method: string, ops?: Operation[]): Response | null {
  const allow = allowedMethods(pathname, ops);
  if (!allow || allow.includes(method.toUpperCase())) return null;
  return Response.json(
    { error: { code: 'method_not_allowed', message: `${method.toUpperCase()} is not supported here; this route answers ${allow.join(', ')}` } },
    { status: 405, headers: { allow: allow.join(', '), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } },
  );
}
