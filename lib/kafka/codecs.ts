import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';

/**
 * The compression codecs of record batches: gzip (node:zlib), and snappy, lz4 and zstd from
 * maintained pure-JS and WebAssembly packages: nothing here downloads or builds native code.
 *
 * - Snappy: Java producers frame snappy the xerial way (a magic header, then
 *   length-prefixed blocks); librdkafka writes raw snappy. Both are read; we write xerial.
 * - LZ4: Kafka (magic v2) uses the standard LZ4 frame format.
 * - ZSTD: streaming producers (Java, librdkafka) omit the frame content size, so the
 *   decoder must not need it; compression uses zstd's WebAssembly build.
 *
 * Decompression is bounded: a batch may expand to at most MAX_DECOMPRESSED_BYTES. The sizes a
 * frame declares (snappy's length, LZ4's content size and blocks, zstd's content size, window
 * and blocks) are checked before anything is allocated; gzip, which declares nothing reliable,
 * stops once it has produced the limit. What is refused throws a DecompressError.
 */

/** Most bytes one record batch may decompress to. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** A batch payload that is not decoded: above the limit, or not valid data for its codec. */
export class DecompressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecompressError';
  }
}

const MiB = 1024 * 1024;
const mib = (n: number) => `${Math.round((n / MiB) * 10) / 10} MiB`;
const LIMIT = `the ${mib(MAX_DECOMPRESSED_BYTES)} limit per batch`;

function corrupt(codec: string, why: string): DecompressError {
  return new DecompressError(`corrupt ${codec} data (${why})`);
}

// --- gzip ------------------------------------------------------------------------------

const unzip = promisify(zlib.unzip);
const gzip = promisify(zlib.gzip);

export async function gzipDecompress(buf: Buffer): Promise<Buffer> {
  try {
    return await unzip(buf, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new DecompressError(`gzip data expands beyond ${LIMIT}`);
    throw corrupt('gzip', code ?? 'unreadable');
  }
}

export function gzipCompress(buf: Buffer): Promise<Buffer> {
  return gzip(buf);
}

// --- snappy ----------------------------------------------------------------------------

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_BLOCK = 32 * 1024;

/** The uncompressed length a raw snappy block starts with (a varint of at most 32 bits). */
function snappyLength(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < 5 && start + i < end; i++) {
    const b = buf[start + i];
    n += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return n;
  }
  throw corrupt('snappy', 'bad length');
}

function snappyBlock(buf: Buffer, length: number): Buffer {
  try {
    return Buffer.from(snappy.uncompress(buf, length));
  } catch {
    throw corrupt('snappy', 'invalid block');
  }
}

export function snappyDecompress(buf: Buffer): Buffer {
  if (!(buf.length >= 16 && buf.subarray(0, 8).equals(XERIAL_MAGIC))) {
    const length = snappyLength(buf, 0, buf.length);
    if (length > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`snappy data declares ${mib(length)}, above ${LIMIT}`);
    return snappyBlock(buf, length);
  }
  // Xerial: magic (8), version (4), compatible version (4), then [length int32, block]...
  const blocks: { start: number; end: number }[] = [];
  let total = 0;
  for (let pos = 16; pos < buf.length; ) {
    if (pos + 4 > buf.length) throw corrupt('snappy', 'truncated block length');
    const len = buf.readInt32BE(pos);
    const start = pos + 4;
    const end = start + len;
    if (len < 0 || end > buf.length) throw corrupt('snappy', 'a block runs past the end');
    total += snappyLength(buf, start, end);
    blocks.push({ start, end });
    pos = end;
  }
  if (total > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`snappy blocks declare ${mib(total)}, above ${LIMIT}`);
  return Buffer.concat(blocks.map((b) => snappyBlock(buf.subarray(b.start, b.end), MAX_DECOMPRESSED_BYTES)));
}

export function snappyCompress(buf: Buffer): Buffer {
  const header = Buffer.alloc(16);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const parts: Buffer[] = [header];
  for (let pos = 0; pos < buf.length; pos += XERIAL_BLOCK) {
    const block = Buffer.from(snappy.compress(buf.subarray(pos, pos + XERIAL_BLOCK)));
    const len = Buffer.alloc(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

// --- lz4 -------------------------------------------------------------------------------

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: MiB, 7: 4 * MiB };

/**
 * Reads an LZ4 frame's header and block sizes, refuses it when it would exceed the limit, then
 * decodes block by block with lz4js into one buffer of the checked size.
 */
export function lz4Decompress(buf: Buffer): Buffer {
  if (buf.length < 7 || buf.readUInt32LE(0) !== LZ4_MAGIC) throw corrupt('lz4', 'not an LZ4 frame');
  const flg = buf[4];
  if ((flg & 0xc0) !== 0x40) throw corrupt('lz4', 'unknown frame version');
  if (flg & 0x01) throw new DecompressError('lz4 frames with a dictionary are not supported');
  const blockChecksums = (flg & 0x10) !== 0;
  const blockMax = LZ4_BLOCK_MAX[(buf[5] >> 4) & 0x07];
  if (!blockMax) throw corrupt('lz4', 'unknown block size');
  let pos = 6;
  let declared: number | null = null;
  if (flg & 0x08) {
    if (buf.length < pos + 8) throw corrupt('lz4', 'truncated header');
    declared = Number(buf.readBigUInt64LE(pos));
    pos += 8;
    if (declared > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`lz4 frame declares ${mib(declared)} of content, above ${LIMIT}`);
  }
  pos++; // header checksum

  const blocks: { start: number; size: number; compressed: boolean }[] = [];
  let bound = 0;
  for (;;) {
    if (pos + 4 > buf.length) throw corrupt('lz4', 'no end mark');
    const word = buf.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    const compressed = (word & 0x80000000) === 0;
    const size = word & 0x7fffffff;
    if (size > blockMax) throw corrupt('lz4', 'a block is larger than the frame allows');
    if (pos + size + (blockChecksums ? 4 : 0) > buf.length) throw corrupt('lz4', 'a block runs past the end');
    blocks.push({ start: pos, size, compressed });
    bound += compressed ? blockMax : size;
    pos += size + (blockChecksums ? 4 : 0);
  }
  if (declared === null && bound > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`lz4 blocks hold up to ${mib(bound)}, above ${LIMIT}`);

  const out = new Uint8Array(declared ?? bound);
  let at = 0;
  for (const b of blocks) {
    if (b.compressed) at = lz4.decompressBlock(buf, out, b.start, b.size, at);
    else if (at + b.size <= out.length) {
      out.set(buf.subarray(b.start, b.start + b.size), at);
      at += b.size;
    } else at += b.size;
    if (at > out.length) throw corrupt('lz4', 'more data than the frame declares');
  }
  return Buffer.from(out.buffer, out.byteOffset, at);
}

export function lz4Compress(buf: Buffer): Buffer {
  return Buffer.from(lz4.compress(buf));
}

// --- zstd ------------------------------------------------------------------------------

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_BLOCK_MAX = 128 * 1024;

/** Little-endian unsigned integer of `n` bytes (exact below 2^53, which is all we compare). */
function readLE(buf: Buffer, pos: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[pos + i];
  return v;
}

/**
 * Walks every frame header and block of a zstd payload without decoding anything: refuses a
 * declared content size or (streamed frames) a window above the limit, and a total that the
 * blocks could expand to above the limit.
 */
function checkZstd(buf: Buffer): void {
  let bound = 0;
  let pos = 0;
  while (pos < buf.length) {
    if (pos + 8 > buf.length) throw corrupt('zstd', 'truncated frame header');
    const magic = buf.readUInt32LE(pos);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      pos += 8 + buf.readUInt32LE(pos + 4); // skippable frame
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw corrupt('zstd', 'not a zstd frame');
    const fhd = buf[pos + 4];
    pos += 5;
    if (fhd & 0x08) throw corrupt('zstd', 'reserved header bit set');
    const singleSegment = (fhd & 0x20) !== 0;
    const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fhd >> 6];
    const dictBytes = [0, 1, 2, 4][fhd & 0x03];
    let window = 0;
    if (!singleSegment) {
      const wd = buf[pos++];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 0x07);
    }
    if (pos + dictBytes + fcsBytes > buf.length) throw corrupt('zstd', 'truncated frame header');
    if (readLE(buf, pos, dictBytes) !== 0) throw new DecompressError('zstd frames with a dictionary are not supported');
    pos += dictBytes;
    const contentSize = fcsBytes ? readLE(buf, pos, fcsBytes) + (fcsBytes === 2 ? 256 : 0) : 0;
    pos += fcsBytes;
    if (contentSize > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`zstd frame declares ${mib(contentSize)} of content, above ${LIMIT}`);
    if (singleSegment) window = contentSize;
    // The decoder allocates the content size when declared, else the whole window.
    if (!contentSize && window > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`zstd frame needs a ${mib(window)} window, above ${LIMIT}`);
    const blockMax = Math.min(window || ZSTD_BLOCK_MAX, ZSTD_BLOCK_MAX);
    for (let last = false; !last; ) {
      if (pos + 3 > buf.length) throw corrupt('zstd', 'truncated block');
      const header = buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16);
      pos += 3;
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      const size = header >> 3;
      if (type === 3) throw corrupt('zstd', 'reserved block type');
      if (size > blockMax) throw corrupt('zstd', 'a block is larger than the frame allows');
      const stored = type === 1 ? 1 : size;
      if (pos + stored > buf.length) throw corrupt('zstd', 'a block runs past the end');
      bound += type === 2 ? blockMax : size;
      pos += stored;
    }
    if (fhd & 0x04) pos += 4; // content checksum
    if (pos > buf.length) throw corrupt('zstd', 'truncated checksum');
    if (bound > MAX_DECOMPRESSED_BYTES) throw new DecompressError(`zstd blocks hold up to ${mib(bound)}, above ${LIMIT}`);
  }
}

export function zstdDecompressBuf(buf: Buffer): Buffer {
  checkZstd(buf);
  let out: Uint8Array;
  try {
    out = zstdDecompress(buf);
  } catch {
    throw corrupt('zstd', 'invalid frame');
  }
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

let zstdWasm: Promise<typeof import('@bokuweb/zstd-wasm')> | null = null;
export async function zstdCompressBuf(buf: Buffer, level = 3): Promise<Buffer> {
  zstdWasm ??= import('@bokuweb/zstd-wasm').then(async (m) => {
    await m.init();
    return m;
  });
  const m = await zstdWasm;
  return Buffer.from(m.compress(buf, level));
}

// --- the decode path and kafkajs's registry ---------------------------------------------

const CODEC_NAMES: Record<number, string> = { 0: 'uncompressed', 1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd' };
export const codecName = (codec: number): string => CODEC_NAMES[codec] ?? `codec ${codec}`;

/** Decompresses a record batch payload; `codec` is the low 3 bits of the batch attributes. */
export async function decompress(codec: number, buf: Buffer): Promise<Buffer> {
  switch (codec) {
    case 1:
      return gzipDecompress(buf);
    case 2:
      return snappyDecompress(buf);
    case 3:
      return lz4Decompress(buf);
    case 4:
      return zstdDecompressBuf(buf);
    default:
      throw new DecompressError(`unknown compression codec ${codec}`);
  }
}

type Encoderish = { buffer: Buffer };

function codec(compress: (b: Buffer) => Buffer | Promise<Buffer>, decompress: (b: Buffer) => Buffer | Promise<Buffer>) {
  return () => ({
    compress: async (encoder: Encoderish) => compress(encoder.buffer),
    decompress: async (buffer: Buffer) => decompress(buffer),
  });
}

/** kafkajs's producers compress, and any kafkajs consumer decompresses, through the codecs above. */
let registered = false;
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, unknown>;
  codecs[CompressionTypes.GZIP] = codec(gzipCompress, gzipDecompress);
  codecs[CompressionTypes.Snappy] = codec(snappyCompress, snappyDecompress);
  codecs[CompressionTypes.LZ4] = codec(lz4Compress, lz4Decompress);
  codecs[CompressionTypes.ZSTD] = codec(zstdCompressBuf, zstdDecompressBuf);
}
