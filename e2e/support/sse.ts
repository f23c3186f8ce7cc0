import { sseBatches } from '@/lib/sse-parse';

/** Reads a Server-Sent Events response as typed events (tests and benchmarks). */
export interface SseEvent {
  event: string;
  data: unknown;
}

export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  for await (const batch of sseBatches(body, 'release')) {
    for (const e of batch) yield { event: e.event, data: JSON.parse(e.data) as unknown };
  }
}
