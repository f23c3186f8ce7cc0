import { parseSse } from '@/lib/sse-parse';

/** Reads a Server-Sent Events response as typed events (tests and benchmarks). */
export interface SseEvent {
  event: string;
  data: unknown;
}

export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      const parsed = parseSse(buf);
      buf = parsed.rest;
      for (const e of parsed.events) yield { event: e.event, data: JSON.parse(e.data) as unknown };
    }
  } finally {
    reader.releaseLock();
  }
}
