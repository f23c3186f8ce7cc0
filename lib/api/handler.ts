import 'server-only';
import type { z } from 'zod';
import { ApiError, fromZodError } from '@/lib/errors';
import type { AuditState, Operation } from './operation';
import { checkHost, checkMutatingRequest } from './guard';
import { acquireStream } from './stream-limits';
import { consoleConfig, type ConsoleConfig } from '@/lib/config';
import { authenticate } from '@/lib/auth/principal';
import { sessionCookie, type Principal } from '@/lib/auth/session';
import { allows, deniedReason, isWrite, type Target } from '@/lib/auth/roles';
import { auditActor, recordAudit } from '@/lib/audit/log';
import { clientAddress } from '@/lib/auth/login';
import { redactInput } from '@/lib/audit/redact';
import { toApiError } from '@/lib/kafka/errors';
import { log } from '@/lib/log';

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: Request;
  /** The signed-in user (anonymous admin when sign-in is off); null only for public operations. */
  principal: Principal | null;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function searchParamsObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** Reads at most `limit` bytes of body; a larger one is refused without reading the rest. */
async function readJson(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  const tooLarge = () => new ApiError('payload_too_large', `The request body is larger than ${limit} bytes`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return {};
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON');
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function targetOf(operation: Operation, params: Record<string, unknown>, body: unknown): Target {
  const scoped = operation.scope?.({ params, body }) ?? {};
  return { cluster: str(params.cluster), topic: scoped.topic ?? str(params.topic), group: scoped.group ?? str(params.group) };
}

function authorize(operation: Operation, principal: Principal | null, config: ConsoleConfig, target: Target, partial: boolean): void {
  if (operation.permission === 'public') return;
  if (!principal) throw new ApiError('unauthorized', 'Sign in first: this request has no valid session (it may have expired)');
  if (operation.permission === 'signed-in') return;
  const p = operation.permission;
  if (isWrite(p) && target.cluster && config.clusters.find((c) => c.id === target.cluster)?.readOnly) {
    throw new ApiError('forbidden', `Cluster ${target.cluster} is read-only in this console: nobody may change it here`, { details: { permission: p } });
  }
  if (!allows(principal.grants, p, target, partial)) {
    throw new ApiError('forbidden', `${deniedReason(p, target)}; ${principal.user} does not have it`, { details: { permission: p } });
  }
  // The audit topic holds who did what: only those who may read the audit trail may read or touch it.
  const auditTopic = config.audit.topic;
  if (auditTopic && target.cluster === auditTopic.cluster && target.topic === auditTopic.topic && !allows(principal.grants, 'audit:view', {})) {
    throw new ApiError('forbidden', `Topic ${auditTopic.topic} is the console's audit trail: ${deniedReason('audit:view', {})}`, {
      details: { permission: 'audit:view' },
    });
  }
}

/** Session cookies are re-issued at most once a minute, to move the idle deadline. */
async function refreshedCookie(config: ConsoleConfig, request: Request, principal: Principal | null): Promise<string | null> {
  if (!principal || principal.via === 'none') return null;
  const now = Math.floor(Date.now() / 1000);
  if (now - principal.seen < 60) return null;
  return sessionCookie(config, request, { ...principal, seen: now });
}

/**
 * The one wrapper every route handler goes through, in this order: Host allow-list, JSON
 * and same-origin for changes, the session, the operation's permission on the cluster
 * (before the body is read), input parsing, the permission on the named topic or group,
 * the confirmation of destructive operations, stream limits; then the handler, the audit
 * entry and the JSON error envelope.
 */
export function handle<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: Operation<P, Q, B>,
  fn: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown> | unknown,
) {
  const op = operation as unknown as Operation;
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const started = Date.now();
    let params: Record<string, unknown> = {};
    let body: unknown;
    let principal: Principal | null = null;
    let config: ConsoleConfig | null = null;
    try {
      config = consoleConfig();
      params = (await context?.params) ?? {};
      checkHost(request, config);
      checkMutatingRequest(request, config);
      principal = op.permission === 'public' ? await authenticate(request, config).catch(() => null) : await authenticate(request, config);
      authorize(op, principal, config, targetOf(op, params, undefined), true);
      const parse = (schema: z.ZodType | undefined, value: unknown, where: 'path' | 'query' | 'body') => {
        if (!schema) return undefined;
        const r = schema.safeParse(value);
        if (!r.success) throw fromZodError(r.error, where);
        return r.data;
      };
      const url = new URL(request.url);
      const parsedParams = parse(op.params, params, 'path') as Infer<P>;
      const query = parse(op.query, searchParamsObject(url), 'query') as Infer<Q>;
      body = op.body ? parse(op.body, await readJson(request, config.limits.maxBodyBytes), 'body') : undefined;
      authorize(op, principal, config, targetOf(op, params, body), false);
      const expected = op.confirm?.({ params, body }) ?? null;
      if (expected !== null && (body as { confirm?: unknown } | undefined)?.confirm !== expected) {
        throw new ApiError('unprocessable', `Confirm by sending "confirm": "${expected}" (the name of what this changes or deletes)`, { field: 'confirm' });
      }
      const release = op.stream ? acquireStream(principal?.user ?? 'anonymous', config.limits) : null;
      let result: unknown;
      try {
        result = await fn({ params: parsedParams, query, body: body as Infer<B>, request, principal });
      } catch (err) {
        release?.();
        throw err;
      }
      let response = result instanceof Response ? result : Response.json(result ?? { ok: true }, { status: op.successStatus ?? 200 });
      if (release) response = releaseWhenDone(response, release);
      const cookie = await refreshedCookie(config, request, principal);
      if (cookie && !response.headers.has('set-cookie')) response.headers.append('set-cookie', cookie);
      if (op.mutates) await audit(op, request, principal, params, body, response.status, started, result);
      return withSecurityHeaders(response);
    } catch (err) {
      const apiErr = toApiError(err, {
        topic: str(params.topic),
        group: str(params.group),
        broker: str(params.broker),
        cluster: config?.clusters.find((c) => c.id === params.cluster),
      });
      if (apiErr.code === 'internal') {
        log('error', 'unhandled error', {
          op: op.id,
          error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
          stack: err instanceof Error ? err.stack : undefined,
        });
      }
      // Mutations are audited whatever their outcome, and so is every refusal (403) of any request.
      if (config && (op.mutates || apiErr.status === 403)) {
        await audit(op, request, principal, params, body, apiErr.status, started, undefined, apiErr.message);
      }
      return withSecurityHeaders(Response.json(apiErr.toEnvelope(), { status: apiErr.status }));
    }
  };
}

/** API answers carry data: never cached, never sniffed as something else. */
function withSecurityHeaders(response: Response): Response {
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
  response.headers.set('x-content-type-options', 'nosniff');
  return response;
}

/** Hands the stream slot back when the response body ends or the browser goes away. */
function releaseWhenDone(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            release();
            c.close();
          } else c.enqueue(value);
        } catch (err) {
          release();
          c.error(err);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    },
    // One chunk read ahead, so the end of the stream is seen (and the slot handed back) as soon
    // as the client has read its last event, even if it never reads the close itself.
    { highWaterMark: 1 },
  );
  return new Response(body, { status: response.status, headers: response.headers });
}

async function audit(
  op: Operation,
  request: Request,
  principal: Principal | null,
  params: Record<string, unknown>,
  body: unknown,
  status: number,
  started: number,
  result?: unknown,
  error?: string,
): Promise<void> {
  let state: AuditState = {};
  try {
    if (result !== undefined && op.audit) state = op.audit(result, { params, body });
  } catch {
    state = {};
  }
  const url = new URL(request.url);
  await recordAudit({
    actor: auditActor(principal),
    action: op.id,
    method: request.method,
    path: url.pathname,
    cluster: state.cluster ?? str(params.cluster),
    resource: state.resource ?? str(params.topic) ?? str(params.group) ?? str(params.broker),
    params: redactInput(op.id, params, body, state.secretValue),
    before: state.before,
    after: state.after,
    result: { status, ok: status < 400, ...(error ? { error } : {}) },
    ms: Date.now() - started,
    ...(state.undoOf ? { undoOf: state.undoOf } : {}),
    ip: clientAddress(request),
  });
}
