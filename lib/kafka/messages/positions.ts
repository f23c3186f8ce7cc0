import 'server-only';
import { ApiError } from '@/lib/errors';

/**
 * Cursors: where each partition of a page or a search got to, opaque to the client and
 * checked when they come back (a cursor is user input like any other).
 */

interface Cursor {
  d: 'f' | 'b';
  p: [number, number][];
}

export function encodeCursor(d: 'f' | 'b', positions: Map<number, number>): string {
  return Buffer.from(JSON.stringify({ d, p: [...positions] } satisfies Cursor)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if ((c.d === 'f' || c.d === 'b') && Array.isArray(c.p) && c.p.every((x) => Array.isArray(x) && x.length === 2 && x.every((n) => Number.isSafeInteger(n) && n >= 0))) return c;
  } catch {
    // reported below
  }
  throw new ApiError('bad_request', 'The cursor is not valid (use the next or prev cursor of a page as it was returned)', { field: 'cursor' });
}
