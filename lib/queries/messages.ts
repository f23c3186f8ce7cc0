'use client';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiClientError, apiFetch, redirectToSignIn } from '@/lib/api-client';
import { paths, withQuery } from '@/lib/paths';
import type { MessagesPage, ProduceResult, StreamEvent } from '@/lib/types';
import type { ProduceInput } from '@/lib/schemas/messages';
import { sseBatches } from '@/lib/sse-parse';
import { queryKeys } from './keys';

export interface BrowseParams {
  partitions?: string;
  from: 'oldest' | 'newest' | 'offset' | 'timestamp';
  offset?: string;
  timestamp?: string;
  limit: number;
  cursor?: string;
}

export const browseMessagesQuery = (cluster: string, topic: string, params: BrowseParams) =>
  queryOptions({
    queryKey: queryKeys.messagesPage(cluster, topic, { ...params }),
    queryFn: () => apiFetch<MessagesPage>(withQuery(paths.api.messages(cluster, topic), { ...params })),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });

/** A page of records; `params` null until the user asks for one. */
export function useBrowseMessagesQuery(cluster: string, topic: string, params: BrowseParams | null) {
  return useQuery({ ...browseMessagesQuery(cluster, topic, params ?? { from: 'newest', limit: 100 }), enabled: params !== null });
}

export function useProduceMessageMutation(cluster: string, topic: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProduceInput) => apiFetch<ProduceResult>(paths.api.messages(cluster, topic), { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.messages(cluster, topic) }),
  });
}

/** Parses a text/event-stream body into typed events, one array per chunk received. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent[]> {
  for await (const batch of sseBatches(body)) yield batch.map((e) => ({ event: e.event, data: JSON.parse(e.data) }) as StreamEvent);
}

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'done' | 'error';

/**
 * An SSE stream (search or tail) read with fetch, so a 4xx before the stream shows the
 * API's error message. An `error` event ends the stream the same way (status 'error' and its
 * message). Aborted when `url` changes, on stop() and in the effect cleanup. While `paused`,
 * nothing is read: the server stops reading Kafka and reports what it skips.
 */
export function useMessageStream(url: string | null, onEvents: (events: StreamEvent[]) => void, paused = false) {
  const [status, setStatus] = useState<StreamStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const pausedRef = useRef(paused);
  const resumeRef = useRef<(() => void) | null>(null);
  const onEventsRef = useRef(onEvents);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => {
    onEventsRef.current = onEvents;
  }, [onEvents]);
  useEffect(() => {
    pausedRef.current = paused;
    if (!paused) {
      resumeRef.current?.();
      resumeRef.current = null;
    }
  }, [paused]);

  useEffect(() => {
    if (!url) return;
    const ac = new AbortController();
    abortRef.current = ac;
    setStatus('connecting');
    setError(null);
    void (async () => {
      try {
        const res = await fetch(url, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
        if (!res.ok || !res.body) {
          if (res.status === 401) redirectToSignIn();
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new ApiClientError(res.status, 'http', body?.error?.message ?? `HTTP ${res.status}`);
        }
        setStatus('open');
        for await (const events of readEvents(res.body)) {
          onEventsRef.current(events);
          const failure = events.find((e) => e.event === 'error');
          if (failure) {
            setError(failure.data.message);
            setStatus('error');
            return;
          }
          if (events.some((e) => e.event === 'done')) break;
          while (pausedRef.current && !ac.signal.aborted) await new Promise<void>((r) => (resumeRef.current = r));
        }
        if (!ac.signal.aborted) setStatus('done');
      } catch (err) {
        if (ac.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
        setStatus('error');
      }
    })();
    return () => {
      ac.abort();
      resumeRef.current?.();
    };
  }, [url]);

  const stop = useCallback(() => {
    abortRef.current?.abort();
    resumeRef.current?.();
    setStatus((s) => (s === 'open' || s === 'connecting' ? 'done' : s));
  }, []);

  return { status, error, stop };
}
