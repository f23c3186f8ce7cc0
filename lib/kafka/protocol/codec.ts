/**
 * The binary runtime of the Kafka protocol: every generated request and response codec
 * (lib/kafka/protocol/generated/) and the record-batch decoder read and write through it.
 *
 * `flex` arguments select the compact encodings of flexible versions (KIP-482): unsigned
 * varint lengths stored as length + 1, 0 meaning null.
 */

/** A tagged field this code does not know, kept so it can be written back unchanged. */
export interface UnknownTaggedField {
  tag: number;
  data: Buffer;
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export class Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(size = 256) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private room(n: number): number {
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /**
   * One byte. Every write reserves room first and only then names the buffer: `room()` may
   * replace it with a larger one, and `this.buf.write...(v, this.room(n))` would evaluate
   * `this.buf` first and write into the old, too small one.
   */
  private byte(v: number): void {
    const at = this.room(1);
    this.buf[at] = v;
  }

  /** The bytes written so far. */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  int8(v: number): this {
    const at = this.room(1);
    this.buf.writeInt8(v, at);
    return this;
  }
  int16(v: number): this {
    const at = this.room(2);
    this.buf.writeInt16BE(v, at);
    return this;
  }
  uint16(v: number): this {
    const at = this.room(2);
    this.buf.writeUInt16BE(v, at);
    return this;
  }
  int32(v: number): this {
    const at = this.room(4);
    this.buf.writeInt32BE(v, at);
    return this;
  }
  int64(v: bigint): this {
    const at = this.room(8);
    this.buf.writeBigInt64BE(BigInt.asIntN(64, v), at);
    return this;
  }
  float64(v: number): this {
    const at = this.room(8);
    this.buf.writeDoubleBE(v, at);
    return this;
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  /** A UUID in Kafka's text form (URL-safe base64 without padding, as `Uuid.toString()`). */
  uuid(v: string): this {
    const b = Buffer.from(v, 'base64url');
    if (b.length !== 16) throw new ProtocolError(`not a Kafka UUID: ${v}`);
    const at = this.room(16);
    b.copy(this.buf, at);
    return this;
  }
  uvarint(v: number): this {
    let n = v >>> 0;
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    this.byte(n);
    return this;
  }
  /** Zigzag varint (record fields), within JavaScript's safe integers. */
  varint(v: number): this {
    let n = v >= 0 ? v * 2 : -v * 2 - 1;
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
    return this;
  }
  raw(b: Uint8Array): this {
    const at = this.room(b.length);
    this.buf.set(b, at);
    return this;
  }

  private length(n: number | null, flex: boolean, wide: boolean): void {
    if (flex) this.uvarint(n === null ? 0 : n + 1);
    else if (wide) this.int32(n ?? -1);
    else this.int16(n ?? -1);
  }

  string(v: string | null, flex: boolean): this {
    if (v === null) {
      this.length(null, flex, false);
      return this;
    }
    const b = Buffer.from(v, 'utf8');
    if (!flex && b.length > 0x7fff) throw new ProtocolError('string longer than 32767 bytes');
    this.length(b.length, flex, false);
    return this.raw(b);
  }
  bytes(v: Uint8Array | null, flex: boolean): this {
    this.length(v === null ? null : v.length, flex, true);
    return v === null ? this : this.raw(v);
  }
  array<T>(items: readonly T[] | null, flex: boolean, write: (item: T) => void): this {
    this.length(items === null ? null : items.length, flex, true);
    if (items) for (const item of items) write(item);
    return this;
  }

  /** The tagged-field section of a flexible struct: known fields and unknown ones, by tag. */
  taggedFields(known: [number, (w: Writer) => void][], unknown: UnknownTaggedField[] = []): this {
    const all: { tag: number; data: Buffer }[] = unknown.map((u) => ({ tag: u.tag, data: u.data }));
    for (const [tag, write] of known) {
      const w = new Writer(32);
      write(w);
      all.push({ tag, data: w.finish() });
    }
    all.sort((a, b) => a.tag - b.tag);
    this.uvarint(all.length);
    for (const f of all) this.uvarint(f.tag).uvarint(f.data.length).raw(f.data);
    return this;
  }
}

export class Reader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private take(n: number): number {
    if (n < 0 || this.pos + n > this.end) throw new ProtocolError(`truncated message: ${n} bytes wanted at ${this.pos} of ${this.end}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.take(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.take(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.take(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.take(4));
  }
  int64(): bigint {
    return this.buf.readBigInt64BE(this.take(8));
  }
  float64(): number {
    return this.buf.readDoubleBE(this.take(8));
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  uuid(): string {
    const at = this.take(16);
    return this.buf.toString('base64url', at, at + 16);
  }
  uvarint(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.buf[this.take(1)];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new ProtocolError('unsigned varint longer than 5 bytes');
  }
  /** Zigzag varint or varlong (record fields), as a JavaScript number. */
  varint(): number {
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      const b = this.buf[this.take(1)];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
    }
    throw new ProtocolError('varint longer than 10 bytes');
  }
  /** `n` bytes, sharing memory with the message. */
  raw(n: number): Buffer {
    const at = this.take(n);
    return this.buf.subarray(at, at + n);
  }
  /** Bytes with a zigzag varint length, -1 meaning null (record keys, values, headers). */
  varBytes(): Buffer | null {
    const n = this.varint();
    return n < 0 ? null : this.raw(n);
  }

  private length(flex: boolean, wide: boolean): number | null {
    const n = flex ? this.uvarint() - 1 : wide ? this.int32() : this.int16();
    return n < 0 ? null : n;
  }

  nullableString(flex: boolean): string | null {
    const n = this.length(flex, false);
    if (n === null) return null;
    const at = this.take(n);
    return this.buf.toString('utf8', at, at + n);
  }
  string(flex: boolean, field = 'string'): string {
    const s = this.nullableString(flex);
    if (s === null) throw new ProtocolError(`non-nullable field ${field} was null`);
    return s;
  }
  nullableBytes(flex: boolean): Buffer | null {
    const n = this.length(flex, true);
    return n === null ? null : this.raw(n);
  }
  bytes(flex: boolean, field = 'bytes'): Buffer {
    const b = this.nullableBytes(flex);
    if (b === null) throw new ProtocolError(`non-nullable field ${field} was null`);
    return b;
  }
  nullableArray<T>(flex: boolean, read: () => T): T[] | null {
    const n = this.length(flex, true);
    if (n === null) return null;
    if (n > this.remaining) throw new ProtocolError(`array of ${n} items in ${this.remaining} bytes`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read());
    return out;
  }
  array<T>(flex: boolean, read: () => T, field = 'array'): T[] {
    const a = this.nullableArray(flex, read);
    if (a === null) throw new ProtocolError(`non-nullable field ${field} was null`);
    return a;
  }

  /**
   * The tagged-field section of a flexible struct. `known` reads a tag this code knows from
   * a reader bounded to its bytes and returns false for others, which are returned as is.
   */
  taggedFields(known: (tag: number, r: Reader) => boolean = () => false): UnknownTaggedField[] {
    const unknown: UnknownTaggedField[] = [];
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = this.uvarint();
      const size = this.uvarint();
      const at = this.take(size);
      if (!known(tag, new Reader(this.buf, at, at + size))) unknown.push({ tag, data: Buffer.from(this.buf.subarray(at, at + size)) });
    }
    return unknown;
  }

  /** Reads a tagged-field section, keeping the fields `known` does not read in `m.unknownTaggedFields`. */
  taggedFieldsInto(m: { unknownTaggedFields?: UnknownTaggedField[] }, known?: (tag: number, r: Reader) => boolean): void {
    const unknown = this.taggedFields(known);
    if (unknown.length) m.unknownTaggedFields = unknown;
  }
}

export function unsupported(field: string, message: string, version: number): never {
  throw new ProtocolError(`${message} v${version} has no field ${field}`);
}

export function notNullable(field: string, message: string, version: number): never {
  throw new ProtocolError(`${field} of ${message} v${version} cannot be null`);
}

export { ZERO_UUID };

/**
 * What an encoder accepts: the decoded shape with every field optional, nested too. A field
 * left out is written as its default, as Kafka's Java classes do.
 */
export type Input<T> = T extends Buffer
  ? T
  : T extends readonly (infer E)[]
    ? Input<E>[]
    : T extends object
      ? { [K in keyof T]?: K extends 'unknownTaggedFields' ? T[K] : Input<T[K]> }
      : T;

/** What the generator writes for each API: its key, versions and the codecs of both directions. */
export interface ApiSpec<Req, Res> {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  /** Flexible versions (KIP-482) use request header v2 and response header v1. */
  isFlexible(version: number): boolean;
  requestHeaderVersion(version: number): number;
  responseHeaderVersion(version: number): number;
  encodeRequest(w: Writer, version: number, m: Input<Req>): Writer;
  decodeRequest(r: Reader, version: number): Req;
  encodeResponse(w: Writer, version: number, m: Input<Res>): Writer;
  decodeResponse(r: Reader, version: number): Res;
}

/** Encodes a whole message into a fresh buffer. */
export function encode<I>(write: (w: Writer, version: number, m: I) => Writer, version: number, m: I): Buffer {
  return write(new Writer(), version, m).finish();
}

/** Decodes a whole message; trailing bytes are an error. */
export function decode<T>(read: (r: Reader, version: number) => T, version: number, buf: Buffer): T {
  const r = new Reader(buf);
  const m = read(r, version);
  if (r.remaining !== 0) throw new ProtocolError(`${r.remaining} bytes left after the message`);
  return m;
}
