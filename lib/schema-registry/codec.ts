/**
 * A registered schema made usable: parsed once (Avro, Protobuf or JSON Schema), then
 * decoding and encoding the schema-registry wire format: a zero magic byte, the 4-byte
 * schema id (big-endian), for Protobuf the message-index path, then the payload.
 * Pure (no I/O): lib/schema-registry/cache.ts fetches the texts; unit tests use it directly.
 */
import type { DescMessage, FileRegistry } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { AvroError, avroJsonText, decodeAvro, encodeAvro, parseAvro, type AvroType } from './avro';
import { JsonSchemaError, parseJsonSchema, type JsonSchemaCodec } from './json-schema';
import { decodeProtobuf, encodeProtobuf, indexesOf, messageAt, messageNames, ProtobufError, parseProtoFiles, readIndexes, writeIndexes } from './protobuf';

export type SchemaFormat = 'AVRO' | 'PROTOBUF' | 'JSON';

/** A schema's text and type as the registry gives them, with its references resolved (in dependency order). */
export interface SchemaText {
  schema: string;
  schemaType: SchemaFormat;
  references: { name: string; schema: string; schemaType: SchemaFormat }[];
}

/** Why a value did not fit its schema, and where ("/address/zip"; "" for the whole value). */
export class SchemaValueError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'SchemaValueError';
  }
}

export interface Decoded {
  json: unknown;
  /** Protobuf: the full name of the message the index path named. */
  messageType?: string;
}

export interface Codec {
  format: SchemaFormat;
  /** The payload after the magic byte and id. */
  decode(payload: Buffer): Decoded;
  /** JSON.stringify of decode(payload).json (Avro writes it without building the value; for the filter). */
  jsonText(payload: Buffer): string;
  /** The payload after the magic byte and id (Protobuf: with the index path). */
  encode(value: unknown, messageType?: string): Buffer;
  /** Protobuf: the messages a record may be, in index order. */
  messages?: string[];
}

export const MAGIC = 0;

/** The schema id of bytes in the wire format, or null when they are not framed that way. */
export function framedId(b: Buffer | null): number | null {
  if (b === null || b.length < 5 || b[0] !== MAGIC) return null;
  return b.readUInt32BE(1);
}

export function frame(id: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = MAGIC;
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, payload]);
}

function valueError(err: unknown): never {
  if (err instanceof AvroError || err instanceof ProtobufError || err instanceof JsonSchemaError)
    throw new SchemaValueError(err.path && err.message.startsWith(`${err.path}: `) ? err.message.slice(err.path.length + 2) : err.message, err.path);
  throw err;
}

/** Parses a schema; throws an Error with a readable message when it is not valid. */
export function compile(s: SchemaText): Codec {
  switch (s.schemaType) {
    case 'AVRO': {
      const named = new Map<string, AvroType>();
      for (const r of s.references) parseAvro(r.schema, named);
      const type = parseAvro(s.schema, named);
      return {
        format: 'AVRO',
        decode: (payload) => ({ json: decodeAvro(type, payload) }),
        jsonText: (payload) => avroJsonText(type, payload),
        encode: (value) => {
          try {
            return encodeAvro(type, value);
          } catch (err) {
            return valueError(err);
          }
        },
      };
    }
    case 'PROTOBUF': {
      const { registry, main } = parseProtoFiles([...s.references.map((r) => ({ name: r.name, text: r.schema })), { name: 'schema.proto', text: s.schema }]);
      return protobufCodec(registry, main);
    }
    case 'JSON': {
      const codec: JsonSchemaCodec = parseJsonSchema(
        s.schema,
        s.references.map((r) => ({ name: r.name, text: r.schema })),
      );
      return {
        format: 'JSON',
        jsonText: (payload) => JSON.stringify(JSON.parse(payload.toString('utf8'))),
        decode: (payload) => {
          try {
            return { json: JSON.parse(payload.toString('utf8')) };
          } catch {
            throw new Error('the payload is not JSON');
          }
        },
        encode: (value) => {
          try {
            codec.validate(value);
          } catch (err) {
            valueError(err);
          }
          return Buffer.from(JSON.stringify(value), 'utf8');
        },
      };
    }
  }
}

function protobufCodec(registry: FileRegistry, main: FileDescriptorProto): Codec {
  const byIndexes = new Map<string, DescMessage>();
  const messages = messageNames(main);
  const codec: Codec = {
    format: 'PROTOBUF',
    messages,
    jsonText: (payload) => JSON.stringify(codec.decode(payload).json),
    decode: (payload) => {
      const { indexes, next } = readIndexes(payload, 0);
      const key = indexes.join(',');
      let desc = byIndexes.get(key);
      if (!desc) {
        desc = messageAt(registry, main, indexes);
        byIndexes.set(key, desc);
      }
      return { json: decodeProtobuf(registry, desc, payload.subarray(next)), messageType: desc.typeName };
    },
    encode: (value, messageType) => {
      const name = messageType ?? messages[0];
      const indexes = name ? indexesOf(main, name) : null;
      if (!indexes) throw new SchemaValueError(`the schema has no message ${messageType ?? ''}`.trim(), '');
      const desc = messageAt(registry, main, indexes);
      try {
        return Buffer.concat([writeIndexes(indexes), encodeProtobuf(registry, desc, value)]);
      } catch (err) {
        return valueError(err);
      }
    },
  };
  return codec;
}
