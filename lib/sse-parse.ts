/** One Server-Sent Event as sent by the console: its event name (default "message") and raw data. */
export interface RawSseEvent {
  event: string;
  data: string;
}

/**
 * Splits buffered text/event-stream text into complete events; `rest` is the unfinished tail to
 * prepend to the next chunk. Comment lines (heartbeats) and events without data are skipped.
 * Shared by the browser, the tests and the benchmarks, so they all read the stream the same way.
 */
export function parseSse(buffer: string): { events: RawSseEvent[]; rest: string } {
  const events: RawSseEvent[] = [];
  let start = 0;
  for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n', start)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of buffer.slice(start, end).split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
    start = end + 2;
  }
  return { events, rest: buffer.slice(start) };
}

/**
 * Reads a text/event-stream body: one array of complete events per chunk received. When the
 * caller stops reading, the body is cancelled (`onStop: 'cancel'`, closing the stream) or only
 * released (`'release'`, for callers that close it themselves).
 */
export async function* sseBatches(body: ReadableStream<Uint8Array>, onStop: 'cancel' | 'release' = 'cancel'): AsyncGenerator<RawSseEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const parsed = parseSse(buf + decoder.decode(value, { stream: true }));
      buf = parsed.rest;
      if (parsed.events.length) yield parsed.events;
    }
  } finally {
    if (onStop === 'cancel') reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
}
