import { describe, expect, test } from 'vitest';
import { connectClusterSchema } from '@/lib/schemas/config';
import { fromWorkerStatus } from './client';
import { configTopics } from './connectors';

const c = connectClusterSchema.parse({ name: 'main', url: 'http://w1:8083' });

describe('worker answers as the console’s errors', () => {
  test('409 rebalance in progress: conflict, marked rebalancing, naming the Connect cluster', () => {
    const e = fromWorkerStatus(
      c,
      409,
      JSON.stringify({
        error_code: 409,
        message: 'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)',
      }),
    );
    expect(e.status).toBe(409);
    expect(e.extra.details).toMatchObject({ connect: 'main', url: 'http://w1:8083', workerStatus: 409, problem: 'rebalancing' });
    const r = fromWorkerStatus(
      c,
      409,
      JSON.stringify({ error_code: 409, message: 'Cannot complete request momentarily due to no known leader URL, likely because a rebalance is underway.' }),
    );
    expect(r.extra.details).toMatchObject({ problem: 'rebalancing' });
    expect(r.message).toMatch(/Connect cluster main is rebalancing/);
  });

  test('a duplicate name is a plain conflict with the worker’s words', () => {
    const e = fromWorkerStatus(c, 409, JSON.stringify({ error_code: 409, message: 'Connector x already exists' }));
    expect(e.status).toBe(409);
    expect(e.message).toBe('Connect cluster main: Connector x already exists');
  });

  test('refused credentials and proxies are 503 with what to fix; HTML is not echoed as markup', () => {
    expect(fromWorkerStatus(c, 401, '').message).toMatch(/check basicAuth/);
    const proxy = fromWorkerStatus(c, 502, '<html><body><h1>Bad Gateway</h1></body></html>');
    expect(proxy.status).toBe(503);
    expect(proxy.message).not.toMatch(/</);
    expect(fromWorkerStatus(c, 400, JSON.stringify({ message: 'bad' })).status).toBe(422);
    expect(fromWorkerStatus(c, 404, JSON.stringify({ message: 'Connector y not found' })).status).toBe(404);
  });

  test('long worker messages are cut', () => {
    expect(fromWorkerStatus(c, 500, JSON.stringify({ message: 'x'.repeat(5000) })).message.length).toBeLessThan(800);
  });
});

describe('Connect cluster config', () => {
  test('basic auth needs exactly one password source; URLs are http(s)', () => {
    expect(connectClusterSchema.safeParse({ name: 'a', url: 'http://x', basicAuth: { username: 'u' } }).success).toBe(false);
    expect(connectClusterSchema.safeParse({ name: 'a', url: 'http://x', basicAuth: { username: 'u', passwordEnv: 'P', password: 'p' } }).success).toBe(false);
    expect(connectClusterSchema.safeParse({ name: 'a', url: 'ftp://x' }).success).toBe(false);
    expect(connectClusterSchema.safeParse({ name: 'a/b', url: 'http://x' }).success).toBe(false);
    expect(connectClusterSchema.parse({ name: 'a', url: 'https://x', basicAuth: { username: 'u', passwordFile: '/p' } }).timeoutSeconds).toBe(10);
  });
});

test('configTopics: a sink’s topics, a source’s topic; regexes are not expanded', () => {
  expect(configTopics({ topics: 'a, b,,c' })).toEqual(['a', 'b', 'c']);
  expect(configTopics({ topic: 'lines' })).toEqual(['lines']);
  expect(configTopics({ 'topics.regex': 'a.*' })).toEqual([]);
});

test('connector and plugin names that would be path segments of their own are refused', async () => {
  const { connectorName, pluginName } = await import('@/lib/schemas/connect');
  for (const bad of ['.', '..', 'a/b', 'tab\there', ' padded']) expect(connectorName.safeParse(bad).success, bad).toBe(false);
  expect(connectorName.safeParse('my-sink.v2 (prod)').success).toBe(true);
  for (const bad of ['..', '.x', 'a..b', 'x/y']) expect(pluginName.safeParse(bad).success, bad).toBe(false);
  expect(pluginName.safeParse('org.apache.kafka.connect.file.FileStreamSinkConnector').success).toBe(true);
  expect(pluginName.safeParse('MirrorSource').success).toBe(true);
});
