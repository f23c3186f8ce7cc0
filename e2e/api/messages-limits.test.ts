/**
 * The limits the server holds while reading messages, against the real cluster: regular
 * expressions run on RE2, batches compressed by Kafka's own (Java) codecs still read, and a
 * batch the console refuses to decode ends a stream with an `error` event instead of taking
 * the server down.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { api, callRoute } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { sseEvents, type SseEvent } from '../support/sse';
import { disconnectAll } from '@/lib/kafka/registry';
import type { StreamDone, WireRecord } from '@/lib/messages/format';

const created: string[] = [];
const url = (topic: string, rest = '') => `/api/clusters/local/topics/${encodeURIComponent(topic)}/messages${rest}`;

function kcat(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', testKafka.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

async function createTopic(args: string[] = []): Promise<string> {
  const topic = uniqueName('lim');
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1', ...args]);
  created.push(topic);
  return topic;
}

async function streamEvents(path: string): Promise<SseEvent[]> {
  const res = await callRoute('GET', path);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  for await (const e of sseEvents(res.body!)) events.push(e);
  return events;
}

const values = (events: SseEvent[]) => events.filter((e) => e.event === 'message').map((e) => (e.data as WireRecord).value?.data);

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});

describe('search with match=regex', () => {
  test('q is an RE2 pattern over key, value or headers; a catastrophic one is fast, an unsupported one a 400 on q', async () => {
    const topic = await createTopic();
    await kcat(['-P', '-t', topic, '-K:'], ['k1:order-17', 'k2:order-x', 'k3:ORDER-9', `k4:${'a'.repeat(5000)}`].join('\n') + '\n');

    const found = await streamEvents(url(topic, `/search?q=${encodeURIComponent('^order-\\d+$')}&field=value&match=regex`));
    expect(values(found)).toEqual(['order-17']);
    expect((found.at(-1)?.data as StreamDone).reason).toBe('end');
    const ignoringCase = await streamEvents(url(topic, `/search?q=${encodeURIComponent('^order-\\d+$')}&field=value&match=regex&ignoreCase=true`));
    expect(values(ignoringCase)).toEqual(['order-17', 'ORDER-9']);

    const started = Date.now();
    const catastrophic = await streamEvents(url(topic, `/search?q=${encodeURIComponent('(a|a)*b')}&match=regex`));
    expect(values(catastrophic)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);

    for (const q of ['(a)\\1', '(?=x)', '[oops']) {
      const res = await api.get(url(topic, `/search?q=${encodeURIComponent(q)}&match=regex`));
      expect(res.status, q).toBe(400);
      expect(res.body.error.field).toBe('q');
      expect(res.body.error.message).toMatch(/q is not a usable regular expression/);
    }
  });
});
