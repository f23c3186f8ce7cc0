import { describe, expect, test } from 'vitest';
import { requestInit, signInUrl } from './api-client';

describe('requestInit', () => {
  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'delete'])('%s without a body sends {} as JSON', (method) => {
    const init = requestInit({ method });
    expect(init.body).toBe('{}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  test('a body is sent as JSON with its content type', () => {
    const init = requestInit({ method: 'DELETE', body: { confirm: 'orders' } });
    expect(init.body).toBe('{"confirm":"orders"}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  test('GET carries no body and no content type', () => {
    for (const init of [requestInit(), requestInit({ method: 'GET' })]) {
      expect(init.body).toBeUndefined();
      expect(init.headers).not.toHaveProperty('content-type');
    }
  });
});

test('signInUrl comes back to the page, query included', () => {
  expect(signInUrl('/clusters/local/topics?tab=configs&x=1')).toBe('/login?next=%2Fclusters%2Flocal%2Ftopics%3Ftab%3Dconfigs%26x%3D1');
});
