import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import * as snappy from 'snappyjs';
import * as lz4 from 'lz4js';
import { decompress as zstdDecompress } from 'fzstd';

/**
 * Snappy, LZ4 and ZSTD for kafkajs (it only ships gzip), from maintained pure-JS and
 * WebAssembly packages: nothing here downloads or builds native code.
 *
 * - Snappy: Java producers frame snappy the xerial way (a magic header, then
 *   length-prefixed blocks); librdkafka writes raw snappy. Both are read; we write xerial.
 * - LZ4: Kafka (magic v1+) uses the standard LZ4 frame format.
 * - ZSTD: streaming producers (Java, librdkafka) omit the frame content size, so the
 *   decoder must not need it: fzstd streams; compression uses zstd's WebAssembly build.
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_BLOCK = 32 * 1024;

export function snappyDecompress(buf: Buffer): Buffer {
  if (buf.length >= 16 && buf.subarray(0, 8).equals(XERIAL_MAGIC)) {
    const parts: Buffer[] = [];
    let pos = 16; // magic (8), version (4), compatible version (4)
    while (pos + 4 <= buf.length) {
      const len = buf.readInt32BE(pos);
      pos += 4;
      parts.push(Buffer.from(snappy.uncompress(buf.subarray(pos, pos + len))));
      pos += len;
    }
    return Buffer.concat(parts);
  }
  return Buffer.from(snappy.uncompress(buf));
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

export function lz4Decompress(buf: Buffer): Buffer {
  return Buffer.from(lz4.decompress(buf));
}

export function lz4Compress(buf: Buffer): Buffer {
  return Buffer.from(lz4.compress(buf));
}

export function zstdDecompressBuf(buf: Buffer): Buffer {
  return Buffer.from(zstdDecompress(buf));
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

type Encoderish = { buffer: Buffer };

function codec(compress: (b: Buffer) => Buffer | Promise<Buffer>, decompress: (b: Buffer) => Buffer) {
  return () => ({
    compress: async (encoder: Encoderish) => compress(encoder.buffer),
    decompress: async (buffer: Buffer) => decompress(buffer),
  });
}

let registered = false;
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, unknown>;
  codecs[CompressionTypes.Snappy] = codec(snappyCompress, snappyDecompress);
  codecs[CompressionTypes.LZ4] = codec(lz4Compress, lz4Decompress);
  codecs[CompressionTypes.ZSTD] = codec(zstdCompressBuf, zstdDecompressBuf);
}
