/**
 * The message reader's hard cases against the real cluster: transactions (control records,
 * aborted records), offsets out of range, a slow client (skipped counts), a leader that
 * moves and a partition that goes offline.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { api, callRoute } from '../support/api';
import { kcat, testKafka, uniqueName } from '../support/kafka';
import { sseEvents, type SseEvent } from '../support/sse';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import { PartitionReader } from '@/lib/kafka/reader';
import { activeStreams } from '@/lib/kafka/messages/scanner';
import type { MessagesPage, PartitionWarning, StreamDone, WireRecord } from '@/lib/types';

const created: string[] = [];
const url = (topic: string, rest = '') => `/api/clusters/local/topics/${encodeURIComponent(topic)}/messages${rest}`;

async function createTopic(args: string[]): Promise<string> {
  const topic = uniqueName('rdr');
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, ...args]);
  created.push(topic);
  return topic;
}

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});

describe('transactions', () => {
  test('control records never show; aborted records only under read_uncommitted, as kcat sees them', async () => {
    const topic = await createTopic(['--partitions', '1', '--replication-factor', '3']);
    const kafka = new Kafka({ brokers: testKafka.bootstrap.split(','), clientId: 'reader-test', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ transactionalId: uniqueName('txn'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, acks: -1, messages: [{ value: 'c1' }, { value: 'c2' }] });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic, acks: -1, messages: [{ value: 'a1' }, { value: 'a2' }] });
      await aborted.abort();
      const last = await producer.transaction();
      await last.send({ topic, acks: -1, messages: [{ value: 'c3' }] });
      await last.commit();
    } finally {
      await producer.disconnect();
    }

    const page = async (isolation: string) => {
      const res = await api.get<MessagesPage>(url(topic, `?from=oldest&isolation=${isolation}`));
      expect(res.status).toBe(200);
      return res.body.records;
    };
    const uncommitted = await page('read_uncommitted');
    const committedOnly = await page('read_committed');
    expect(uncommitted.map((r) => r.value?.data)).toEqual(['c1', 'c2', 'a1', 'a2', 'c3']);
    expect(committedOnly.map((r) => r.value?.data)).toEqual(['c1', 'c2', 'c3']);
    // Offsets 2, 5 and 8 are the commit/abort markers: never shown as records.
    expect(uncommitted.map((r) => r.offset)).toEqual(['0', '1', '3', '4', '6']);

    const viaKcat = async (isolation: string) =>
      (await kcat(['-C', '-q', '-e', '-o', 'beginning', '-t', topic, '-X', `isolation.level=${isolation}`, '-f', '%s\n'])).split('\n').filter(Boolean);
    expect(await viaKcat('read_uncommitted')).toEqual(uncommitted.map((r) => r.value?.data));
    expect(await viaKcat('read_committed')).toEqual(committedOnly.map((r) => r.value?.data));

    const res = await callRoute('GET', url(topic, '/search?q=a&field=value&isolation=read_committed'));
    const found: string[] = [];
    let done: StreamDone | null = null;
    for await (const e of sseEvents(res.body!)) {
      if (e.event === 'message') found.push((e.data as WireRecord).value!.data);
      if (e.event === 'done') done = e.data as StreamDone;
    }
    expect(found).toEqual([]);
    expect(done?.reason).toBe('end');
  });
});

describe('offsets out of range', () => {
  test('a position past the end or before a truncated log start is moved into the log', async () => {
    const topic = await createTopic(['--partitions', '1', '--replication-factor', '2']);
    await kcat(['-P', '-t', topic], Array.from({ length: 10 }, (_, i) => `v${i}`).join('\n') + '\n');
    const c = await clients('local');
    await c.admin.fetchTopicMetadata({ topics: [topic] });
    await c.admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] });

    const reader = await PartitionReader.open(c, topic, [0]);
    try {
      const before = (await reader.fetchAll(new Map([[0, 1]]), { maxWaitMs: 0, minBytes: 0 })).get(0)!;
      expect(before).toMatchObject({ clamped: true, next: 4, logStartOffset: 4 });
      const after = (await reader.fetchAll(new Map([[0, 500]]), { maxWaitMs: 0, minBytes: 0 })).get(0)!;
      expect(after).toMatchObject({ clamped: true, next: 10, highWatermark: 10 });
      const read = (await reader.fetchAll(new Map([[0, 4]]), { maxWaitMs: 0, minBytes: 0 })).get(0)!;
      expect(read.records.map((r) => r.value!.toString())).toEqual(['v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
    } finally {
      reader.close();
    }

    // A cursor from before the truncation continues at the new log start.
    const cursor = Buffer.from(JSON.stringify({ d: 'f', p: [[0, 1]] })).toString('base64url');
    const res = await api.get<MessagesPage>(url(topic, `?cursor=${cursor}`));
    expect(res.status).toBe(200);
    expect(res.body.records.map((r) => r.offset)).toEqual(['4', '5', '6', '7', '8', '9']);
  });
});

describe('a client that does not keep up', () => {
  test('the tail skips ahead and says how many records it skipped; delivered plus skipped is everything', async () => {
    const topic = await createTopic(['--partitions', '1', '--replication-factor', '2']);
    const ac = new AbortController();
    const res = await callRoute('GET', url(topic, '/tail'), undefined, ac.signal);
    const events = sseEvents(res.body!);
    expect(((await events.next()).value as SseEvent).event).toBe('progress');
    const total = 60_000;
    // Nothing is read from the stream while these are produced.
    await kcat(['-P', '-t', topic], Array.from({ length: total }, (_, i) => `r${i}`).join('\n') + '\n');
    let delivered = 0;
    const skips: { count: number; from: string; to: string }[] = [];
    let lastOffset = -1;
    for await (const e of events) {
      if (e.event === 'message') {
        const o = Number((e.data as WireRecord).offset);
        expect(o).toBeGreaterThan(lastOffset);
        lastOffset = o;
        delivered++;
      }
      if (e.event === 'skipped') {
        const s = e.data as { count: number; from: string; to: string };
        expect(Number(s.from)).toBe(lastOffset + 1);
        lastOffset = Number(s.to) - 1;
        skips.push(s);
      }
      if (lastOffset === total - 1) break;
    }
    ac.abort();
    await events.return(undefined);
    const skipped = skips.reduce((n, s) => n + s.count, 0);
    expect(skipped).toBeGreaterThan(0);
    expect(delivered + skipped).toBe(total);
    // What the server held for the idle client is bounded: most of it was skipped, not buffered.
    expect(delivered).toBeLessThan(total / 2);
    await expect.poll(() => activeStreams(), { timeout: 5000 }).toBe(0);
  });
});

/** The next event of a stream that passes `pred`, without closing the stream. */
async function nextWhere(events: AsyncGenerator<SseEvent>, pred: (e: SseEvent) => boolean): Promise<SseEvent> {
  for (;;) {
    const r = await events.next();
    if (r.done) throw new Error('the stream ended');
    if (pred(r.value)) return r.value;
  }
}

describe('brokers going away', () => {
  test('a tail follows a moved leader, warns about an offline partition (open or opening) and reads it once it is back', { timeout: 90_000 }, async () => {
    // One partition on brokers 3, 1, 2 (leader 3) and three single-replica partitions on 1, 2, 3.
    const moving = await createTopic(['--replica-assignment', '3:1:2']);
    const single = await createTopic(['--replica-assignment', '1,2,3']);
    await kcat(['-P', '-t', single, '-p', '0'], 'p0\n');
    await kcat(['-P', '-t', single, '-p', '1'], 'p1\n');
    await kcat(['-P', '-t', single, '-p', '2'], 'p2\n');

    const acMoving = new AbortController();
    const tailMoving = sseEvents((await callRoute('GET', url(moving, '/tail'), undefined, acMoving.signal)).body!);
    expect(((await tailMoving.next()).value as SseEvent).event).toBe('progress');
    const acSingle = new AbortController();
    const tailSingle = sseEvents((await callRoute('GET', url(single, '/tail'), undefined, acSingle.signal)).body!);
    expect(((await tailSingle.next()).value as SseEvent).event).toBe('progress');

    const acLate = new AbortController();
    let stopped = true;
    await testKafka.stopNode(3);
    try {
      const res = await api.get<MessagesPage>(url(single, '?from=oldest'));
      expect(res.status).toBe(200);
      expect(res.body.records.map((r) => r.value?.data).sort()).toEqual(['p0', 'p1']);
      expect(res.body.warnings.map((w) => w.partition)).toEqual([2]);

      const warning = await nextWhere(tailSingle, (e) => e.event === 'warning');
      expect((warning.data as PartitionWarning).partition).toBe(2);

      await kcat(['-P', '-t', moving], 'after-the-move\n');
      const moved = await nextWhere(tailMoving, (e) => e.event === 'message');
      expect((moved.data as WireRecord).value?.data).toBe('after-the-move');

      // A tail opened while the partition is offline says so, and reads it once it is back.
      const lateRes = await callRoute('GET', url(single, '/tail'), undefined, acLate.signal);
      expect(lateRes.status).toBe(200);
      const late = sseEvents(lateRes.body!);
      const lateWarning = await nextWhere(late, (e) => e.event === 'warning');
      expect((lateWarning.data as PartitionWarning).partition).toBe(2);

      await testKafka.startNode(3);
      stopped = false;
      await kcat(['-P', '-t', single, '-p', '2'], 'back\n');
      for (const tail of [tailSingle, late]) {
        const back = await nextWhere(tail, (e) => e.event === 'message');
        expect(back.data).toMatchObject({ partition: 2, offset: '1', value: { encoding: 'utf8', data: 'back' } });
      }
      acLate.abort();
      await late.return(undefined);
    } finally {
      acMoving.abort();
      acSingle.abort();
      acLate.abort();
      await tailMoving.return(undefined);
      await tailSingle.return(undefined);
      if (stopped) await testKafka.startNode(3);
    }
    await expect.poll(() => activeStreams(), { timeout: 5000 }).toBe(0);
  });
});
