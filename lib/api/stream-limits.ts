import 'server-only';
import type { LimitsConfig } from '@/lib/config';
import { ApiError } from '@/lib/errors';

/**
 * How many tails and searches run at once, per user and in all. Each holds Kafka
 * connections and reads partitions until it ends, so they are counted and capped; the
 * slot is handed back when the stream ends or the browser goes away.
 */
const key = Symbol.for('kafka-console.stream-limits');
type G = typeof globalThis & { [key]?: { total: number; perUser: Map<string, number> } };

function state() {
  const g = globalThis as G;
  g[key] ??= { total: 0, perUser: new Map() };
  return g[key];
}

export function acquireStream(user: string, limits: LimitsConfig): () => void {
  const s = state();
  const mine = s.perUser.get(user) ?? 0;
  if (mine >= limits.streamsPerUser) {
    throw new ApiError('too_many_requests', `You have ${mine} live tails or searches open (at most ${limits.streamsPerUser}); close one first`);
  }
  if (s.total >= limits.streamsTotal) {
    throw new ApiError('too_many_requests', `The console is running ${s.total} tails and searches (at most ${limits.streamsTotal}); try again shortly`);
  }
  s.total++;
  s.perUser.set(user, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    s.total--;
    const n = (s.perUser.get(user) ?? 1) - 1;
    if (n <= 0) s.perUser.delete(user);
    else s.perUser.set(user, n);
  };
}

export function openStreams(): { total: number; perUser: Record<string, number> } {
  const s = state();
  return { total: s.total, perUser: Object.fromEntries(s.perUser) };
}
