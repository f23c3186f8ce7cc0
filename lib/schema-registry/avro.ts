/**
 * Avro binary encoding, decoded and encoded by walking the schema: no code is generated or
 * evaluated from a schema (avsc and avro-js compile each record type into a JavaScript
 * function with `new Function`, which the console does not do with schemas it is given).
 *
 * The JSON form of a value is the one the console shows and takes: unions unwrapped (the
 * value of the branch, as Python's fastavro and Java's GenericRecord.toString give it),
 * longs beyond 2^53 as decimal strings, bytes and fixed as base64, and the logical types as
 * text: decimal "123.45", uuid, date "2024-05-01", time "12:00:00.000", timestamps
 * "2024-05-01T12:00:00.000Z" (micros: 6 digits; local-timestamp without the Z).
 */

export type AvroSchema = unknown;

type Primitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

export type AvroType =
  | { kind: Primitive; logical?: Logical }
  | { kind: 'record'; name: string; fields: { name: string; type: AvroType; default?: unknown; hasDefault: boolean }[] }
  | { kind: 'enum'; name: string; symbols: string[]; default?: string }
  | { kind: 'array'; items: AvroType }
  | { kind: 'map'; values: AvroType }
  | { kind: 'fixed'; name: string; size: number; logical?: Logical }
  | { kind: 'union'; branches: AvroType[] }
  | { kind: 'ref'; name: string; named: Map<string, AvroType> };

type Logical =
  | { type: 'decimal'; precision: number; scale: number }
  | { type: 'uuid' | 'date' | 'time-millis' | 'time-micros' | 'timestamp-millis' | 'timestamp-micros' | 'local-timestamp-millis' | 'local-timestamp-micros' };

export class AvroError extends Error {
  constructor(
    message: string,
    /** Where in the value: a JSON pointer-like path, "" for the root. */
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'AvroError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fullName(name: string, namespace: string | undefined): string {
  if (name.includes('.')) return name;
  return namespace ? `${namespace}.${name}` : name;
}

function logicalOf(s: Record<string, unknown>, base: string): Logical | undefined {
  const lt = s.logicalType;
  if (typeof lt !== 'string') return undefined;
  if (lt === 'decimal' && (base === 'bytes' || base === 'fixed')) {
    const precision = Number(s.precision);
    const scale = s.scale === undefined ? 0 : Number(s.scale);
    if (!Number.isInteger(precision) || precision < 1 || !Number.isInteger(scale) || scale < 0 || scale > precision) return undefined;
    return { type: 'decimal', precision, scale };
  }
  if (lt === 'uuid' && base === 'string') return { type: 'uuid' };
  if ((lt === 'date' || lt === 'time-millis') && base === 'int') return { type: lt };
  if (
    (lt === 'time-micros' || lt === 'timestamp-millis' || lt === 'timestamp-micros' || lt === 'local-timestamp-millis' || lt === 'local-timestamp-micros') &&
    base === 'long'
  )
    return { type: lt };
  // Unknown or misplaced logical types are ignored, as the Avro specification says.
  return undefined;
}

/**
 * Parses a schema (its JSON text, with the named types of its references already parsed
 * into `named`). Throws AvroError for a schema that is not valid Avro.
 */
export function parseAvro(text: string, named: Map<string, AvroType> = new Map()): AvroType {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AvroError('the schema is not valid JSON');
  }
  return toType(json, undefined, named, 0);
}

function toType(s: unknown, namespace: string | undefined, named: Map<string, AvroType>, depth: number): AvroType {
  if (depth > 100) throw new AvroError('the schema nests more than 100 levels');
  if (typeof s === 'string') {
    if (PRIMITIVES.has(s)) return { kind: s as Primitive };
    const n = named.has(fullName(s, namespace)) ? fullName(s, namespace) : s;
    if (!named.has(n)) throw new AvroError(`unknown type ${s}`);
    return { kind: 'ref', name: n, named };
  }
  if (Array.isArray(s)) {
    const branches = s.map((b) => toType(b, namespace, named, depth + 1));
    if (branches.some((b) => b.kind === 'union')) throw new AvroError('a union may not contain a union');
    return { kind: 'union', branches };
  }
  if (!s || typeof s !== 'object') throw new AvroError(`not a schema: ${JSON.stringify(s)}`);
  const o = s as Record<string, unknown>;
  const type = o.type;
  if (typeof type === 'string' && PRIMITIVES.has(type)) return { kind: type as Primitive, logical: logicalOf(o, type) };
  const register = (t: AvroType & { name: string }) => {
    if (named.has(t.name)) throw new AvroError(`type ${t.name} is defined twice`);
    named.set(t.name, t);
  };
  const nameOf = () => {
    if (typeof o.name !== 'string' || !o.name.split('.').every((p) => NAME.test(p))) throw new AvroError(`a ${String(type)} needs a valid name`);
    const ns = typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : namespace;
    return fullName(o.name, ns);
  };
  switch (type) {
    case 'record':
    case 'error': {
      const name = nameOf();
      const t: AvroType & { kind: 'record' } = { kind: 'record', name, fields: [] };
      register(t);
      const ns = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
      if (!Array.isArray(o.fields)) throw new AvroError(`record ${name} needs fields`);
      for (const f of o.fields as Record<string, unknown>[]) {
        if (!f || typeof f.name !== 'string' || !NAME.test(f.name)) throw new AvroError(`record ${name} has a field without a valid name`);
        t.fields.push({ name: f.name, type: toType(f.type, ns, named, depth + 1), default: f.default, hasDefault: 'default' in f });
      }
      return t;
    }
    case 'enum': {
      const name = nameOf();
      if (!Array.isArray(o.symbols) || !o.symbols.every((x) => typeof x === 'string')) throw new AvroError(`enum ${name} needs symbols`);
      const t: AvroType = { kind: 'enum', name, symbols: o.symbols as string[], default: typeof o.default === 'string' ? o.default : undefined };
      register(t);
      return t;
    }
    case 'fixed': {
      const name = nameOf();
      const size = Number(o.size);
      if (!Number.isInteger(size) || size < 0) throw new AvroError(`fixed ${name} needs a size`);
      const t: AvroType = { kind: 'fixed', name, size, logical: logicalOf(o, 'fixed') };
      register(t);
      return t;
    }
    case 'array':
      return { kind: 'array', items: toType(o.items, namespace, named, depth + 1) };
    case 'map':
      return { kind: 'map', values: toType(o.values, namespace, named, depth + 1) };
    default:
      if (type && typeof type === 'object') return toType(type, namespace, named, depth + 1);
      if (typeof type === 'string') return toType(type, namespace, named, depth + 1);
      throw new AvroError(`unknown type ${JSON.stringify(type)}`);
  }
}

const deref = (t: AvroType): AvroType => (t.kind === 'ref' ? (t.named.get(t.name) as AvroType) : t);

// --- decoding --------------------------------------------------------------------------

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new AvroError('the bytes end before the value does');
  }

  /** A zigzag varint: a number when it fits in 2^53, else a bigint. */
  long(): number | bigint {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      this.need(1);
      b = this.buf[this.pos++];
      if (shift >= 49) return this.bigLong(n, shift, b);
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }

  private bigLong(low: number, shift: number, first: number): number | bigint {
    let n = BigInt(low);
    let b = first;
    let s = BigInt(shift);
    for (;;) {
      n |= BigInt(b & 0x7f) << s;
      s += 7n;
      if (!(b & 0x80)) break;
      if (s > 70n) throw new AvroError('a long longer than 10 bytes');
      this.need(1);
      b = this.buf[this.pos++];
    }
    const v = n & 1n ? -((n + 1n) >> 1n) : n >> 1n;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  int(): number {
    const v = this.long();
    if (typeof v !== 'number' || v < -0x80000000 || v > 0x7fffffff) throw new AvroError('an int out of range');
    return v;
  }

  count(): number {
    const v = this.long();
    if (typeof v !== 'number') throw new AvroError('a block count out of range');
    return v;
  }

  bytes(): Buffer {
    const n = this.count();
    if (n < 0) throw new AvroError('a negative length');
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function isoTime(v: number | bigint, micros: boolean): string {
  const total = Number(v);
  const unit = micros ? 1_000_000 : 1000;
  const secs = Math.floor(total / unit);
  const frac = total - secs * unit;
  return `${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}.${pad(frac, micros ? 6 : 3)}`;
}

function isoTimestamp(v: number | bigint, micros: boolean, local: boolean): string {
  const big = BigInt(v);
  const unit = micros ? 1_000_000n : 1000n;
  let secs = big / unit;
  let frac = big % unit;
  if (frac < 0n) {
    frac += unit;
    secs -= 1n;
  }
  const d = new Date(Number(secs) * 1000);
  if (Number.isNaN(d.getTime())) throw new AvroError('a timestamp out of range');
  const text = `${d.toISOString().slice(0, 19)}.${frac.toString().padStart(micros ? 6 : 3, '0')}`;
  return local ? text : `${text}Z`;
}

function decimalText(b: Buffer, scale: number): string {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  if (b.length && b[0] & 0x80) n -= 1n << BigInt(b.length * 8);
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

function readValue(t: AvroType, r: Reader, depth: number): unknown {
  if (depth > 200) throw new AvroError('the value nests more than 200 levels');
  switch (t.kind) {
    case 'null':
      return null;
    case 'boolean':
      r.need(1);
      return r.buf[r.pos++] !== 0;
    case 'int': {
      const v = r.int();
      if (t.logical?.type === 'date') return isoDate(v);
      if (t.logical?.type === 'time-millis') return isoTime(v, false);
      return v;
    }
    case 'long': {
      const v = r.long();
      switch (t.logical?.type) {
        case 'time-micros':
          return isoTime(v, true);
        case 'timestamp-millis':
        case 'timestamp-micros':
        case 'local-timestamp-millis':
        case 'local-timestamp-micros':
          return isoTimestamp(v, t.logical.type.endsWith('micros'), t.logical.type.startsWith('local'));
      }
      return typeof v === 'bigint' ? v.toString() : v;
    }
    case 'float': {
      r.need(4);
      const v = r.buf.readFloatLE(r.pos);
      r.pos += 4;
      return v;
    }
    case 'double': {
      r.need(8);
      const v = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
      return v;
    }
    case 'bytes': {
      const b = r.bytes();
      return t.logical?.type === 'decimal' ? decimalText(b, t.logical.scale) : b.toString('base64');
    }
    case 'string':
      return r.bytes().toString('utf8');
    case 'fixed': {
      r.need(t.size);
      const b = r.buf.subarray(r.pos, r.pos + t.size);
      r.pos += t.size;
      return t.logical?.type === 'decimal' ? decimalText(b, t.logical.scale) : b.toString('base64');
    }
    case 'enum': {
      const i = r.int();
      if (i < 0 || i >= t.symbols.length) throw new AvroError(`enum ${t.name} has no symbol ${i}`);
      return t.symbols[i];
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      for (const f of t.fields) out[f.name] = readValue(f.type, r, depth + 1);
      return out;
    }
    case 'array': {
      const out: unknown[] = [];
      for (;;) {
        let n = r.count();
        if (n === 0) break;
        if (n < 0) {
          n = -n;
          r.count();
        }
        if (n > r.buf.length - r.pos + 1 && deref(t.items).kind !== 'null') throw new AvroError('an array longer than its bytes');
        for (let i = 0; i < n; i++) out.push(readValue(t.items, r, depth + 1));
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (;;) {
        let n = r.count();
        if (n === 0) break;
        if (n < 0) {
          n = -n;
          r.count();
        }
        if (n > r.buf.length - r.pos) throw new AvroError('a map longer than its bytes');
        for (let i = 0; i < n; i++) {
          const k = r.bytes().toString('utf8');
          out[k] = readValue(t.values, r, depth + 1);
        }
      }
      return out;
    }
    case 'union': {
      const i = r.count();
      if (i < 0 || i >= t.branches.length) throw new AvroError(`union branch ${i} does not exist`);
      return readValue(t.branches[i], r, depth + 1);
    }
    case 'ref':
      return readValue(deref(t), r, depth);
  }
}

/**
 * The JSON text of a value, written while reading, without building it first: what search
 * matches (the same text JSON.stringify gives of decodeAvro's value; maps, whose key order
 * a JavaScript object may change, are built and stringified).
 */
function textValue(t: AvroType, r: Reader, depth: number, out: string[]): void {
  switch (t.kind) {
    case 'record': {
      if (depth > 200) throw new AvroError('the value nests more than 200 levels');
      out.push('{');
      for (const [i, f] of t.fields.entries()) {
        out.push(i ? `,"${f.name}":` : `"${f.name}":`);
        textValue(f.type, r, depth + 1, out);
      }
      out.push('}');
      return;
    }
    case 'array': {
      out.push('[');
      let first = true;
      for (;;) {
        let n = r.count();
        if (n === 0) break;
        if (n < 0) {
          n = -n;
          r.count();
        }
        if (n > r.buf.length - r.pos + 1 && deref(t.items).kind !== 'null') throw new AvroError('an array longer than its bytes');
        for (let i = 0; i < n; i++) {
          if (!first) out.push(',');
          first = false;
          textValue(t.items, r, depth + 1, out);
        }
      }
      out.push(']');
      return;
    }
    case 'union': {
      const i = r.count();
      if (i < 0 || i >= t.branches.length) throw new AvroError(`union branch ${i} does not exist`);
      textValue(t.branches[i], r, depth + 1, out);
      return;
    }
    case 'ref':
      textValue(deref(t), r, depth, out);
      return;
    case 'string':
      if (!t.logical) {
        out.push(JSON.stringify(r.bytes().toString('utf8')));
        return;
      }
      out.push(JSON.stringify(readValue(t, r, depth)));
      return;
    default:
      out.push(JSON.stringify(readValue(t, r, depth)) ?? 'null');
  }
}

/** JSON.stringify(decodeAvro(t, bytes)), faster: for matching records against a filter. */
export function avroJsonText(t: AvroType, bytes: Buffer): string {
  const r = new Reader(bytes);
  const out: string[] = [];
  textValue(t, r, 0, out);
  if (r.pos !== bytes.length) throw new AvroError(`${bytes.length - r.pos} bytes left after the value`);
  return out.join('');
}

/** Decodes one value; throws AvroError when the bytes do not match the schema (or are left over). */
export function decodeAvro(t: AvroType, bytes: Buffer): unknown {
  const r = new Reader(bytes);
  const v = readValue(t, r, 0);
  if (r.pos !== bytes.length) throw new AvroError(`${bytes.length - r.pos} bytes left after the value`);
  return v;
}

// --- encoding --------------------------------------------------------------------------

class Writer {
  parts: Buffer[] = [];
  private scratch = Buffer.alloc(10);

  long(v: number | bigint): void {
    let n = BigInt(v);
    n = n >= 0n ? n << 1n : (-n << 1n) - 1n;
    let i = 0;
    while (n >= 0x80n) {
      this.scratch[i++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.scratch[i++] = Number(n);
    this.parts.push(Buffer.from(this.scratch.subarray(0, i)));
  }

  bytes(b: Buffer): void {
    this.long(b.length);
    this.parts.push(b);
  }
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function toBigInt(v: unknown, path: string, what: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return BigInt(v);
  throw new AvroError(`expected ${what}, got ${typeName(v)}`, path);
}

function parseTimestamp(v: unknown, micros: boolean, local: boolean, path: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v !== 'string') throw new AvroError('expected a timestamp (ISO 8601 text or a number)', path);
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(v);
  if (!m) throw new AvroError('expected an ISO 8601 timestamp like 2024-05-01T12:00:00.000Z', path);
  const secs = Date.parse(`${m[1]}${local ? 'Z' : (m[3] ?? 'Z')}`);
  if (Number.isNaN(secs)) throw new AvroError('not a valid timestamp', path);
  const frac = (m[2] ?? '').padEnd(9, '0');
  const unit = micros ? 1_000_000n : 1000n;
  return (BigInt(secs) / 1000n) * unit + BigInt(frac.slice(0, micros ? 6 : 3));
}

function parseTime(v: unknown, micros: boolean, path: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  const m = typeof v === 'string' ? /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(v) : null;
  if (!m) throw new AvroError('expected a time like 12:00:00.000', path);
  const secs = BigInt(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
  const frac = (m[4] ?? '').padEnd(9, '0');
  return micros ? secs * 1_000_000n + BigInt(frac.slice(0, 6)) : secs * 1000n + BigInt(frac.slice(0, 3));
}

function decimalBytes(v: unknown, logical: { precision: number; scale: number }, path: string, size?: number): Buffer {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  const m = typeof text === 'string' ? /^(-?)(\d*)(?:\.(\d*))?$/.exec(text) : null;
  if (!m || (m[2] === '' && !m[3])) throw new AvroError('expected a decimal number (as text, e.g. "12.50")', path);
  const frac = m[3] ?? '';
  if (frac.length > logical.scale) throw new AvroError(`more than ${logical.scale} decimal places`, path);
  const digits = `${m[2]}${frac.padEnd(logical.scale, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > logical.precision) throw new AvroError(`more than ${logical.precision} digits`, path);
  let n = BigInt(digits || '0');
  if (m[1] === '-') n = -n;
  const len = size ?? Math.max(1, Math.ceil((n.toString(2).length + 1) / 8));
  const out = Buffer.alloc(len);
  let x = n < 0n ? (1n << BigInt(len * 8)) + n : n;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function base64Bytes(v: unknown, path: string): Buffer {
  if (typeof v !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v)) throw new AvroError('expected base64 text', path);
  return Buffer.from(v, 'base64');
}

/** Whether `v` could be written as `t` (for picking a union branch). */
function fits(t: AvroType, v: unknown): boolean {
  try {
    writeValue(t, v, new Writer(), '', 0);
    return true;
  } catch {
    return false;
  }
}

function writeValue(t: AvroType, v: unknown, w: Writer, path: string, depth: number): void {
  if (depth > 200) throw new AvroError('the value nests more than 200 levels', path);
  switch (t.kind) {
    case 'null':
      if (v !== null) throw new AvroError(`expected null, got ${typeName(v)}`, path);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw new AvroError(`expected a boolean, got ${typeName(v)}`, path);
      w.parts.push(Buffer.from([v ? 1 : 0]));
      return;
    case 'int': {
      let n: number;
      if (t.logical?.type === 'date' && typeof v === 'string') {
        const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
        if (Number.isNaN(d)) throw new AvroError('expected a date like 2024-05-01', path);
        n = d / 86_400_000;
      } else if (t.logical?.type === 'time-millis' && typeof v === 'string') n = Number(parseTime(v, false, path));
      else if (typeof v === 'number' && Number.isInteger(v)) n = v;
      else throw new AvroError(`expected an integer, got ${typeName(v)}`, path);
      if (n < -0x80000000 || n > 0x7fffffff) throw new AvroError('out of the int range', path);
      w.long(n);
      return;
    }
    case 'long': {
      const lt = t.logical?.type;
      let n: bigint;
      if (lt === 'time-micros') n = parseTime(v, true, path);
      else if (lt === 'timestamp-millis' || lt === 'timestamp-micros' || lt === 'local-timestamp-millis' || lt === 'local-timestamp-micros')
        n = parseTimestamp(v, lt.endsWith('micros'), lt.startsWith('local'), path);
      else n = toBigInt(v, path, 'an integer');
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new AvroError('out of the long range', path);
      w.long(n);
      return;
    }
    case 'float':
    case 'double': {
      if (typeof v !== 'number') throw new AvroError(`expected a number, got ${typeName(v)}`, path);
      const b = Buffer.alloc(t.kind === 'float' ? 4 : 8);
      if (t.kind === 'float') b.writeFloatLE(v);
      else b.writeDoubleLE(v);
      w.parts.push(b);
      return;
    }
    case 'bytes':
      w.bytes(t.logical?.type === 'decimal' ? decimalBytes(v, t.logical, path) : base64Bytes(v, path));
      return;
    case 'string':
      if (typeof v !== 'string') throw new AvroError(`expected a string, got ${typeName(v)}`, path);
      if (t.logical?.type === 'uuid' && !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v))
        throw new AvroError('expected a UUID', path);
      w.bytes(Buffer.from(v, 'utf8'));
      return;
    case 'fixed': {
      const b = t.logical?.type === 'decimal' ? decimalBytes(v, t.logical, path, t.size) : base64Bytes(v, path);
      if (b.length !== t.size) throw new AvroError(`expected ${t.size} bytes, got ${b.length}`, path);
      w.parts.push(b);
      return;
    }
    case 'enum': {
      const i = typeof v === 'string' ? t.symbols.indexOf(v) : -1;
      if (i < 0) throw new AvroError(`expected one of ${t.symbols.join(', ')}`, path);
      w.long(i);
      return;
    }
    case 'record': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new AvroError(`expected an object (record ${t.name}), got ${typeName(v)}`, path);
      const o = v as Record<string, unknown>;
      const known = new Set(t.fields.map((f) => f.name));
      for (const k of Object.keys(o)) if (!known.has(k)) throw new AvroError(`record ${t.name} has no field ${k}`, `${path}/${k}`);
      for (const f of t.fields) {
        if (!(f.name in o) && !f.hasDefault) throw new AvroError('required field is missing', `${path}/${f.name}`);
        const value = f.name in o ? o[f.name] : f.default;
        writeValue(f.type, value, w, `${path}/${f.name}`, depth + 1);
      }
      return;
    }
    case 'array':
      if (!Array.isArray(v)) throw new AvroError(`expected an array, got ${typeName(v)}`, path);
      if (v.length) {
        w.long(v.length);
        for (const [i, x] of v.entries()) writeValue(t.items, x, w, `${path}/${i}`, depth + 1);
      }
      w.long(0);
      return;
    case 'map': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new AvroError(`expected an object (map), got ${typeName(v)}`, path);
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length) {
        w.long(entries.length);
        for (const [k, x] of entries) {
          w.bytes(Buffer.from(k, 'utf8'));
          writeValue(t.values, x, w, `${path}/${k}`, depth + 1);
        }
      }
      w.long(0);
      return;
    }
    case 'union': {
      const i = t.branches.findIndex((b) => fits(b, v));
      if (i < 0) {
        // Report the closest branch's error: the first one of the value's own JSON type.
        const other = t.branches.find((b) => deref(b).kind !== 'null') ?? t.branches[0];
        writeValue(other, v, new Writer(), path, depth + 1);
        throw new AvroError('matches no branch of the union', path);
      }
      w.long(i);
      writeValue(t.branches[i], v, w, path, depth + 1);
      return;
    }
    case 'ref':
      writeValue(deref(t), v, w, path, depth);
  }
}

/** Encodes a JSON value; throws AvroError naming the field (a /-separated path) that does not fit. */
export function encodeAvro(t: AvroType, value: unknown): Buffer {
  const w = new Writer();
  writeValue(t, value, w, '', 0);
  return Buffer.concat(w.parts);
}
