/** The browser's one way to call the API: JSON in and out, one error type. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

/** Where the API sends a browser whose session is missing or expired. */
export const SIGN_IN_PATH = '/login';

/** The sign-in page, coming back to `current` (a path of this console) afterwards. */
export function signInUrl(current: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(current)}`;
}

/** A 401 means the session is gone: go and sign in, then come back here. Not from the sign-in page itself. */
export function redirectToSignIn(): void {
  if (typeof window === 'undefined' || window.location.pathname === SIGN_IN_PATH) return;
  window.location.assign(signInUrl(window.location.pathname + window.location.search));
}

/**
 * Every request but GET and HEAD carries a JSON body (at least `{}`) with its content type:
 * the API refuses other changes with 415.
 */
export function requestInit(init: Omit<RequestInit, 'body'> & { body?: unknown } = {}): RequestInit {
  const { body, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  const payload = method === 'GET' || method === 'HEAD' ? body : (body ?? {});
  return {
    ...rest,
    method,
    headers: { accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    body: payload !== undefined ? JSON.stringify(payload) : undefined,
  };
}

export async function apiFetch<T>(url: string, init: Omit<RequestInit, 'body'> & { body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, requestInit(init));
  } catch {
    throw new ApiClientError(0, 'network', 'The console server cannot be reached');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    if (res.status === 401) redirectToSignIn();
    const e = (data as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | undefined)?.error;
    throw new ApiClientError(res.status, e?.code ?? 'http', e?.message ?? `HTTP ${res.status}`, e?.field, e?.details);
  }
  return data as T;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
