import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { api, callRoute } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { sseEvents, type SseEvent } from '../support/sse';
import { searchMessages, tailMessages } from '@/lib/api/ops/messages';
import { disconnectAll } from '@/lib/kafka/registry';

/** The events of search and tail against the schemas /api/openapi.json declares for them. */
const topic = uniqueName('stream-events');
const url = (rest: string) => `/api/clusters/local/topics/${topic}/messages${rest}`;

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1']);
  for (let i = 0; i < 6; i++) {
    const res = await api.post(url(''), {
      key: `k${i}`,
      value: i % 2 ? 'needle' : '/w==',
      valueEncoding: i % 2 ? 'utf8' : 'base64',
      headers: [{ key: 'h', value: null }],
      partition: i % 2,
    });
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

/** Parsing strips keys a schema does not know, so a parse equal to the input means nothing undeclared was sent. */
function expectDeclared(events: SseEvent[], declared: Record<string, z.ZodType> | undefined) {
  expect(declared).toBeDefined();
  for (const e of events) {
    expect(Object.keys(declared!)).toContain(e.event);
    expect(declared![e.event].parse(e.data)).toEqual(e.data);
  }
}

describe('GET /api/clusters/{cluster}/topics/{topic}/messages/search', () => {
  test('sends only the events, and the fields, its document declares', async () => {
    const res = await callRoute('GET', url('/search?q=needle&limit=2'));
    expect(res.status).toBe(200);
    const events: SseEvent[] = [];
    for await (const e of sseEvents(res.body!)) events.push(e);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['progress', 'message', 'done']));
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { reason: 'limit', cursor: expect.any(String) } });
    expectDeclared(events, searchMessages.events);
  });
});

describe('GET /api/clusters/{cluster}/topics/{topic}/messages/tail', () => {
  test('sends only the events, and the fields, its document declares', async () => {
    const ac = new AbortController();
    const res = await callRoute('GET', url('/tail?last=3'), undefined, ac.signal);
    expect(res.status).toBe(200);
    const events: SseEvent[] = [];
    for await (const e of sseEvents(res.body!)) {
      events.push(e);
      if (events.filter((x) => x.event === 'message').length === 6) break;
    }
    ac.abort();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['progress', 'message']));
    expectDeclared(events, tailMessages.events);
  });
});

describe('GET /api/openapi.json', () => {
  test('declares text/event-stream responses as one event each, with JSON data', async () => {
    const res = await api.get('/api/openapi.json');
    const schema = res.body.paths['/api/clusters/{cluster}/topics/{topic}/messages/search'].get.responses['200'].content['text/event-stream'].schema;
    expect(schema.oneOf.map((e: { properties: { event: { const: string } } }) => e.properties.event.const)).toEqual([
      'message',
      'progress',
      'warning',
      'done',
      'error',
    ]);
    expect(schema.oneOf[0].properties.data).toMatchObject({ type: 'string', contentMediaType: 'application/json' });
  });
});
