/**
 * Credentials (user passwords and their hashes, the session secret, a cluster's SASL
 * password) never appear in API responses, the OpenAPI document, the server's log lines
 * or the audit trail. The built client bundle is checked by e2e/ui/secrets.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { api, callRoute, testUser } from '../support/api';
import { leaks, testSecrets } from '../support/secrets';

const logged: string[] = [];
const write = process.stderr.write.bind(process.stderr);

beforeAll(() => {
  expect(testSecrets().length).toBeGreaterThanOrEqual(6);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
});

afterAll(() => {
  process.stderr.write = write;
});

test('responses never carry a credential, whatever the request', async () => {
  const bodies: string[] = [];
  for (const url of [
    '/api/clusters',
    '/api/auth/me',
    '/api/openapi.json',
    '/api/clusters/secured/overview',
    '/api/clusters/secured/topics',
    // The secured cluster: working, with a wrong password, as a principal without rights; and its SCRAM users.
    '/api/clusters/secure/overview',
    '/api/clusters/secure-badpass/overview',
    '/api/clusters/secure-nobody/overview',
    '/api/clusters/secure/users',
    // Kafka Connect: the list, and a Connect cluster with basic auth that cannot be reached.
    '/api/clusters/local/connect',
    '/api/clusters/local/connect/down/plugins',
  ]) {
    const res = await api.get(url);
    bodies.push(JSON.stringify(res.body), JSON.stringify([...res.headers]));
  }
  const clusters = (await api.get('/api/clusters')).body as { clusters: { id: string; security: unknown }[] };
  expect(clusters.clusters.find((c) => c.id === 'secured')?.security).toEqual({ ssl: false, sasl: 'scram-sha-512' });
  // A failed sign-in, a sign-in with a password in the wrong field, and a produce that fails.
  const u = testUser('viewer');
  for (const body of [
    { username: u.username, password: `${u.password}x` },
    { username: u.password, password: u.password },
  ]) {
    const res = await callRoute('POST', '/api/auth/login', body, undefined, { as: null });
    bodies.push(await res.text());
  }
  const produce = await api.post('/api/clusters/secured/topics/t/messages', { value: testUser('admin').password });
  bodies.push(JSON.stringify(produce.body));
  expect(bodies.flatMap(leaks)).toEqual([]);
});

test('log lines and the audit trail hold no credential', async () => {
  // Sign-ins, a failed one, and a produce whose value is a password: all audited, none leaking.
  const u = testUser('operator');
  await callRoute('POST', '/api/auth/login', { username: u.username, password: 'not-it-at-all' }, undefined, { as: null });
  await api.post('/api/clusters/secured/topics/t/messages', {
    value: testUser('viewer').password,
    headers: [{ key: 'auth', value: testUser('viewer').password }],
  });
  const audit = readFileSync(process.env.KAFKA_TEST_AUDIT!, 'utf8');
  expect(audit).toMatch(/"action":"login"/);
  expect(audit).toMatch(/"action":"produceMessage"/);
  expect(leaks(audit)).toEqual([]);
  expect(leaks(logged.join(''))).toEqual([]);
});
