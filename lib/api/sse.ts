import 'server-only';
import type { EventSourceLike } from '@/lib/messages/format';
import type { StreamEvent } from '@/lib/types';
import { log } from '@/lib/log';

export type { EventSourceLike } from '@/lib/messages/format';

function format(e: StreamEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * A pull-based Server-Sent Events response: events are produced only when the client has
 * read what was sent (at most ~256 KB queued), so a slow browser slows the reader instead
 * of growing server memory. Closing is idempotent and happens on the request's abort, on
 * the stream's cancel(), at the end of the source, after a `done` or `error` event, and when
 * the source throws (the client then gets an `error` event; the details go to the log).
 */
export function sseResponse(request: Request, source: EventSourceLike): Response {
  const encoder = new TextEncoder();
  let closed = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const finish = () => {
    if (closed) return;
    closed = true;
    request.signal.removeEventListener('abort', onAbort);
    source.close();
    try {
      controller?.close();
    } catch {
      // already closed or cancelled
    }
  };
  const onAbort = () => finish();
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (request.signal.aborted) finish();
        else request.signal.addEventListener('abort', onAbort);
        if (!closed) c.enqueue(encoder.encode(': open\n\n'));
      },
      async pull(c) {
        if (closed) return;
        try {
          const events = await source.next();
          if (closed) return;
          if (events === null) return finish();
          c.enqueue(encoder.encode(events.length ? events.map(format).join('') : ': heartbeat\n\n'));
          if (events.some((e) => e.event === 'done' || e.event === 'error')) finish();
        } catch (err) {
          log('error', 'stream failed', {
            error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
            stack: err instanceof Error ? err.stack : undefined,
          });
          if (!closed)
            c.enqueue(
              encoder.encode(format({ event: 'error', data: { code: 'internal', message: 'The stream failed unexpectedly; see the console server log' } })),
            );
          finish();
        }
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 256 * 1024, size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
