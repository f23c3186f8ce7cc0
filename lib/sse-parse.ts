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
  let end: number;
  while ((end = buffer.indexOf('\n\n', start)) >= 0) {
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
