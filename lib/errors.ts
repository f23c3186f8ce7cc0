import type { ZodError } from 'zod';
import type { ErrorEnvelope } from '@/lib/schemas/common';

/** The API's error codes and the HTTP status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  misdirected: 421,
  unprocessable: 422,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/**
 * zod's int() also checks the safe-integer range, so a huge number breaks two bounds and the
 * message named 9007199254740991 beside the real limit: keep the field's own bound only.
 */
function withoutSafeIntegerEcho(issues: ZodError['issues']): ZodError['issues'] {
  const key = (i: ZodError['issues'][number]) => i.path.join('.');
  return issues.filter((i) => !(i.code === 'too_big' && Number(i.maximum) === Number.MAX_SAFE_INTEGER && issues.some((o) => o !== i && key(o) === key(i))));
}

export function fromZodError(zodError: ZodError, where: 'path' | 'query' | 'body'): ApiError {
  const err = { issues: withoutSafeIntegerEcho(zodError.issues) };
  const first = err.issues[0];
  const field = first?.path.join('.') || undefined;
  const message = err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  // Malformed path or query parameters are a bad request; a well-formed body with
  // invalid values is unprocessable.
  return new ApiError(where === 'body' ? 'unprocessable' : 'bad_request', message, {
    field,
    details: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
