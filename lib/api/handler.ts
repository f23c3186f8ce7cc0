import 'server-only';
import type { z } from 'zod';
import { ApiError, fromZodError } from './errors';
import type { Operation } from './operation';
import { toApiError } from '@/lib/kafka/errors';
import { log } from '@/lib/log';

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: Request;
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

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON');
  }
}

/**
 * The one wrapper every route handler goes through: parses input with the operation's
 * zod schemas, runs the handler, maps every error to the JSON envelope, and is where
 * authentication and audit plug in.
 */
export function handle<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: Operation<P, Q, B>,
  fn: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown> | unknown,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const started = Date.now();
    let params: Record<string, unknown> = {};
    try {
      const rawParams = (await context?.params) ?? {};
      params = rawParams;
      const parse = (schema: z.ZodType | undefined, value: unknown, where: 'path' | 'query' | 'body') => {
        if (!schema) return undefined;
        const r = schema.safeParse(value);
        if (!r.success) throw fromZodError(r.error, where);
        return r.data;
      };
      const url = new URL(request.url);
      const ctx = {
        params: parse(operation.params, rawParams, 'path') as Infer<P>,
        query: parse(operation.query, searchParamsObject(url), 'query') as Infer<Q>,
        body: parse(operation.body, operation.body ? await readJson(request) : undefined, 'body') as Infer<B>,
        request,
      };
      const result = await fn(ctx);
      const response = result instanceof Response ? result : Response.json(result ?? { ok: true }, { status: operation.successStatus ?? 200 });
      if (operation.mutates) audit(operation, params, response.status, started);
      return response;
    } catch (err) {
      const apiErr = toApiError(err, { topic: str(params.topic), group: str(params.group), broker: str(params.broker) });
      if (apiErr.code === 'internal') {
        log('error', 'unhandled error', { op: operation.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), stack: err instanceof Error ? err.stack : undefined });
      }
      if (operation.mutates) audit(operation, params, apiErr.status, started);
      return Response.json(apiErr.toEnvelope(), { status: apiErr.status });
    }
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function audit(operation: Operation, params: Record<string, unknown>, status: number, started: number): void {
  log('info', 'audit', { op: operation.id, params, status, ms: Date.now() - started });
}
