import { describe, expect, test } from 'vitest';
import { parseSse } from './sse-parse';

describe('parseSse', () => {
  test('splits complete events, keeps the unfinished tail, skips heartbeats', () => {
    const { events, rest } = parseSse('event: progress\ndata: {"n":1}\n\n: heartbeat\n\ndata: {"a":1}\n\nevent: mess');
    expect(events).toEqual([
      { event: 'progress', data: '{"n":1}' },
      { event: 'message', data: '{"a":1}' },
    ]);
    expect(rest).toBe('event: mess');
  });

  test('joins multi-line data with newlines; a tail continued by the next chunk parses whole', () => {
    const first = parseSse('event: message\ndata: line 1\n');
    expect(first.events).toEqual([]);
    const second = parseSse(`${first.rest}data: line 2\n\n`);
    expect(second).toEqual({ events: [{ event: 'message', data: 'line 1\nline 2' }], rest: '' });
  });
});
