/**
 * Protobuf schemas from a registry, decoded and encoded without generating code:
 * protobufjs only parses the .proto text (its tokenizer and reflection objects; its
 * encoders and decoders, which are generated with `new Function`, are never touched), the
 * result is turned into FileDescriptorProtos, and @bufbuild/protobuf, whose runtime
 * walks descriptors (no eval), reads and writes the bytes and the canonical proto3 JSON
 * (the JSON Python's MessageToDict and Java's JsonFormat give; well-known types included).
 * A registry may also hold a schema as a base64 FileDescriptorProto, which is read as is.
 */
import { create, createFileRegistry, fromBinary, fromJson, toBinary, toJson, type DescMessage, type FileRegistry, type JsonValue } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
  file_google_protobuf_any,
  file_google_protobuf_api,
  file_google_protobuf_descriptor,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_source_context,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_type,
  file_google_protobuf_wrappers,
} from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';

export class ProtobufError extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ProtobufError';
  }
}

const WKT = new Map(
  [
    file_google_protobuf_any,
    file_google_protobuf_api,
    file_google_protobuf_descriptor,
    file_google_protobuf_duration,
    file_google_protobuf_empty,
    file_google_protobuf_field_mask,
    file_google_protobuf_source_context,
    file_google_protobuf_struct,
    file_google_protobuf_timestamp,
    file_google_protobuf_type,
    file_google_protobuf_wrappers,
  ].map((f) => [f.proto.name, f]),
);

const SCALAR: Record<string, number> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};

type Reflected = protobuf.Type | protobuf.Enum;

function collect(ns: protobuf.NamespaceBase, out: Set<Reflected>): void {
  for (const o of ns.nestedArray) {
    if (o instanceof protobuf.Type || o instanceof protobuf.Enum) out.add(o);
    if (o instanceof protobuf.Namespace || o instanceof protobuf.Type) collect(o as protobuf.NamespaceBase, out);
  }
}

/** protoc's json_name: underscores dropped, the letter after one upper-cased. */
const jsonName = (name: string) => name.replace(/_([a-z0-9])?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));

const mapEntryName = (field: string) => `${field.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Entry`;

function fieldType(f: protobuf.Field): { type: number; typeName?: string } {
  if (f.resolvedType instanceof protobuf.Type) return { type: 11, typeName: f.resolvedType.fullName };
  if (f.resolvedType instanceof protobuf.Enum) return { type: 14, typeName: f.resolvedType.fullName };
  const t = SCALAR[f.type];
  if (!t) throw new ProtobufError(`unknown type ${f.type} of field ${f.name}`);
  return { type: t };
}

function enumProto(e: protobuf.Enum): Partial<EnumDescriptorProto> {
  return { name: e.name, value: Object.entries(e.values).map(([name, number]) => ({ name, number })) } as Partial<EnumDescriptorProto>;
}

/**
 * The order nested messages and map fields are declared in, per message ("Outer.Inner",
 * relative to the package), from the .proto text: protoc numbers a message's nested types
 * in that order, a map field's entry type where the field is, and the wire format's
 * message-index path counts in protoc's numbering. protobufjs keeps fields and nested
 * types apart, so this reads the interleaving from the text (comments and strings skipped).
 */
export function declarationOrder(text: string): Map<string, string[]> {
  const src = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => (m.startsWith('/') ? ' ' : '""'));
  const tokens = src.match(/[A-Za-z_][A-Za-z0-9_.]*|\d+|[{}<>=;,[\]()]/g) ?? [];
  const out = new Map<string, string[]>();
  const scopes: { message: string | null }[] = [];
  const current = () => scopes.at(-1)?.message ?? null;
  const add = (item: string) => {
    const m = current();
    if (m === null) return;
    out.set(m, [...(out.get(m) ?? []), item]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === 'message' && /^[A-Za-z_]/.test(tokens[i + 1] ?? '') && tokens[i + 2] === '{') {
      const name = tokens[i + 1];
      add(`m:${name}`);
      const parent = current();
      // a message inside an enum, service or option block is not a nested type
      const inMessageOrTop = scopes.length === 0 || parent !== null;
      scopes.push({ message: inMessageOrTop ? (parent ? `${parent}.${name}` : name) : null });
      i += 2;
    } else if (tok === 'map' && tokens[i + 1] === '<') {
      let j = i + 2;
      while (j < tokens.length && tokens[j] !== '>') j++;
      const field = tokens[j + 1];
      if (field) add(`f:${field}`);
      i = j + 1;
    } else if (tok === 'oneof' && tokens[i + 2] === '{') {
      // a oneof's fields belong to the message around it
      scopes.push({ message: current() });
      i += 2;
    } else if (tok === '{') {
      scopes.push({ message: null });
    } else if (tok === '}') {
      scopes.pop();
    }
  }
  return out;
}

function messageProto(t: protobuf.Type, proto3: boolean, pkg: string, order: Map<string, string[]>): Partial<DescriptorProto> {
  const oneofs = t.oneofsArray;
  const fields: Partial<FieldDescriptorProto>[] = [];
  const entries = new Map<string, Partial<DescriptorProto>>();
  for (const f of t.fieldsArray) {
    if (f instanceof protobuf.MapField) {
      const entry = mapEntryName(f.name);
      const key = SCALAR[f.keyType];
      const value = fieldType(f);
      entries.set(f.name, {
        name: entry,
        field: [
          { name: 'key', number: 1, label: 1, type: key, jsonName: 'key' },
          { name: 'value', number: 2, label: 1, ...value, jsonName: 'value' },
        ] as FieldDescriptorProto[],
        options: { mapEntry: true } as DescriptorProto['options'],
      });
      fields.push({ name: f.name, jsonName: jsonName(f.name), number: f.id, label: 3, type: 11, typeName: `${t.fullName}.${entry}` });
      continue;
    }
    const part = f.partOf;
    const proto3Optional = Boolean(proto3 && part && (f.options?.proto3_optional || (part.name === `_${f.name}` && part.fieldsArray.length === 1)));
    fields.push({
      name: f.name,
      jsonName: jsonName(f.name),
      number: f.id,
      label: f.repeated ? 3 : f.required ? 2 : 1,
      ...fieldType(f),
      ...(part ? { oneofIndex: oneofs.indexOf(part) } : {}),
      ...(proto3Optional ? { proto3Optional: true } : {}),
      ...(f.options?.packed !== undefined ? { options: { packed: Boolean(f.options.packed) } as FieldDescriptorProto['options'] } : {}),
    });
  }
  const messages = new Map<string, Partial<DescriptorProto>>();
  for (const o of t.nestedArray) {
    if (o instanceof protobuf.Type) messages.set(o.name, messageProto(o, proto3, pkg, order));
  }
  // protoc's numbering: nested messages and map entries in the order they are declared.
  const nested: Partial<DescriptorProto>[] = [];
  const relative = t.fullName.replace(/^\./, '').slice(pkg ? pkg.length + 1 : 0);
  for (const item of order.get(relative) ?? []) {
    const pool = item.startsWith('f:') ? entries : messages;
    const d = pool.get(item.slice(2));
    if (d) {
      nested.push(d);
      pool.delete(item.slice(2));
    }
  }
  nested.push(...entries.values(), ...messages.values());
  return {
    name: t.name,
    field: fields as FieldDescriptorProto[],
    nestedType: nested as DescriptorProto[],
    enumType: t.nestedArray.filter((o): o is protobuf.Enum => o instanceof protobuf.Enum).map(enumProto) as EnumDescriptorProto[],
    oneofDecl: oneofs.map((o) => ({ name: o.name })) as DescriptorProto['oneofDecl'],
  };
}

export interface ProtoFile {
  /** The file's name, as imports name it (references: the reference's name). */
  name: string;
  text: string;
}

/** A base64 FileDescriptorProto (how Confluent's Python serializer registers a schema), or null. */
function serializedDescriptor(text: string, name: string): FileDescriptorProto | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  try {
    const fd = fromBinary(FileDescriptorProtoSchema, Buffer.from(t, 'base64'));
    if (!fd.name) fd.name = name;
    return fd;
  } catch {
    return null;
  }
}

/** Fills json_name where a descriptor leaves it out (Python's serialized descriptors do), as protoc would. */
function withJsonNames(fd: FileDescriptorProto): FileDescriptorProto {
  const walk = (list: DescriptorProto[]) => {
    for (const m of list) {
      for (const f of m.field) if (!f.jsonName) f.jsonName = jsonName(f.name);
      walk(m.nestedType);
    }
  };
  walk(fd.messageType);
  return fd;
}

/**
 * Parses the main file and its references (in dependency order, the main one last) into
 * one registry. Throws ProtobufError for text that is not a valid .proto.
 */
export function parseProtoFiles(files: ProtoFile[]): { registry: FileRegistry; main: FileDescriptorProto } {
  const root = new protobuf.Root();
  const descriptors = new Map<string, FileDescriptorProto>();
  const pending: { file: ProtoFile; parsed: protobuf.IParserResult; types: Reflected[]; proto3: boolean }[] = [];
  const addCommon = (name: string) => {
    const common = protobuf.common.get(name);
    if (common?.nested) root.addJSON(common.nested as Record<string, protobuf.AnyNestedObject>);
  };
  for (const file of files) {
    const fd = serializedDescriptor(file.text, file.name);
    if (fd) {
      descriptors.set(file.name, withJsonNames(fd));
      continue;
    }
    const before = new Set<Reflected>();
    collect(root, before);
    let parsed: protobuf.IParserResult;
    try {
      parsed = protobuf.parse(file.text, root, { keepCase: true });
    } catch (err) {
      throw new ProtobufError(`not a valid .proto: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const imp of parsed.imports ?? []) if (WKT.has(imp)) addCommon(imp);
    const after = new Set<Reflected>();
    collect(root, after);
    pending.push({ file, parsed, types: [...after].filter((x) => !before.has(x)), proto3: /^\s*syntax\s*=\s*["']proto3["']/m.test(file.text) });
  }
  try {
    root.resolveAll();
  } catch (err) {
    throw new ProtobufError(`the schema does not resolve: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const { file, parsed, types, proto3 } of pending) {
    // Top-level definitions only; nested ones are written inside their parents.
    const pkg = parsed.package ?? '';
    const top = types.filter((t) => t.parent && t.parent.fullName.replace(/^\./, '') === pkg);
    descriptors.set(
      file.name,
      create(FileDescriptorProtoSchema, {
        name: file.name,
        package: pkg,
        dependency: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
        syntax: proto3 ? 'proto3' : 'proto2',
        messageType: top
          .filter((t): t is protobuf.Type => t instanceof protobuf.Type)
          .map((t) => messageProto(t, proto3, pkg, declarationOrder(file.text))) as DescriptorProto[],
        enumType: top.filter((t): t is protobuf.Enum => t instanceof protobuf.Enum).map(enumProto) as EnumDescriptorProto[],
      }),
    );
  }
  const main = descriptors.get(files[files.length - 1].name) as FileDescriptorProto;
  let registry: FileRegistry;
  try {
    registry = createFileRegistry(main, (name) => WKT.get(name) ?? descriptors.get(name));
  } catch (err) {
    throw new ProtobufError(`the schema is not usable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { registry, main };
}

/** The message a message-index path names in the main file ([0] is its first message). */
export function messageAt(registry: FileRegistry, main: FileDescriptorProto, indexes: number[]): DescMessage {
  let list = main.messageType;
  let name = main.package;
  for (const [depth, i] of indexes.entries()) {
    const m = list[i];
    if (!m) throw new ProtobufError(`message index ${indexes.join(',')} names no message of the schema`);
    name = name ? `${name}.${m.name}` : m.name;
    if (depth < indexes.length - 1) list = m.nestedType;
  }
  const desc = registry.getMessage(name);
  if (!desc) throw new ProtobufError(`message ${name} is not in the schema`);
  return desc;
}

/** The message-index path of a message given by full name (for producing); null when absent. */
export function indexesOf(main: FileDescriptorProto, fullName: string): number[] | null {
  const pkg = main.package ? `${main.package}.` : '';
  if (!fullName.startsWith(pkg)) return null;
  const parts = fullName.slice(pkg.length).split('.');
  const out: number[] = [];
  let list = main.messageType;
  for (const p of parts) {
    const i = list.findIndex((m) => m.name === p);
    if (i < 0) return null;
    out.push(i);
    list = list[i].nestedType;
  }
  return out;
}

/** Every message of the main file by full name, in index order (for the produce form). */
export function messageNames(main: FileDescriptorProto): string[] {
  const out: string[] = [];
  const walk = (list: DescriptorProto[], prefix: string) => {
    for (const m of list) {
      if (m.options?.mapEntry) continue;
      out.push(`${prefix}${m.name}`);
      walk(m.nestedType, `${prefix}${m.name}.`);
    }
  };
  walk(main.messageType, main.package ? `${main.package}.` : '');
  return out;
}

/** Reads the message-index prefix Confluent's serializers write after the schema id. */
export function readIndexes(buf: Buffer, start: number): { indexes: number[]; next: number } {
  let pos = start;
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length || shift > 28) throw new ProtobufError('the message-index prefix is cut short');
      const b = buf[pos++];
      n |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    return (n >>> 1) ^ -(n & 1);
  };
  const count = varint();
  if (count === 0) return { indexes: [0], next: pos };
  if (count < 0 || count > 100) throw new ProtobufError('the message-index prefix is not valid');
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) indexes.push(varint());
  return { indexes, next: pos };
}

export function writeIndexes(indexes: number[]): Buffer {
  if (indexes.length === 1 && indexes[0] === 0) return Buffer.from([0]);
  const bytes: number[] = [];
  const varint = (v: number) => {
    let n = ((v << 1) ^ (v >> 31)) >>> 0;
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
  };
  varint(indexes.length);
  for (const i of indexes) varint(i);
  return Buffer.from(bytes);
}

export function decodeProtobuf(registry: FileRegistry, desc: DescMessage, bytes: Buffer): JsonValue {
  try {
    return toJson(desc, fromBinary(desc, bytes), { registry });
  } catch (err) {
    throw new ProtobufError(`the bytes are not a ${desc.typeName}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function encodeProtobuf(registry: FileRegistry, desc: DescMessage, value: unknown): Buffer {
  let msg: ReturnType<typeof fromJson>;
  try {
    msg = fromJson(desc, value as JsonValue, { registry });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // protobuf-es names the field: "cannot decode field pkg.Msg.name from JSON: ..."
    const m = /field ([\w.]+) from JSON/.exec(message);
    const path = m ? `/${m[1].split('.').pop()}` : '';
    throw new ProtobufError(message.replace(/^cannot decode message [\w.]+ from JSON: /, ''), path);
  }
  return Buffer.from(toBinary(desc, msg));
}
