import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { handle } from './handler';
import { ApiError } from './errors';
import { op } from './operation';

const echo = op({
  id: 'echo',
  method: 'post',
  path: '/api/echo/{name}',
  tag: 'Test',
  summary: 'echo',
  params: z.object({ name: z.string().regex(/^[a-z]+$/) }),
  query: z.object({ n: z.coerce.number().int().min(1).default(1) }),
  body: z.object({ text: z.string().min(1) }),
});

type Handler = ReturnType<typeof handle>;

async function call(handler: Handler, opts: { name?: string; query?: string; body?: string } = {}) {
  const req = new Request(`http://x/api/echo/${opts.name ?? 'abc'}${opts.query ?? ''}`, { method: 'POST', body: opts.body ?? JSON.stringify({ text: 'hi' }) });
  const res = await handler(req, { params: Promise.resolve({ name: opts.name ?? 'abc' }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('handle()', () => {
  test('passes parsed, typed input to the handler', async () => {
    const res = await call(handle(echo, ({ params, query, body }) => ({ name: params.name, n: query.n, text: body.text })), { query: '?n=3' });
    expect(res).toEqual({ status: 200, body: { name: 'abc', n: 3, text: 'hi' } });
  });

  test.each([
    [{ name: 'ABC' }, 400, 'name'],
    [{ query: '?n=0' }, 400, 'n'],
    [{ body: JSON.stringify({ text: '' }) }, 422, 'text'],
    [{ body: '{not json' }, 400, undefined],
  ])('bad input %j is %i with the field named', async (opts, status, field) => {
    const res = await call(handle(echo, () => ({ ok: true })), opts);
    expect(res.status).toBe(status);
    const err = res.body.error as { code: string; field?: string };
    expect(err.code).toBe(status === 422 ? 'unprocessable' : 'bad_request');
    expect(err.field).toBe(field);
  });

  test('an ApiError keeps its code and status', async () => {
    const res = await call(
      handle(echo, () => {
        throw new ApiError('conflict', 'Topic orders already exists', { field: 'name' });
      }),
    );
    expect(res).toEqual({ status: 409, body: { error: { code: 'conflict', message: 'Topic orders already exists', field: 'name' } } });
  });

  test('an unexpected error is a generic 500 that leaks nothing', async () => {
    const res = await call(
      handle(echo, () => {
        throw new TypeError('secret internals at /srv/app.js:12');
      }),
    );
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|app\.js|TypeError/);
  });
});
