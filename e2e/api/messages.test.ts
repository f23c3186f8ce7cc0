import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, callRoute } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { sseEvents, type SseEvent } from '../support/sse';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import { PartitionReader } from '@/lib/kafka/reader';
import { waitForTopicOnEveryBroker } from '@/lib/kafka/metadata';
import { activeStreams } from '@/lib/kafka/messages/scanner';
import { wireToBytes } from '@/lib/messages/format';
import type { MessagesPage, StreamDone, WireBytes, WireRecord } from '@/lib/types';

const dir = mkdtempSync(join(tmpdir(), 'messages-test-'));
const created: string[] = [];
const url = (topic: string, rest = '') => `/api/clusters/local/topics/${encodeURIComponent(topic)}/messages${rest}`;

function kcat(args: string[], input?: Buffer | string): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', testKafka.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.end(input ?? '');
  });
}

async function kcatOk(args: string[], input?: Buffer | string): Promise<Buffer> {
  const r = await kcat(args, input);
  if (r.code !== 0) throw new Error(`kcat ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function createTopic(partitions: number, rf = 2): Promise<string> {
  const topic = uniqueName('msg');
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', String(partitions), '--replication-factor', String(rf)]);
  created.push(topic);
  // Every broker learns of a new topic a moment after it exists (on ZooKeeper-era clusters, under
  // load, seconds later); the tests ask whichever broker answers first.
  await waitForTopicOnEveryBroker(
    (await clients('local')).cluster,
    testKafka.nodes.map((n) => n.id),
    topic,
    partitions,
  );
  return topic;
}

const bytes = (w: WireBytes | null) => (w === null ? null : Buffer.from(wireToBytes(w)));

async function browseAll(topic: string): Promise<WireRecord[]> {
  const res = await api.get<MessagesPage>(url(topic, '?from=oldest&limit=500'));
  expect(res.status).toBe(200);
  return res.body.records;
}

beforeAll(() => {
  writeFileSync(join(dir, 'binary.bin'), Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), randomBytes(300)]));
});

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /messages: records produced by kcat', () => {
  test.each(['gzip', 'snappy', 'lz4', 'zstd'])(
    '%s: exact bytes of keys, values, headers, a null key, a tombstone, an empty and a binary value',
    async (codec) => {
      const topic = await createTopic(1);
      const big = 'x'.repeat(3000); // compressible, so librdkafka really compresses the batch
      await kcatOk(
        ['-P', '-t', topic, '-z', codec, '-K:', '-H', 'trace=abc-1', '-H', 'trace=abc-2', '-H', 'lang=ünï'],
        `k1:hello wörld\nk2:{"a":[1,2,{"b":null}]}\nk3:${big}\n`,
      );
      await kcatOk(['-P', '-t', topic, '-z', codec, '-K:', '-Z'], `:value-with-null-key\ntombstone:\n`);
      await kcatOk(['-P', '-t', topic, '-z', codec, '-K:'], `empty:\n`);
      const binary = join(dir, 'binary.bin');
      await kcatOk(['-P', '-t', topic, '-z', codec, '-H', 'kind=binary', binary]);

      const reader = await PartitionReader.open(await clients('local'), topic, [0]);
      const codecs = new Set((await reader.rawBatches(0, 0)).map((b) => b.attributes & 7));
      expect(codecs.has({ gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[codec]!)).toBe(true);

      const records = await browseAll(topic);
      expect(records.map((r) => r.offset)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
      const [r0, r1, r2, nullKey, tomb, empty, bin] = records;
      expect(bytes(r0.key)!.toString()).toBe('k1');
      expect(r0.value).toEqual({ encoding: 'utf8', data: 'hello wörld' });
      expect(r0.headers).toEqual([
        { key: 'trace', value: { encoding: 'utf8', data: 'abc-1' } },
        { key: 'trace', value: { encoding: 'utf8', data: 'abc-2' } },
        { key: 'lang', value: { encoding: 'utf8', data: 'ünï' } },
      ]);
      expect(r1.value?.data).toBe('{"a":[1,2,{"b":null}]}');
      expect(r2.value?.data).toBe(big);
      expect(r2.size).toBe(2 + 3000 + 'traceabc-1traceabc-2lang'.length + Buffer.byteLength('ünï'));
      expect(nullKey.key).toBeNull();
      expect(nullKey.value?.data).toBe('value-with-null-key');
      expect(tomb.key?.data).toBe('tombstone');
      expect(tomb.value).toBeNull();
      expect(empty.value).toEqual({ encoding: 'utf8', data: '' });
      expect(bin.key).toBeNull();
      expect(bin.value?.encoding).toBe('base64');
      expect(bytes(bin.value)!.equals(Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(binary))))).toBe(true);
      expect(bin.headers).toEqual([{ key: 'kind', value: { encoding: 'utf8', data: 'binary' } }]);
      for (const r of records) expect(r.timestampType).toBe('CreateTime');
    },
  );
});

describe('POST /messages', () => {
  test('a record produced through the console reads back identically with kcat -C', async () => {
    const topic = await createTopic(3);
    const binary = randomBytes(64);
    const res = await api.post(url(topic), {
      key: 'kéy-1',
      value: '{"hello":"wörld"}',
      headers: [
        { key: 'source', value: 'console' },
        { key: 'bin', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64'), encoding: 'base64' },
      ],
      partition: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ topic, partition: 2, offset: '0' });
    const out = await kcatOk(['-C', '-t', topic, '-p', '2', '-o', '0', '-c', '1', '-e', '-f', '%k\\n%s\\n%h']);
    expect(out.toString('utf8')).toBe(
      'kéy-1\n{"hello":"wörld"}\nsource=console,bin=\xde\xad\xbe\xef'.replace(/\xde\xad\xbe\xef/, Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('utf8')),
    );
    const hdr = await kcatOk(['-C', '-t', topic, '-p', '2', '-o', '0', '-c', '1', '-e', '-f', '%h']);
    expect(hdr.subarray(hdr.length - 4).equals(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toBe(true);

    const bin = await api.post(url(topic), { key: null, value: binary.toString('base64'), valueEncoding: 'base64', partition: 0 });
    expect(bin.status).toBe(200);
    const raw = await kcatOk(['-C', '-t', topic, '-p', '0', '-o', bin.body.offset, '-c', '1', '-e', '-f', '%K|%s']);
    expect(raw.subarray(0, 3).toString()).toBe('-1|');
    expect(raw.subarray(3).equals(binary)).toBe(true);

    const tomb = await api.post(url(topic), { key: 'gone', value: null, partition: 1 });
    expect(tomb.status).toBe(200);
    const t = await kcatOk(['-C', '-t', topic, '-p', '1', '-o', tomb.body.offset, '-c', '1', '-e', '-Z', '-f', '%k|%S']);
    expect(t.toString()).toBe('gone|-1');
  });

  test('without a partition the default partitioner picks one and the answer says which', async () => {
    const topic = await createTopic(3);
    const res = await api.post(url(topic), { key: 'same-key', value: 'v' });
    expect(res.status).toBe(200);
    const again = await api.post(url(topic), { key: 'same-key', value: 'v2' });
    expect(again.body.partition).toBe(res.body.partition);
    const out = await kcatOk(['-C', '-t', topic, '-p', String(res.body.partition), '-o', '0', '-c', '2', '-e', '-f', '%s\\n']);
    expect(out.toString()).toBe('v\nv2\n');
  });
});

describe('GET /messages: pages and cursors', () => {
  let topic: string;
  beforeAll(async () => {
    topic = await createTopic(3);
    const lines = Array.from({ length: 45 }, (_, i) => `k${i % 9}:v${i}`).join('\n');
    await testKafka.toolOk('kafka-console-producer', ['--topic', topic, '--property', 'parse.key=true', '--property', 'key.separator=:'], `${lines}\n`);
  });

  test('next pages from the oldest cover every record once; prev goes back', async () => {
    const seen: string[] = [];
    let res = await api.get<MessagesPage>(url(topic, '?from=oldest&limit=10'));
    const first = res.body.records;
    expect(res.body.prev).toBeNull();
    for (let i = 0; i < 10 && res.status === 200; i++) {
      seen.push(...res.body.records.map((r) => `${r.partition}:${r.offset}`));
      if (!res.body.next) break;
      res = await api.get<MessagesPage>(url(topic, `?limit=10&cursor=${res.body.next}`));
    }
    expect(seen.length).toBe(45);
    expect(new Set(seen).size).toBe(45);
    const second = await api.get<MessagesPage>(url(topic, `?limit=10&cursor=${(await api.get<MessagesPage>(url(topic, '?from=oldest&limit=10'))).body.next}`));
    const back = await api.get<MessagesPage>(url(topic, `?limit=10&cursor=${second.body.prev}`));
    expect(back.body.records.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(first.map((r) => `${r.partition}:${r.offset}`).sort());
  });

  test('newest returns the last N records; chosen partitions and offsets', async () => {
    const newest = await api.get<MessagesPage>(url(topic, '?from=newest&limit=5'));
    expect(newest.body.records).toHaveLength(5);
    const all = await browseAll(topic);
    const latest = [...all].sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || Number(a.offset) - Number(b.offset)).slice(-5);
    expect(newest.body.records.map((r) => r.value?.data)).toEqual(latest.map((r) => r.value?.data));
    expect(newest.body.next).toBeNull();

    const p1 = await api.get<MessagesPage>(url(topic, '?partitions=1&from=offset&offset=2&limit=3'));
    expect(p1.body.records.map((r) => [r.partition, r.offset])).toEqual([
      [1, '2'],
      [1, '3'],
      [1, '4'],
    ]);
    const end = p1.body.partitions[0].end!;
    const viaKcat = await kcatOk(['-C', '-t', topic, '-p', '1', '-o', '2', '-c', '3', '-e', '-f', '%k:%s\\n']);
    expect(p1.body.records.map((r) => `${r.key?.data}:${r.value?.data}\n`).join('')).toBe(viaKcat.toString());
    expect(end).toBeGreaterThan(4);
  });

  test('from a timestamp starts at the first record at or after it', async () => {
    const all = await browseAll(topic);
    const ts = [...all].sort((a, b) => a.timestamp - b.timestamp)[20].timestamp;
    const res = await api.get<MessagesPage>(url(topic, `?from=timestamp&timestamp=${new Date(ts).toISOString()}&limit=500`));
    expect(res.status).toBe(200);
    expect(res.body.records.length).toBe(all.filter((r) => r.timestamp >= ts).length);
    expect(res.body.records.every((r) => r.timestamp >= ts)).toBe(true);
  });
});

describe('bad input: a clear 4xx and nothing changed', () => {
  let topic: string;
  beforeAll(async () => {
    topic = await createTopic(2);
    await kcatOk(['-P', '-t', topic, '-p', '0'], 'a\nb\n');
  });

  test.each([
    ['unknown topic', () => url('no-such-topic-xyz'), 404, 'not_found', /no-such-topic-xyz/],
    ['unknown partition', () => url(topic, '?partitions=7'), 404, 'not_found', /no partition 7/],
    ['offset beyond the end', () => url(topic, '?partitions=0&from=offset&offset=99'), 422, 'unprocessable', /beyond the end/],
    ['page size over the maximum', () => url(topic, '?limit=501'), 400, 'bad_request', /at most 500/],
    ['malformed timestamp', () => url(topic, '?from=timestamp&timestamp=yesterday'), 400, 'bad_request', /ISO 8601/],
    ['timestamp missing', () => url(topic, '?from=timestamp'), 400, 'bad_request', /timestamp is required/],
    ['malformed cursor', () => url(topic, '?cursor=not-a-cursor'), 400, 'bad_request', /cursor/],
    ['unknown cluster', () => '/api/clusters/nope/topics/x/messages', 404, 'not_found', /nope/],
  ])('GET %s', async (_name, u, status, code, message) => {
    const res = await api.get(u());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|at .*\.js/);
  });

  test('unreachable cluster: 503', async () => {
    const res = await api.get('/api/clusters/offline/topics/x/messages');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
  });

  test.each([
    ['malformed base64 value', { value: 'not base64!', valueEncoding: 'base64' }, 'value'],
    ['malformed base64 key', { key: 'abc', keyEncoding: 'base64', value: 'x' }, 'key'],
    ['malformed base64 header', { value: 'x', headers: [{ key: 'h', value: '@@', encoding: 'base64' }] }, 'headers.0.value'],
    ['missing value', { key: 'k' }, 'value'],
    ['negative partition', { value: 'x', partition: -1 }, 'partition'],
  ])('POST %s: 422 on the field, nothing produced', async (_name, body, field) => {
    const before = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic]);
    const res = await api.post(url(topic), body);
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe(field);
    expect(await testKafka.toolOk('kafka-get-offsets', ['--topic', topic])).toBe(before);
  });

  test('POST to an unknown partition: 404, nothing produced', async () => {
    const before = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic]);
    const res = await api.post(url(topic), { value: 'x', partition: 5 });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe('partition');
    expect(await testKafka.toolOk('kafka-get-offsets', ['--topic', topic])).toBe(before);
  });

  test('tail and search reject bad input before opening a stream', async () => {
    const a = await callRoute('GET', url(topic, '/tail?partitions=9'));
    expect(a.status).toBe(404);
    expect(a.headers.get('content-type')).toMatch(/json/);
    const b = await callRoute('GET', url(topic, '/search?from=offset'));
    expect(b.status).toBe(400);
  });
});

async function groups(): Promise<string[]> {
  return (await testKafka.toolOk('kafka-consumer-groups', ['--list'])).split('\n').filter(Boolean).sort();
}

describe('GET /messages/tail', () => {
  test('records produced after open arrive in order per partition; after close no group, no stream, nothing committed', async () => {
    const topic = await createTopic(3);
    await kcatOk(['-P', '-t', topic, '-K:'], 'old:before-open\n');
    const groupsBefore = await groups();
    const ac = new AbortController();
    const res = await callRoute('GET', url(topic, '/tail'), undefined, ac.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseEvents(res.body!);
    const first = (await events.next()).value as SseEvent;
    expect(first.event).toBe('progress');
    expect(activeStreams()).toBe(1);

    const opened = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    const lines = Array.from({ length: 60 }, (_, i) => `key-${i % 6}:n${i}`).join('\n');
    await kcatOk(['-P', '-t', topic, '-K:'], `${lines}\n`);

    const got: WireRecord[] = [];
    for await (const e of events) {
      if (e.event === 'message') got.push(e.data as WireRecord);
      if (got.length >= 60) break;
    }
    expect(Date.now() - opened).toBeLessThan(20_000);
    expect(got.map((r) => r.value?.data)).not.toContain('before-open');
    for (const p of [0, 1, 2]) {
      const offsets = got.filter((r) => r.partition === p).map((r) => Number(r.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      const values = got.filter((r) => r.partition === p).map((r) => Number(r.value!.data.slice(1)));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(new Set(got.map((r) => r.value?.data)).size).toBe(60);

    ac.abort();
    await events.return(undefined);
    await expect.poll(() => activeStreams(), { timeout: 5000 }).toBe(0);
    expect(await groups()).toEqual(groupsBefore);
  });

  test('last N per partition and a filter', async () => {
    const topic = await createTopic(2);
    await kcatOk(['-P', '-t', topic, '-p', '0', '-K:'], 'a:red\nb:green\nc:red apple\n');
    await kcatOk(['-P', '-t', topic, '-p', '1', '-K:'], 'd:blue\ne:RED\n');
    const ac = new AbortController();
    const res = await callRoute('GET', url(topic, '/tail?last=2&q=red&ignoreCase=true&field=value'), undefined, ac.signal);
    const got: string[] = [];
    for await (const e of sseEvents(res.body!)) {
      if (e.event === 'message') got.push((e.data as WireRecord).value!.data);
      if (got.length >= 2) break;
    }
    expect(got.sort()).toEqual(['RED', 'red apple']);
    ac.abort();
    await expect.poll(() => activeStreams(), { timeout: 5000 }).toBe(0);
  });

  test('100 tails opened and closed one after another leave no stream, no group and no new connection', async () => {
    const topic = await createTopic(3);
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = await groups();
    let connected = -1;
    for (let i = 0; i < 100; i++) {
      const ac = new AbortController();
      const res = await callRoute('GET', url(topic, '/tail'), undefined, ac.signal);
      const it = sseEvents(res.body!);
      await it.next();
      if (i === 0) connected = sockets();
      ac.abort();
      await it.return(undefined);
    }
    await expect.poll(() => activeStreams(), { timeout: 5000 }).toBe(0);
    // The first tail's own connections are open while it runs; after the last close none is left.
    await expect.poll(() => sockets(), { timeout: 5000 }).toBeLessThan(connected);
    const t0 = Date.now();
    expect((await api.get<MessagesPage>(url(topic, '?from=oldest'))).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await groups()).toEqual(before);
  });
});

describe('GET /messages/search', () => {
  let topic: string;
  beforeAll(async () => {
    topic = await createTopic(3);
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 1000 === 7 ? `needle-${i}:found Needle ${i}` : `k${i}:${'hay '.repeat(20)}${i}`)).join('\n');
    await kcatOk(['-P', '-t', topic, '-K:', '-z', 'lz4'], `${lines}\n`);
  });

  async function search(query: string) {
    const res = await callRoute('GET', url(topic, `/search?${query}`));
    expect(res.status).toBe(200);
    const matches: WireRecord[] = [];
    let done: StreamDone | null = null;
    let progress = 0;
    for await (const e of sseEvents(res.body!)) {
      if (e.event === 'message') matches.push(e.data as WireRecord);
      if (e.event === 'progress') progress++;
      if (e.event === 'done') done = e.data as StreamDone;
    }
    return { matches, done: done!, progress };
  }

  test('finds every match in the range and says it reached the end', async () => {
    const r = await search('q=needle&ignoreCase=true&field=value');
    expect(r.done.reason).toBe('end');
    expect(r.done.scanned).toBe(3000);
    expect(r.matches.map((m) => m.key?.data).sort()).toEqual(['needle-1007', 'needle-2007', 'needle-7']);
    expect(r.done.cursor).toBeNull();
    expect(r.progress).toBeGreaterThan(0);
    const exact = await search('q=needle-2007&match=exact&field=key');
    expect(exact.matches.map((m) => m.value?.data)).toEqual(['found Needle 2007']);
    const caseSensitive = await search('q=needle&field=value');
    expect(caseSensitive.matches).toHaveLength(0);
  });

  test('stops at the match limit with a cursor that continues where it stopped', async () => {
    const first = await search('q=Needle&field=value&limit=2&partitions=0,1,2');
    expect(first.done.reason).toBe('limit');
    expect(first.matches).toHaveLength(2);
    expect(first.done.cursor).not.toBeNull();
    const rest = await search(`q=Needle&field=value&cursor=${first.done.cursor}`);
    expect(rest.done.reason).toBe('end');
    expect([...first.matches, ...rest.matches].map((m) => m.key?.data).sort()).toEqual(['needle-1007', 'needle-2007', 'needle-7']);
  });

  test('stops at the records budget', async () => {
    const r = await search('q=nothing-matches&maxRecords=500');
    expect(r.done.reason).toBe('records-budget');
    expect(r.done.scanned).toBeGreaterThanOrEqual(500);
    expect(r.done.cursor).not.toBeNull();
  });
});
