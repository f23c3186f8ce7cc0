/**
 * Live tails and searches hold Kafka connections until they end, so each user may have a
 * few open and the console a bounded number in all (limits.streamsPerUser, default 4).
 * The next one is a 429 with a clear message; closing one frees its slot at once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callRoute } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { openStreams } from '@/lib/api/stream-limits';

const topic = uniqueName('limits');
const tail = (as: string, signal: AbortSignal) => callRoute('GET', `/api/clusters/local/topics/${topic}/messages/tail`, undefined, signal, { as });

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
});
afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
});

test('a fifth open tail for one user is a 429; another user is not affected; closing one frees a slot', async () => {
  const open: { ac: AbortController; res: Response }[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const ac = new AbortController();
      const res = await tail('operator', ac.signal);
      expect(res.status).toBe(200);
      open.push({ ac, res });
    }
    expect(openStreams().perUser.operator).toBe(4);

    const ac = new AbortController();
    const fifth = await tail('operator', ac.signal);
    expect(fifth.status).toBe(429);
    expect((await fifth.json()).error.message).toMatch(/4 live tails or searches open \(at most 4\); close one first/);
    const search = await callRoute('GET', `/api/clusters/local/topics/${topic}/messages/search?q=x`, undefined, undefined, { as: 'operator' });
    expect(search.status).toBe(429);

    const other = new AbortController();
    const theirs = await tail('viewer', other.signal);
    expect(theirs.status).toBe(200);
    other.abort();
    await theirs.body?.cancel().catch(() => undefined);

    // The browser goes away: the slot is back.
    const first = open.shift()!;
    first.ac.abort();
    await first.res.body?.cancel().catch(() => undefined);
    expect(openStreams().perUser.operator).toBe(3);
    const again = new AbortController();
    const res = await tail('operator', again.signal);
    expect(res.status).toBe(200);
    open.push({ ac: again, res });
  } finally {
    for (const s of open) {
      s.ac.abort();
      await s.res.body?.cancel().catch(() => undefined);
    }
  }
  expect(openStreams().perUser.operator).toBeUndefined();
});

test('a search that ends by itself frees its slot', async () => {
  const before = openStreams().total;
  const res = await callRoute('GET', `/api/clusters/local/topics/${topic}/messages/search?q=nothing-matches`, undefined, undefined, { as: 'viewer' });
  expect(res.status).toBe(200);
  await res.text();
  expect(openStreams().total).toBe(before);
});
