import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compile, frame, framedId, SchemaValueError } from './codec';
import { declarationOrder } from './protobuf';

/**
 * The codecs walk the schema: they must work with `Function` refused (what avsc, protobufjs'
 * encoders and Ajv compile schemas with), so no schema is ever turned into evaluated code.
 */
const realFunction = globalThis.Function;
beforeAll(() => {
  const refuse = () => {
    throw new Error('code generation from strings');
  };
  globalThis.Function = new Proxy(realFunction, { construct: refuse, apply: refuse });
});
afterAll(() => {
  globalThis.Function = realFunction;
});

const avroSchema = {
  type: 'record',
  name: 'A',
  namespace: 'x',
  fields: [
    { name: 'i', type: 'int' },
    { name: 'l', type: 'long' },
    { name: 's', type: ['null', 'string'], default: null },
    { name: 'd', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'f', type: { type: 'fixed', name: 'F', size: 4, logicalType: 'decimal', precision: 6, scale: 1 } },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'u', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 't', type: { type: 'int', logicalType: 'time-millis' } },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
    { name: 'kids', type: { type: 'array', items: 'A' } },
    { name: 'm', type: { type: 'map', values: 'double' } },
    { name: 'b', type: 'bytes' },
  ],
};

describe('Avro', () => {
  const codec = compile({ schemaType: 'AVRO', references: [], schema: JSON.stringify(avroSchema) });
  const kid = {
    i: -1,
    l: 0,
    s: null,
    d: '0.01',
    f: '-0.5',
    ts: '1970-01-01T00:00:00.000001Z',
    u: '123e4567-e89b-12d3-a456-426614174000',
    day: '1970-01-01',
    t: '00:00:00.000',
    e: 'A',
    kids: [],
    m: {},
    b: '',
  };
  const value = {
    ...kid,
    i: 2_147_483_647,
    l: '-9223372036854775808',
    s: 'héllo',
    d: '-1234567.89',
    ts: '2024-05-01T12:34:56.123456Z',
    day: '2024-02-29',
    t: '23:59:59.999',
    e: 'B',
    kids: [kid, kid],
    m: { x: 1.5, y: -2 },
    b: Buffer.from([0, 1, 255]).toString('base64'),
  };

  test('round trip with logical types, recursion, unions, longs beyond 2^53', () => {
    expect(codec.decode(codec.encode(value)).json).toEqual(value);
  });

  test('the JSON text for the filter is exactly JSON.stringify of the decoded value', () => {
    const bytes = codec.encode(value);
    expect(codec.jsonText(bytes)).toBe(JSON.stringify(codec.decode(bytes).json));
    const withMap = compile({ schemaType: 'AVRO', references: [], schema: '{"type":"map","values":["null","long"]}' });
    const m = withMap.encode({ b: 1, '2': null, a: '9007199254740993' });
    expect(withMap.jsonText(m)).toBe(JSON.stringify(withMap.decode(m).json));
  });

  test('bytes known from the Avro specification: zigzag varints and a string', () => {
    const c = compile({
      schemaType: 'AVRO',
      references: [],
      schema: '{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}',
    });
    // 27 → 0x36 ("6" in zigzag), -64 → 0x7f, "foo" → length 3 (0x06) then the bytes.
    expect(c.decode(Buffer.from([0x36, 0x06, 0x66, 0x6f, 0x6f])).json).toEqual({ a: 27, b: 'foo' });
    expect(c.encode({ a: -64, b: '' })).toEqual(Buffer.from([0x7f, 0x00]));
  });

  test('a value that does not fit names the field', () => {
    expect(() => codec.encode({ ...value, kids: [{ ...kid, e: 'C' }] })).toThrow(SchemaValueError);
    try {
      codec.encode({ ...value, kids: [{ ...kid, e: 'C' }] });
    } catch (err) {
      expect((err as SchemaValueError).path).toBe('/kids/0/e');
      expect((err as SchemaValueError).message).toBe('expected one of A, B');
    }
    expect(() => codec.encode({ ...value, d: '1.234' })).toThrow(/more than 2 decimal places/);
    expect(() => codec.encode({ i: 1 })).toThrow(/required field is missing/);
  });

  test('bytes that do not match: truncated, left over, bad branch', () => {
    const bytes = codec.encode(value);
    expect(() => codec.decode(bytes.subarray(0, bytes.length - 1))).toThrow(/end before/);
    expect(() => codec.decode(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/1 bytes left/);
  });

  test('references: a named type from another subject', () => {
    const c = compile({
      schemaType: 'AVRO',
      references: [
        { name: 'x.Money', schemaType: 'AVRO', schema: '{"type":"record","name":"Money","namespace":"x","fields":[{"name":"cents","type":"long"}]}' },
      ],
      schema: '{"type":"record","name":"Order","namespace":"x","fields":[{"name":"total","type":"Money"}]}',
    });
    expect(c.decode(c.encode({ total: { cents: 5 } })).json).toEqual({ total: { cents: 5 } });
  });

  test('invalid schemas are refused', () => {
    expect(() => compile({ schemaType: 'AVRO', references: [], schema: '{"type":"recor' })).toThrow(/not valid JSON/);
    expect(() => compile({ schemaType: 'AVRO', references: [], schema: '{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}' })).toThrow(
      /unknown type Nope/,
    );
  });
});

describe('Protobuf', () => {
  const proto = `syntax = "proto3";
package demo;
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
message Order {
  string order_id = 1;
  int64 qty = 2;
  google.protobuf.Timestamp at = 3;
  Item item = 4;
  repeated int32 nums = 5;
  map<string, int32> tags = 6;
  optional string note = 7;
  Kind kind = 8;
  message Inner { string z = 1; }
  Inner inner = 9;
  oneof pick { string a = 10; int32 b = 11; }
  google.protobuf.StringValue maybe = 12;
}
message Item { string name = 1; }
enum Kind { K0 = 0; K1 = 1; }
`;
  const codec = compile({ schemaType: 'PROTOBUF', references: [], schema: proto });

  test('canonical proto3 JSON: camelCase names, int64 as text, well-known types, maps, oneofs', () => {
    const v = {
      orderId: 'o1',
      qty: '9007199254740993',
      at: '2024-05-01T12:00:00.500Z',
      item: { name: 'n' },
      nums: [1, 2],
      tags: { a: 1 },
      note: '',
      kind: 'K1',
      inner: { z: 'q' },
      b: 3,
      maybe: 'm',
    };
    const bytes = codec.encode(v, 'demo.Order');
    expect(bytes[0]).toBe(0); // the [0] index path, written as one zero byte
    expect(codec.decode(bytes)).toEqual({ json: v, messageType: 'demo.Order' });
    expect(codec.messages).toEqual(['demo.Order', 'demo.Order.Inner', 'demo.Item']);
  });

  test('the message-index path picks nested and later messages', () => {
    const inner = codec.encode({ z: 'w' }, 'demo.Order.Inner');
    // Two indexes (zigzag 4 = 2): Order, then its nested type 1 (0 is the TagsEntry protoc makes for the map, declared first).
    expect([...inner.subarray(0, 3)]).toEqual([4, 0, 2]);
    expect(codec.decode(inner)).toEqual({ json: { z: 'w' }, messageType: 'demo.Order.Inner' });
    expect(codec.decode(codec.encode({ name: 'i' }, 'demo.Item'))).toEqual({ json: { name: 'i' }, messageType: 'demo.Item' });
    expect(() => codec.decode(Buffer.from([2, 14, 1]))).toThrow(/names no message/);
  });

  test("nested types are numbered in declaration order, map entries where their field is (protoc's numbering)", () => {
    const text = `syntax = "proto3";
package p;
// message Commented { }
message Outer {
  message First { string a = 1; } /* message AlsoCommented { } */
  map<string, int32> counts = 1;
  string s = 4 [json_name = "message Fake {"];
  message Second { int32 b = 1; map<string, string> labels = 2; message Deep { bool d = 1; } }
  First f = 2;
  Second sec = 3;
}
`;
    expect(declarationOrder(text)).toEqual(
      new Map([
        ['Outer', ['m:First', 'f:counts', 'm:Second']],
        ['Outer.Second', ['f:labels', 'm:Deep']],
      ]),
    );
    const c = compile({ schemaType: 'PROTOBUF', references: [], schema: text });
    // [0, 2]: Outer, then its third nested type (First, CountsEntry, Second), as zigzag varints
    const second = c.encode({ b: 7 }, 'p.Outer.Second');
    expect([...second.subarray(0, 3)]).toEqual([4, 0, 4]);
    expect(c.decode(second)).toEqual({ json: { b: 7 }, messageType: 'p.Outer.Second' });
    expect([...c.encode({ a: 'x' }, 'p.Outer.First').subarray(0, 3)]).toEqual([4, 0, 0]);
    // [0, 2, 1]: Second's nested Deep comes after its LabelsEntry
    expect([...c.encode({ d: true }, 'p.Outer.Second.Deep').subarray(0, 4)]).toEqual([6, 0, 4, 2]);
  });

  test('a value that does not fit names the field; invalid text is refused', () => {
    expect(() => codec.encode({ qty: 'x' }, 'demo.Order')).toThrow(SchemaValueError);
    expect(() => compile({ schemaType: 'PROTOBUF', references: [], schema: 'message {' })).toThrow(/not a valid \.proto/);
  });
});

describe('JSON Schema', () => {
  const codec = compile({
    schemaType: 'JSON',
    references: [],
    schema: JSON.stringify({
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'object', properties: { c: { type: 'string' } } } },
      required: ['a'],
    }),
  });
  test('the payload is the JSON; values are validated with the path of the failure', () => {
    expect(codec.decode(codec.encode({ a: 1, b: { c: 'x' } })).json).toEqual({ a: 1, b: { c: 'x' } });
    try {
      codec.encode({ a: 1, b: { c: 3 } });
      expect.unreachable();
    } catch (err) {
      expect((err as SchemaValueError).path).toBe('/b/c');
    }
    expect(() => codec.decode(Buffer.from('{x'))).toThrow(/not JSON/);
  });
});

test('wire framing: magic byte and big-endian id', () => {
  const b = frame(0x01020304, Buffer.from([9]));
  expect([...b]).toEqual([0, 1, 2, 3, 4, 9]);
  expect(framedId(b)).toBe(0x01020304);
  expect(framedId(Buffer.from('{"a":1}'))).toBeNull();
  expect(framedId(Buffer.from([0, 1, 2]))).toBeNull();
  expect(framedId(null)).toBeNull();
});
