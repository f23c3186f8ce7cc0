/**
 * Records in the schema-registry wire format, written by an independent client (Confluent's
 * Python serializers against the run's real registry), read back through the console's
 * browse, search and tail: the decoded values must equal what Python's deserializers read.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, callRoute } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { schemaClients } from '../support/python';
import { sseEvents } from '../support/sse';
import { disconnectAll } from '@/lib/kafka/registry';
import type { MessagesPage, WireRecord } from '@/lib/types';

const registry = () => {
  const url = process.env.KAFKA_TEST_REGISTRY;
  if (!url) throw new Error('KAFKA_TEST_REGISTRY is not set: run through npm test or scripts/test-env.ts');
  return url;
};
const created: string[] = [];
const url = (topic: string, rest = '', cluster = 'local') => `/api/clusters/${cluster}/topics/${encodeURIComponent(topic)}/messages${rest}`;

async function createTopic(partitions = 1): Promise<string> {
  const topic = uniqueName('sr');
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', String(partitions), '--replication-factor', '1']);
  created.push(topic);
  return topic;
}

interface PyRecord {
  partition: number;
  offset: number;
  value: unknown;
}

async function pyProduce(topic: string, format: string, schema: string, values: unknown[], message?: string): Promise<number[]> {
  const r = await schemaClients<{ ids: number[] }>({
    op: 'produce',
    bootstrap: testKafka.bootstrap,
    registry: registry(),
    topic,
    format,
    schema,
    message,
    records: values.map((value, i) => ({ key: `k${i}`, value })),
  });
  return r.ids;
}

async function pyConsume(topic: string, format: string, count: number, schema?: string, message?: string): Promise<PyRecord[]> {
  const r = await schemaClients<{ records: PyRecord[] }>({
    op: 'consume',
    bootstrap: testKafka.bootstrap,
    registry: registry(),
    topic,
    format,
    count,
    schema,
    message,
  });
  return r.records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

async function browseAll(topic: string, cluster = 'local'): Promise<MessagesPage> {
  const res = await api.get<MessagesPage>(url(topic, '?from=oldest&limit=500', cluster));
  expect(res.status).toBe(200);
  return res.body;
}

const byOffset = (rs: WireRecord[]) => [...rs].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));

// --- Avro: two versions of one record schema, logical types included --------------------
const avroV1 = {
  type: 'record',
  name: 'Payment',
  namespace: 'test.schemas',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'ref', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'big', type: 'long' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'memo', type: ['null', 'string'], default: null },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['CARD', 'CASH'] } },
    { name: 'meta', type: { type: 'map', values: 'double' } },
  ],
};
const avroV2 = { ...avroV1, fields: [...avroV1.fields, { name: 'region', type: 'string', default: 'eu' }] };
const avroValue = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `pay-${i}`,
  amount: `${(i * 1234.5).toFixed(2)}`,
  at: `2024-05-0${i + 1}T12:34:56.789Z`,
  ref: `123e4567-e89b-12d3-a456-42661417400${i}`,
  day: `2024-06-1${i}`,
  big: String(2n ** 60n + BigInt(i)),
  tags: i % 2 ? ['a', 'b'] : [],
  memo: i % 2 ? null : `memo ${i}`,
  kind: i % 2 ? 'CASH' : 'CARD',
  meta: { score: i + 0.5 },
  ...extra,
});

describe('Avro records from Python', () => {
  let topic: string;
  let py: PyRecord[];
  let ids: number[];

  beforeAll(async () => {
    topic = await createTopic();
    // Python's Avro values: decimals as Decimal, timestamps as datetime, dates as date, uuids as UUID.
    ids = [
      ...(await pyProduce(
        topic,
        'avro',
        JSON.stringify(avroV1),
        [0, 1, 2].map((i) => pyAvro(avroValue(i))),
      )),
      ...(await pyProduce(
        topic,
        'avro',
        JSON.stringify(avroV2),
        [3, 4].map((i) => pyAvro(avroValue(i, { region: `r${i}` }))),
      )),
    ];
    py = await pyConsume(topic, 'avro', 5);
  }, 180_000);

  test('browse decodes every record as Python reads it, both schema versions', async () => {
    expect(new Set(ids).size).toBe(2);
    expect(py).toHaveLength(5);
    const page = await browseAll(topic);
    const records = byOffset(page.records);
    expect(records).toHaveLength(5);
    expect(page.warnings).toEqual([]);
    records.forEach((r, i) => {
      expect(r.valueSchema?.error).toBeUndefined();
      expect(r.valueSchema?.json).toEqual(py[i].value);
      expect(r.valueSchema).toMatchObject({ schemaId: ids[i], format: 'AVRO', subject: `${topic}-value`, version: i < 3 ? 1 : 2 });
      expect(r.key).toEqual({ encoding: 'utf8', data: `k${i < 3 ? i : i - 3}` });
      expect(r.keySchema).toBeUndefined();
    });
    // Longs past 2^53 come as exact decimal text; the newer version's field is there.
    expect(records[4].valueSchema?.json).toMatchObject({ big: '1152921504606846980', region: 'r4', amount: '4938.00', at: '2024-05-05T12:34:56.789Z' });
  });

  test("the topic's subjects: by the topic-name strategy and by the ids in its records", async () => {
    const res = await api.get<{ subjects: { subject: string; role: string; byTopicName: boolean; ids: number[] }[]; sampled: number; unknownIds: number[] }>(
      `/api/clusters/local/topics/${topic}/schemas`,
    );
    expect(res.status).toBe(200);
    expect(res.body.sampled).toBe(5);
    expect(res.body.unknownIds).toEqual([]);
    const own = res.body.subjects.find((s) => s.subject === `${topic}-value`);
    expect(own).toMatchObject({ role: 'value', byTopicName: true });
    expect(own?.ids.sort()).toEqual([...new Set(ids)].sort());
    // Every subject listed holds one of the ids, as the registry says.
    for (const s of res.body.subjects) {
      for (const id of s.ids) {
        const versions = (await (await fetch(`${registry()}/schemas/ids/${id}/versions`)).json()) as { subject: string }[];
        expect(versions.map((v) => v.subject)).toContain(s.subject);
      }
    }
  });

  test('search matches the decoded JSON, not the bytes', async () => {
    const res = await callRoute('GET', url(topic, '/search?q=%22memo%200%22&from=oldest'));
    expect(res.status).toBe(200);
    const found: WireRecord[] = [];
    for await (const e of sseEvents(res.body as ReadableStream<Uint8Array>)) {
      if (e.event === 'message') found.push(e.data as WireRecord);
      if (e.event === 'done' || e.event === 'error') break;
    }
    expect(found.map((r) => r.valueSchema?.json)).toEqual([py[0].value]);
  });

  test('the live tail decodes too', async () => {
    const ac = new AbortController();
    const res = await callRoute('GET', url(topic, '/tail?last=2'), undefined, ac.signal);
    expect(res.status).toBe(200);
    const got: WireRecord[] = [];
    for await (const e of sseEvents(res.body as ReadableStream<Uint8Array>)) {
      if (e.event === 'message') got.push(e.data as WireRecord);
      if (got.length === 2) break;
    }
    ac.abort();
    expect(byOffset(got).map((r) => r.valueSchema?.json)).toEqual([py[3].value, py[4].value]);
  });

  test('an unreachable registry: the records come raw with a warning, not an error', async () => {
    const page = await browseAll(topic, 'registry-down');
    expect(page.records).toHaveLength(5);
    for (const r of page.records) {
      expect(r.valueSchema?.json).toBeUndefined();
      expect(r.valueSchema?.error).toMatch(/schema registry unavailable: the schema registry at 127\.0\.0\.1:\d+ refused the connection/);
      expect(r.value?.encoding).toBe('base64');
    }
    expect(page.warnings).toEqual([{ partition: -1, message: expect.stringMatching(/schema registry unavailable.*shown raw/) }]);
  });

  test('an id the registry does not know, and bytes that do not match: raw with the reason', async () => {
    const t = await createTopic();
    const unknown = Buffer.from([0, 0x7f, 0xff, 0xff, 0x01, 1, 2, 3]).toString('base64');
    const wrong = Buffer.concat([Buffer.from([0]), Buffer.from(new Uint32Array([0]).buffer), Buffer.from([0xff])]);
    wrong.writeUInt32BE(ids[0], 1);
    for (const v of [unknown, wrong.toString('base64')]) {
      const res = await api.post(url(t), { key: null, value: v, valueEncoding: 'base64' });
      expect(res.status).toBe(200);
    }
    const records = byOffset((await browseAll(t)).records);
    expect(records[0].valueSchema).toEqual({ schemaId: 0x7fffff01, error: `schema id ${0x7fffff01} is not in the schema registry` });
    expect(records[1].valueSchema?.error).toMatch(new RegExp(`^the bytes do not match schema ${ids[0]}: `));
    expect(records[1].valueSchema).toMatchObject({ schemaId: ids[0], format: 'AVRO' });
  });
});

/** Python's AvroSerializer takes Decimal, datetime, date and UUID objects (and ints JSON numbers cannot hold): the command says which fields to convert. */
function pyAvro(v: Record<string, unknown>): Record<string, unknown> {
  return { ...v, __convert__: { amount: 'decimal', at: 'datetime', ref: 'uuid', day: 'date', big: 'int' } };
}

// --- Protobuf: two versions of one file, nested messages, a well-known type ----------------
const protoV1 = `syntax = "proto3";
package test.orders;
import "google/protobuf/timestamp.proto";
message Order {
  string id = 1;
  int64 quantity = 2;
  google.protobuf.Timestamp placed_at = 3;
  message Line { string sku = 1; double price = 2; }
  repeated Line lines = 4;
}
`;
const protoV2 = `syntax = "proto3";
package test.orders;
import "google/protobuf/timestamp.proto";
message Order {
  string id = 1;
  int64 quantity = 2;
  google.protobuf.Timestamp placed_at = 3;
  message Line { string sku = 1; double price = 2; }
  repeated Line lines = 4;
  map<string, int32> counts = 5;
  Status status = 6;
  oneof contact { string email = 7; string phone = 8; }
}
enum Status { UNKNOWN = 0; OPEN = 1; SHIPPED = 2; }
`;

describe('Protobuf records from Python', () => {
  test('browse decodes both versions as Python reads them (canonical proto3 JSON)', async () => {
    const topic = await createTopic(2);
    const v1 = [0, 1].map((i) => ({
      id: `o${i}`,
      quantity: String(10 + i),
      placedAt: `2024-05-01T10:0${i}:00Z`,
      lines: [{ sku: `s${i}`, price: 1.25 * (i + 1) }],
    }));
    const v2 = [2, 3].map((i) => ({
      id: `o${i}`,
      quantity: '9007199254740993',
      placedAt: '2024-05-01T10:00:00.500Z',
      lines: [],
      counts: { a: i },
      status: i === 2 ? 'OPEN' : 'SHIPPED',
      ...(i === 2 ? { email: 'x@example.com' } : { phone: '+1' }),
    }));
    const ids = [
      ...(await pyProduce(topic, 'protobuf', protoV1, v1, 'test.orders.Order')),
      ...(await pyProduce(topic, 'protobuf', protoV2, v2, 'test.orders.Order')),
    ];
    expect(new Set(ids).size).toBe(2);
    const py = await pyConsume(topic, 'protobuf', 4, protoV2, 'test.orders.Order');
    expect(py).toHaveLength(4);
    const records = byOffset((await browseAll(topic)).records);
    expect(records).toHaveLength(4);
    const pyByKey = new Map(py.map((p) => [`${p.partition}/${p.offset}`, p.value]));
    for (const r of records) {
      expect(r.valueSchema?.error).toBeUndefined();
      expect(r.valueSchema?.json).toEqual(pyByKey.get(`${r.partition}/${r.offset}`));
      expect(r.valueSchema).toMatchObject({ format: 'PROTOBUF', messageType: 'test.orders.Order', subject: `${topic}-value` });
    }
    expect(records.map((r) => r.valueSchema?.version).sort()).toEqual([1, 1, 2, 2]);
    expect(records.map((r) => r.valueSchema?.json)).toContainEqual({ ...v2[0], lines: undefined, counts: { a: 2 } });
  }, 180_000);
});

// --- JSON Schema ----------------------------------------------------------------------------
describe('JSON Schema records from Python', () => {
  test('browse decodes both versions as Python reads them', async () => {
    const topic = await createTopic();
    const s1 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'User',
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
      required: ['name'],
    };
    const s2 = { ...s1, properties: { ...s1.properties, email: { type: 'string' } } };
    const ids = [
      ...(await pyProduce(topic, 'json', JSON.stringify(s1), [{ name: 'ann', age: 31 }])),
      ...(await pyProduce(topic, 'json', JSON.stringify(s2), [{ name: 'bob', age: 40, email: 'b@example.com' }])),
    ];
    const py = await pyConsume(topic, 'json', 2);
    const records = byOffset((await browseAll(topic)).records);
    expect(records.map((r) => r.valueSchema?.json)).toEqual(py.map((p) => p.value));
    expect(records.map((r) => [r.valueSchema?.schemaId, r.valueSchema?.format, r.valueSchema?.version])).toEqual([
      [ids[0], 'JSON', 1],
      [ids[1], 'JSON', 2],
    ]);
  }, 120_000);
});

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});
