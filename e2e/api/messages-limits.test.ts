/**
 * The limits the server holds while reading messages, against the real cluster: regular
 * expressions run on RE2, batches compressed by Kafka's own (Java) codecs still read, and a
 * batch the console refuses to decode ends a stream with an `error` event instead of taking
 * the server down.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { hash as xxh32 } from 'lz4js/xxh32.js';
import { api, callRoute } from '../support/api';
import { kcat, testKafka, uniqueName } from '../support/kafka';
import { sseEvents, type SseEvent } from '../support/sse';
import { waitFor } from '../support/wait';
import { activeStreams } from '@/lib/kafka/messages/scanner';
import { errorType, send } from '@/lib/kafka/protocol';
import { ProduceApi } from '@/lib/kafka/protocol/generated/produce';
import { PartitionReader } from '@/lib/kafka/reader';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import type { MessagesPage, StreamDone, StreamError, WireRecord } from '@/lib/types';

const created: string[] = [];
const url = (topic: string, rest = '') => `/api/clusters/local/topics/${encodeURIComponent(topic)}/messages${rest}`;

async function createTopic(args: string[] = [], partitions = 1): Promise<string> {
  const topic = uniqueName('lim');
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', String(partitions), '--replication-factor', '1', ...args]);
  created.push(topic);
  return topic;
}

async function streamEvents(path: string): Promise<SseEvent[]> {
  const res = await callRoute('GET', path);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  for await (const e of sseEvents(res.body!)) events.push(e);
  return events;
}

const values = (events: SseEvent[]) => events.filter((e) => e.event === 'message').map((e) => (e.data as WireRecord).value?.data);

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});

describe('search with match=regex', () => {
  test('q is an RE2 pattern over key, value or headers; a catastrophic one is fast, an unsupported one a 400 on q', async () => {
    const topic = await createTopic();
    await kcat(['-P', '-t', topic, '-K:'], ['k1:order-17', 'k2:order-x', 'k3:ORDER-9', `k4:${'a'.repeat(5000)}`].join('\n') + '\n');

    const found = await streamEvents(url(topic, `/search?q=${encodeURIComponent('^order-\\d+$')}&field=value&match=regex`));
    expect(values(found)).toEqual(['order-17']);
    expect((found.at(-1)!.data as StreamDone).reason).toBe('end');
    const ignoringCase = await streamEvents(url(topic, `/search?q=${encodeURIComponent('^order-\\d+$')}&field=value&match=regex&ignoreCase=true`));
    expect(values(ignoringCase)).toEqual(['order-17', 'ORDER-9']);

    const started = Date.now();
    const catastrophic = await streamEvents(url(topic, `/search?q=${encodeURIComponent('(a|a)*b')}&match=regex`));
    expect(values(catastrophic)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);

    for (const q of ['(a)\\1', '(?=x)', '[oops']) {
      const res = await api.get(url(topic, `/search?q=${encodeURIComponent(q)}&match=regex`));
      expect(res.status, q).toBe(400);
      expect(res.body.error.field).toBe('q');
      expect(res.body.error.message).toMatch(/q is not a usable regular expression/);
    }
  });
});

describe('batches compressed by Kafka itself (Java codecs), as topics with compression.type store them', () => {
  test.each(['gzip', 'snappy', 'lz4', 'zstd'])('%s: exact values, small and large', async (codec) => {
    const topic = await createTopic(['--config', `compression.type=${codec}`]);
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i} of a compressible value`).join(' ');
    await kcat(['-P', '-t', topic], `small\n${big}\n{"a":[1,2]}\n`);
    const c = await clients('local');
    const reader = await PartitionReader.open(c, topic, [0]);
    try {
      const codecs = new Set((await reader.rawBatches(0, 0)).map((b) => b.attributes & 7));
      expect([...codecs]).toEqual([{ gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[codec]]);
    } finally {
      reader.close();
    }
    const page = await api.get<MessagesPage>(url(topic, '?from=oldest'));
    expect(page.status).toBe(200);
    expect(page.body.warnings).toEqual([]);
    expect(page.body.records.map((r) => r.value?.data)).toEqual(['small', big, '{"a":[1,2]}']);
  });
});

// --- a batch the console refuses -------------------------------------------------------

function varint(n: number): Buffer {
  let v = (n << 1) ^ (n >> 31); // zigzag; the values here are small
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

/** One record of a v2 batch: no key, no headers, timestamp delta 0. */
function record(offsetDelta: number, value: string): Buffer {
  const v = Buffer.from(value);
  const body = Buffer.concat([Buffer.from([0]), varint(0), varint(offsetDelta), varint(-1), varint(v.length), v, varint(0)]);
  return Buffer.concat([varint(body.length), body]);
}

/** An LZ4 frame holding `data` uncompressed, whose header claims `declared` bytes of content (Kafka's decoder skips that field). */
function lz4FrameDeclaring(data: Buffer, declared: bigint): Buffer {
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x40 | 0x20 | 0x08; // version 1, independent blocks, content size present
  descriptor[1] = 0x40; // 64 KB blocks
  descriptor.writeBigUInt64LE(declared, 2);
  const checksum = (xxh32(0, descriptor, 0, descriptor.length) >> 8) & 0xff;
  const block = Buffer.alloc(4);
  block.writeUInt32LE((0x80000000 | data.length) >>> 0);
  return Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([checksum]), block, data, Buffer.alloc(4)]);
}

const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32c(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC32C_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A v2 record batch with `count` records whose (compressed) payload is exactly `payload`. */
function recordBatch(codec: number, payload: Buffer, count: number): Buffer {
  const now = BigInt(Date.now());
  const fields = Buffer.alloc(40);
  fields.writeInt16BE(codec, 0); // attributes
  fields.writeInt32BE(count - 1, 2); // last offset delta
  fields.writeBigInt64BE(now, 6);
  fields.writeBigInt64BE(now, 14);
  fields.writeBigInt64BE(-1n, 22); // producer id
  fields.writeInt16BE(-1, 30); // producer epoch
  fields.writeInt32BE(-1, 32); // base sequence
  fields.writeInt32BE(count, 36);
  const crcd = Buffer.concat([fields, payload]);
  const head = Buffer.alloc(21);
  head.writeBigInt64BE(0n, 0); // base offset (the broker assigns it)
  head.writeInt32BE(9 + crcd.length, 8);
  head.writeInt32BE(-1, 12); // partition leader epoch
  head.writeInt8(2, 16); // magic
  head.writeUInt32BE(crc32c(crcd), 17);
  return Buffer.concat([head, crcd]);
}

/** Produce exactly this batch to the partition's leader (kafkajs's producer would encode its own). */
async function produceBatch(topic: string, partition: number, batch: Buffer): Promise<void> {
  const c = await clients('local');
  // v12 at most: later versions name the topic by id.
  const res = await send(
    c.cluster,
    { leaderOf: { topic, partition } },
    ProduceApi,
    { transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }] },
    { maxVersion: 12 },
  );
  const codes = res.responses.flatMap((t) => t.partitionResponses.map((p) => p.errorCode));
  expect(codes.map(errorType)).toEqual([errorType(0)]);
}

describe('a batch the console refuses to decode (an LZ4 frame declaring 1 TiB of content, which Kafka accepts)', () => {
  const DECLARED =
    /the lz4 batch at offsets 2-3 cannot be read: lz4 frame declares 1048576 MiB of content, above the 64 MiB limit per batch; read from offset 4 to skip it/;

  test('browse warns for that partition; search and tail end with an error event; the server keeps serving', async () => {
    const topic = await createTopic([], 2);
    await kcat(['-P', '-t', topic, '-p', '0'], 'before-1\nbefore-2\n');
    const payload = Buffer.concat([record(0, 'bomb-a'), record(1, 'bomb-b')]);
    await produceBatch(topic, 0, recordBatch(3, lz4FrameDeclaring(payload, 1n << 40n), 2));
    await kcat(['-P', '-t', topic, '-p', '0'], 'after-1\n');
    await kcat(['-P', '-t', topic, '-p', '1'], 'p1-a\np1-b\n');

    // Browse: what can be read is shown, the bad partition is a warning naming the offsets.
    const page = await api.get<MessagesPage>(url(topic, '?from=oldest'));
    expect(page.status).toBe(200);
    expect(page.body.records.map((r) => r.value?.data).sort()).toEqual(['before-1', 'before-2', 'p1-a', 'p1-b']);
    expect(page.body.warnings).toHaveLength(1);
    expect(page.body.warnings[0].partition).toBe(0);
    expect(page.body.warnings[0].message).toMatch(DECLARED);
    const past = await api.get<MessagesPage>(url(topic, '?partitions=0&from=offset&offset=4'));
    expect(past.body.records.map((r) => r.value?.data)).toEqual(['after-1']);

    // Search: the records before the batch, a progress, then the error as the last event; no done.
    const search = await streamEvents(url(topic, '/search?partitions=0'));
    expect(values(search)).toEqual(['before-1', 'before-2']);
    const error = search.at(-1)!;
    expect(error.event).toBe('error');
    expect(error.data as StreamError).toEqual({ code: 'undecodable', partition: 0, offset: '2', message: expect.stringMatching(DECLARED) });
    expect((error.data as StreamError).message).toMatch(/^Partition 0: /);
    expect(search.some((e) => e.event === 'done')).toBe(false);
    expect(search.at(-2)?.event).toBe('progress');

    // Over every partition the search ends the same way.
    const all = await streamEvents(url(topic, '/search'));
    expect(all.at(-1)).toMatchObject({ event: 'error', data: { code: 'undecodable', partition: 0, offset: '2' } });

    // Tail from the last 10 records of each partition: the same error ends it.
    const tail = await streamEvents(url(topic, '/tail?partitions=0&last=10'));
    expect(values(tail)).toEqual(['before-1', 'before-2']);
    expect(tail.at(-1)).toMatchObject({ event: 'error', data: { code: 'undecodable', partition: 0, offset: '2' } });

    // Nothing keeps reading, and the server still answers.
    expect(
      await waitFor(
        async () => activeStreams(),
        (n) => n === 0,
        10_000,
        100,
      ),
    ).toBe(0);
    const other = await streamEvents(url(topic, '/search?partitions=1'));
    expect(values(other)).toEqual(['p1-a', 'p1-b']);
    expect((other.at(-1)!.data as StreamDone).reason).toBe('end');
  });
});
