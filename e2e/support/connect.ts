/**
 * The test environment's Kafka Connect workers (two distributed workers in one group, started
 * once per run by test-env.ts): their REST API read directly, to check what the console did.
 */
import type { ConnectTestInfo } from './test-env';

export function connectInfo(): ConnectTestInfo {
  const v = process.env.KAFKA_TEST_CONNECT;
  if (!v) throw new Error('KAFKA_TEST_CONNECT is not set: run these tests through npm test or vitest.integration.config.mts');
  return JSON.parse(v) as ConnectTestInfo;
}

/** GET on a worker's REST API (the first worker by default); resolves with status and JSON. */
export async function worker<T = unknown>(path: string, url = connectInfo().workers[0]): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface WorkerStatus {
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
}

/** Polls until `check` holds (the workers are eventually consistent), failing with the last value after the deadline. */
export async function waitFor<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not hold within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** The connector's status as the first worker reports it (404 while it does not exist). */
export async function workerStatus(name: string): Promise<WorkerStatus | null> {
  const r = await worker<WorkerStatus>(`/connectors/${encodeURIComponent(name)}/status`);
  return r.status === 200 ? r.body : null;
}
