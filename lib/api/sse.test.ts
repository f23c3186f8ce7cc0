import { describe, expect, test } from 'vitest';
import type { StreamEvent } from '@/lib/types';
import { parseSse } from '@/lib/sse-parse';
import { sseResponse, type EventSourceLike } from './sse';

/** A source that hands out the given batches, then whatever `last` does. */
function source(batches: StreamEvent[][], last: () => Promise<StreamEvent[] | null>) {
  let closed = 0;
  let calls = 0;
  const s: EventSourceLike = {
    next: () => {
      calls++;
      return calls <= batches.length ? Promise.resolve(batches[calls - 1]) : last();
    },
    close: () => void closed++,
  };
  return { s, closed: () => closed, calls: () => calls };
}

async function read(res: Response) {
  return parseSse(await res.text()).events.map((e) => ({ event: e.event, data: JSON.parse(e.data) as unknown }));
}

const message = { event: 'progress', data: { scanned: 1, matched: 0, positions: { '0': '1' } } } as const;

describe('sseResponse', () => {
  test('a source that throws ends the response with an internal error event, without its text', async () => {
    const src = source([[message]], () => Promise.reject(new Error('RangeError at secret/path.ts:12')));
    const events = await read(sseResponse(new Request('http://x/'), src.s));
    expect(events).toEqual([message, { event: 'error', data: { code: 'internal', message: 'The stream failed unexpectedly; see the console server log' } }]);
    expect(JSON.stringify(events)).not.toContain('secret');
    expect(src.closed()).toBe(1);
  });

  test('an error event from the source is the last event: the response ends and the source is closed', async () => {
    const error: StreamEvent = { event: 'error', data: { code: 'undecodable', message: 'Partition 0: bad batch', partition: 0, offset: '2' } };
    const src = source([[message], [error]], () => Promise.resolve(null));
    const events = await read(sseResponse(new Request('http://x/'), src.s));
    expect(events.map((e) => e.event)).toEqual(['progress', 'error']);
    expect(src.calls()).toBe(2);
    expect(src.closed()).toBe(1);
  });
});
