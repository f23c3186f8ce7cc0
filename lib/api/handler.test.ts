import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { handle } from './handler';
import { ApiError } from '@/lib/errors';
import { op } from './operation';

const echo = op({
  id: 'echo',
  permission: 'topics:create',
  method: 'post',
  path: '/api/echo/{name}',
  tag: 'Test',
  summary: 'echo',
  params: z.object({ name: z.string().regex(/^[a-z]+$/) }),
  query: z.object({ n: z.coerce.number().int().min(1).default(1) }),
  body: z.object({ text: z.string().min(1) }),
});

const dir = mkdtempSync(join(tmpdir(), 'handler-test-'));
const configKey = Symbol.for('kafka-console.config');

function useConfig(config: unknown) {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  process.env.KAFKA_CONSOLE_CONFIG = file;
  delete (globalThis as Record<symbol, unknown>)[configKey];
}

beforeAll(() =>
  useConfig({
    auth: { mode: 'none' },
    audit: { file: join(dir, 'audit.jsonl') },
    limits: { maxBodyBytes: 2048 },
    clusters: [{ id: 'c', bootstrapServers: ['127.0.0.1:1'] }],
  }),
);
afterAll(() => {
  delete process.env.KAFKA_CONSOLE_CONFIG;
  delete (globalThis as Record<symbol, unknown>)[configKey];
  rmSync(dir, { recursive: true, force: true });
});

type Handler = ReturnType<typeof handle>;
const good = { host: 'localhost:3000', origin: 'http://localhost:3000', 'content-type': 'application/json' };

async function call(handler: Handler, opts: { name?: string; query?: string; body?: string; headers?: Record<string, string> } = {}) {
  const req = new Request(`http://localhost:3000/api/echo/${opts.name ?? 'abc'}${opts.query ?? ''}`, {
    method: 'POST',
    body: opts.body ?? JSON.stringify({ text: 'hi' }),
    headers: opts.headers ?? good,
  });
  const res = await handler(req, { params: Promise.resolve({ name: opts.name ?? 'abc' }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('handle()', () => {
  test('passes parsed, typed input to the handler', async () => {
    const res = await call(
      handle(echo, ({ params, query, body }) => ({ name: params.name, n: query.n, text: body.text })),
      { query: '?n=3' },
    );
    expect(res).toEqual({ status: 200, body: { name: 'abc', n: 3, text: 'hi' } });
  });

  test.each([
    [{ name: 'ABC' }, 400, 'name'],
    [{ query: '?n=0' }, 400, 'n'],
    [{ body: JSON.stringify({ text: '' }) }, 422, 'text'],
    [{ body: '{not json' }, 400, undefined],
  ])('bad input %j is %i with the field named', async (opts, status, field) => {
    const res = await call(
      handle(echo, () => ({ ok: true })),
      opts,
    );
    expect(res.status).toBe(status);
    const err = res.body.error as { code: string; field?: string };
    expect(err.code).toBe(status === 422 ? 'unprocessable' : 'bad_request');
    expect(err.field).toBe(field);
  });

  test.each([
    ['a foreign Host (DNS rebinding)', { ...good, host: 'evil.example:3000', origin: 'http://evil.example:3000' }, 421, 'misdirected'],
    ['text/plain (a CORS-simple cross-site post)', { ...good, 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['a form post', { ...good, 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['a cross-site Origin', { ...good, origin: 'https://evil.example' }, 403, 'forbidden'],
    ['no Origin and a cross-site Sec-Fetch-Site', { host: good.host, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 403, 'forbidden'],
  ])('refuses %s before running anything', async (_label, headers, status, code) => {
    let ran = false;
    const res = await call(
      handle(echo, () => {
        ran = true;
        return { ok: true };
      }),
      { headers },
    );
    expect(res.status).toBe(status);
    expect((res.body.error as { code: string }).code).toBe(code);
    expect(ran).toBe(false);
  });

  test('same-origin by Sec-Fetch-Site alone is accepted', async () => {
    const res = await call(
      handle(echo, () => ({ ok: true })),
      { headers: { host: good.host, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' } },
    );
    expect(res.status).toBe(200);
  });

  test('a body over the limit is a 413, whatever Content-Length claims', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(5000) });
    expect(
      (
        await call(
          handle(echo, () => ({ ok: true })),
          { body: big },
        )
      ).status,
    ).toBe(413);
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

  test('with sign-in on, no session is a 401 and the handler never runs', async () => {
    useConfig({ audit: { file: join(dir, 'audit.jsonl') }, clusters: [{ id: 'c', bootstrapServers: ['127.0.0.1:1'] }] });
    let ran = false;
    const res = await call(
      handle(echo, () => {
        ran = true;
        return { ok: true };
      }),
    );
    expect(res.status).toBe(401);
    expect(ran).toBe(false);
  });
});

describe('fromZodError', () => {
  test("a huge whole number is refused once, with the field's own bound", async () => {
    const { fromZodError } = await import('@/lib/errors');
    const r = z.object({ pageSize: z.coerce.number().int().min(1).max(1000) }).safeParse({ pageSize: '99999999999999999999' });
    const e = fromZodError(r.error!, 'query');
    expect(e.message).toBe('pageSize: Too big: expected number to be <=1000');
  });
});
