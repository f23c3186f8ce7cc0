import { describe, expect, test } from 'vitest';
import { createdTopics, junitTally, stackTraceLeaks, type HarEntry } from './fuzz';

const entry = (method: string, url: string, status: number, text: string, encoding?: string): HarEntry => ({
  request: { method, url },
  response: { status, content: { text, ...(encoding ? { encoding } : {}) } },
});

describe('stackTraceLeaks', () => {
  test('finds stack frames, node_modules paths and kafkajs error names, in plain and base64 bodies', () => {
    const leaks = stackTraceLeaks([
      entry('GET', 'http://127.0.0.1/a', 500, 'TypeError: x\n    at handler (/srv/.next/server/chunks/12.js:1:9239)'),
      entry('GET', 'http://127.0.0.1/b', 500, Buffer.from('from /srv/node_modules/kafkajs/src/broker').toString('base64'), 'base64'),
      entry('GET', 'http://127.0.0.1/c', 503, '{"error":{"message":"KafkaJSConnectionError: Connection error"}}'),
    ]);
    expect(leaks).toHaveLength(3);
    expect(leaks[0]).toMatch(/^GET http:\/\/127\.0\.0\.1\/a -> 500: a stack frame/);
    expect(leaks[1]).toMatch(/node_modules/);
    expect(leaks[2]).toMatch(/KafkaJS/);
  });

  test("the API's own error messages are clean", () => {
    const ok = [
      entry(
        'GET',
        'http://127.0.0.1/x',
        503,
        '{"error":{"code":"unavailable","message":"Cannot reach Kafka broker 127.0.0.1:9092: connection refused (nothing listens on that address)"}}',
      ),
      entry('GET', 'http://127.0.0.1/y', 200, ': open\n\nevent: done\ndata: {"reason":"end","scanned":3,"matched":0,"elapsedMs":5,"cursor":null}\n\n'),
    ];
    expect(stackTraceLeaks(ok)).toEqual([]);
  });
});

describe('createdTopics', () => {
  test('names the topics a create call really created, not the ones only validated', () => {
    const url = 'http://127.0.0.1:3000/api/clusters/local/topics';
    expect(
      createdTopics([
        entry('POST', url, 201, JSON.stringify({ name: 'made', created: true })),
        entry('POST', url, 201, JSON.stringify({ name: 'checked', created: false })),
        entry('POST', `${url}/made/partitions`, 200, JSON.stringify({ name: 'made', created: true })),
        entry('POST', url, 422, '{"error":{}}'),
      ]),
    ).toEqual(['made']);
  });
});

describe('junitTally', () => {
  test('counts an operation as failed when any of its cases failed or errored', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="schemathesis">
    <testcase name="POST /api/auth/login" time="3.2" />
    <testcase name="GET /api/clusters" time="0.2"><failure type="failure" message="1. Test Case ID: x">boom</failure></testcase>
    <testcase name="GET /api/clusters/{cluster}/topics" time="0.2"><error type="error" message="Runtime Error">AST</error></testcase>
    <testcase name="GET /api/auth/me" time="0.1"><skipped message="skipped" /></testcase>
</testsuite></testsuites>`;
    expect(junitTally(xml)).toEqual({ passed: 1, failed: ['GET /api/clusters', 'GET /api/clusters/{cluster}/topics'] });
  });
});
