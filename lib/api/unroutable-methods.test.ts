import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refuseUnroutableMethods } from './unroutable-methods';

let server: Server;
let port: number;

beforeAll(async () => {
  refuseUnroutableMethods();
  // Stands in for Next.js: it fails on TRACE the way Next.js did.
  server = createServer((req, res) => {
    if (req.method === 'TRACE') throw new Error('the framework saw TRACE');
    res.end('framework');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** fetch() refuses to send TRACE, so this goes through node:http. */
function send(method: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('refuseUnroutableMethods', () => {
  test("TRACE on an API route is a 405 with the route's Allow header, before the framework sees it", async () => {
    const res = await send('TRACE', '/api/clusters/local/topics?x=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'method_not_allowed', message: expect.stringContaining('TRACE is not supported here') } });
  });

  test('TRACE anywhere else is a 501 that echoes nothing', async () => {
    const res = await send('TRACE', '/clusters/local/<script>');
    expect(res.status).toBe(501);
    expect(res.headers.allow).toBeUndefined();
    expect(res.body).not.toContain('script');
  });

  test('other methods reach the framework', async () => {
    expect(await send('GET', '/api/clusters/local/topics')).toMatchObject({ status: 200, body: 'framework' });
    expect(await send('PATCH', '/api/clusters/local/topics')).toMatchObject({ status: 200, body: 'framework' });
  });
});
