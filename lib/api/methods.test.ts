import { describe, expect, test } from 'vitest';
import { allowedMethods, methodNotAllowed } from './methods';
import { operations } from './ops';

describe('methodNotAllowed', () => {
  test('TRACE on a topic route is a 405 naming the methods the route answers', async () => {
    const res = methodNotAllowed('/api/clusters/local/topics/orders', 'TRACE');
    expect(res?.status).toBe(405);
    expect(res?.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS');
    expect(await res?.json()).toEqual({ error: { code: 'method_not_allowed', message: expect.stringContaining('TRACE is not supported here') } });
  });

  test('every method an operation declares, and HEAD and OPTIONS, pass through', () => {
    for (const o of operations) {
      const path = o.path.replace(/\{[^}]+\}/g, 'x');
      expect(methodNotAllowed(path, o.method.toUpperCase())).toBeNull();
      expect(methodNotAllowed(path, 'OPTIONS')).toBeNull();
      if (o.method === 'get') expect(methodNotAllowed(path, 'HEAD')).toBeNull();
    }
  });

  test('a literal segment wins over a parameter: search is GET only, not the messages route', () => {
    expect(allowedMethods('/api/clusters/local/topics/orders/messages/search')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/clusters/local/topics/orders/messages')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(methodNotAllowed('/api/clusters/local/topics/orders/messages/search', 'POST')?.status).toBe(405);
  });

  test('paths no operation serves are left to Next.js (pages, unknown API paths)', () => {
    expect(methodNotAllowed('/clusters/local/topics', 'TRACE')).toBeNull();
    expect(methodNotAllowed('/api/nothing-here', 'TRACE')).toBeNull();
    expect(methodNotAllowed('/api/clusters/local/topics/a/b/c/d/e', 'TRACE')).toBeNull();
  });

  test('a POST-only route refuses GET and HEAD', () => {
    const res = methodNotAllowed('/api/auth/login', 'GET');
    expect(res?.status).toBe(405);
    expect(res?.headers.get('allow')).toBe('OPTIONS, POST');
    expect(methodNotAllowed('/api/auth/login', 'HEAD')?.status).toBe(405);
  });
});
