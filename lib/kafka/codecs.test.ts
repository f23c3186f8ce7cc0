import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as snappy from 'snappyjs';
import zlib from 'node:zlib';
import {
  DecompressError,
  MAX_DECOMPRESSED_BYTES,
  decompress,
  gzipDecompress,
  lz4Compress,
  lz4Decompress,
  snappyCompress,
  snappyDecompress,
  zstdCompressBuf,
  zstdDecompressBuf,
} from './codecs';

const samples = [Buffer.alloc(0), Buffer.from('hello kafka'), Buffer.from('x'.repeat(100_000)), randomBytes(70_000)];

describe('codecs', () => {
  test.each(samples.map((s, i) => [i, s] as const))('snappy xerial round trip #%i', (_, s) => {
    const c = snappyCompress(s);
    expect(c.subarray(0, 8).toString('latin1')).toBe('\x82SNAPPY\x00');
    expect(snappyDecompress(c).equals(s)).toBe(true);
  });

  test('snappy reads raw (librdkafka) blocks too', () => {
    const s = Buffer.from('raw snappy as librdkafka writes it '.repeat(50));
    expect(snappyDecompress(Buffer.from(snappy.compress(s))).equals(s)).toBe(true);
  });

  test.each(samples.map((s, i) => [i, s] as const))('lz4 frame round trip #%i', (_, s) => {
    const c = lz4Compress(s);
    expect(c.readUInt32LE(0)).toBe(0x184d2204); // LZ4 frame magic
    expect(lz4Decompress(c).equals(s)).toBe(true);
  });

  test.each(samples.map((s, i) => [i, s] as const))('zstd round trip #%i', async (_, s) => {
    const c = await zstdCompressBuf(s);
    expect(c.readUInt32LE(0)).toBe(0xfd2fb528); // zstd frame magic
    expect(zstdDecompressBuf(c).equals(s)).toBe(true);
  });
});

const MiB = 1024 * 1024;

/** Refused with a clear message, fast, and without allocating anything near the declared size. */
function refusedQuickly(run: () => unknown, message: RegExp): void {
  const before = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  expect(run).toThrow(DecompressError);
  expect(run).toThrow(message);
  expect(performance.now() - started).toBeLessThan(500);
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * MiB);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

describe('decompression limits', () => {
  test('the limit is 64 MiB per batch', () => {
    expect(MAX_DECOMPRESSED_BYTES).toBe(64 * MiB);
  });

  describe('lz4', () => {
    /** An LZ4 frame: magic, FLG, BD (4 MiB blocks), optional content size, header checksum (not checked here), blocks, end mark. */
    function lz4Frame(blocks: Buffer[], contentSize?: bigint): Buffer {
      const size = Buffer.alloc(contentSize === undefined ? 0 : 8);
      if (contentSize !== undefined) size.writeBigUInt64LE(contentSize);
      const flg = 0x40 | 0x20 | (contentSize === undefined ? 0 : 0x08);
      return Buffer.concat([u32le(0x184d2204), Buffer.from([flg, 0x70]), size, Buffer.from([0]), ...blocks, u32le(0)]);
    }
    const raw = (data: Buffer) => Buffer.concat([u32le((0x80000000 | data.length) >>> 0), data]);

    test('a frame whose header declares 256 MiB of content is refused before anything is allocated', () => {
      refusedQuickly(() => lz4Decompress(lz4Frame([raw(Buffer.from('tiny'))], 256n * BigInt(MiB))), /lz4 frame declares 256 MiB.*above the 64 MiB limit/);
      refusedQuickly(() => lz4Decompress(lz4Frame([raw(Buffer.from('tiny'))], 1n << 40n)), /above the 64 MiB limit/);
    });

    test('blocks that would expand past the limit (17 x 4 MiB from 70 KB) are refused before decoding', () => {
      const c = lz4Compress(Buffer.alloc(4 * MiB));
      const block = c.subarray(7, c.length - 4); // one compressed block of the frame lz4js wrote
      const bomb = lz4Frame(Array(17).fill(block));
      expect(bomb.length).toBeLessThan(400_000);
      refusedQuickly(() => lz4Decompress(bomb), /lz4 blocks hold up to 68 MiB.*above the 64 MiB limit/);
      expect(lz4Decompress(lz4Frame(Array(3).fill(block))).equals(Buffer.alloc(12 * MiB))).toBe(true);
    });

    test('a declared content size is honoured when it fits, and a frame with more data than declared is corrupt', () => {
      expect(lz4Decompress(lz4Frame([raw(Buffer.from('hello'))], 5n)).toString()).toBe('hello');
      expect(() => lz4Decompress(lz4Frame([raw(Buffer.from('hello'))], 3n))).toThrow(/corrupt lz4/);
      expect(() => lz4Decompress(Buffer.concat([lz4Frame([raw(Buffer.from('x'))]).subarray(0, 9), u32le(1000)]))).toThrow(/corrupt lz4/);
    });
  });

  describe('zstd', () => {
    /** A zstd frame header: FHD, then a window descriptor unless single-segment, then the content size. */
    function zstdFrame(fhd: number, rest: number[], blocks: Buffer[]): Buffer {
      return Buffer.concat([u32le(0xfd2fb528), Buffer.from([fhd, ...rest]), ...blocks]);
    }
    /** A block header: last flag, type (0 raw, 1 RLE, 2 compressed), size. */
    const blockHeader = (last: boolean, type: number, size: number) => {
      const v = (size << 3) | (type << 1) | (last ? 1 : 0);
      return Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]);
    };
    const rawLast = (data: string) => Buffer.concat([blockHeader(true, 0, data.length), Buffer.from(data)]);

    test('a frame that declares 256 MiB of content (8-byte size field) is refused before anything is allocated', () => {
      const size = Buffer.alloc(8);
      size.writeBigUInt64LE(256n * BigInt(MiB));
      refusedQuickly(() => zstdDecompressBuf(zstdFrame(0xc0, [0x00, ...size], [rawLast('hello')])), /zstd frame declares 256 MiB.*above the 64 MiB limit/);
    });

    test('a streamed frame (no content size) asking for a 1 GiB window is refused', () => {
      refusedQuickly(() => zstdDecompressBuf(zstdFrame(0x00, [20 << 3], [rawLast('hello')])), /zstd frame needs a 1024 MiB window.*above the 64 MiB limit/);
    });

    test('RLE blocks that would expand to 75 MiB from 2 KB are refused before decoding', () => {
      const rle = Buffer.concat([blockHeader(false, 1, 128 * 1024), Buffer.from([0x61])]);
      const bomb = zstdFrame(0x00, [10 << 3], [...Array(600).fill(rle), rawLast('end')]);
      expect(bomb.length).toBeLessThan(3000);
      refusedQuickly(() => zstdDecompressBuf(bomb), /zstd blocks hold up to 75 MiB.*above the 64 MiB limit/);
      const ok = zstdDecompressBuf(zstdFrame(0x00, [10 << 3], [...Array(8).fill(rle), rawLast('end')]));
      expect(ok.length).toBe(8 * 128 * 1024 + 3);
    });

    test('a truncated frame is corrupt', () => {
      expect(() => zstdDecompressBuf(zstdFrame(0x00, [10 << 3], [blockHeader(true, 0, 100), Buffer.from('short')]))).toThrow(/corrupt zstd/);
    });
  });

  describe('snappy', () => {
    test('raw snappy declaring 256 MiB is refused before anything is allocated', () => {
      // Uncompressed length 256 MiB as a varint, then one literal.
      const bomb = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x01, 0x00, 0x61]);
      refusedQuickly(() => snappyDecompress(bomb), /snappy data declares 256 MiB.*above the 64 MiB limit/);
    });

    test('xerial blocks adding up past the limit (65 x 1 MiB) are refused before decoding', () => {
      const one = Buffer.from(snappy.compress(Buffer.alloc(MiB)));
      const len = Buffer.alloc(4);
      len.writeInt32BE(one.length);
      const header = snappyCompress(Buffer.alloc(0)).subarray(0, 16);
      const bomb = Buffer.concat([header, ...Array(65).fill(Buffer.concat([len, one]))]);
      refusedQuickly(() => snappyDecompress(bomb), /snappy blocks declare 65 MiB.*above the 64 MiB limit/);
    });
  });

  describe('gzip', () => {
    test('data that expands past the limit (80 MiB of zeros from 80 KB) is refused', async () => {
      const member = zlib.gzipSync(Buffer.alloc(16 * MiB));
      const bomb = Buffer.concat(Array(5).fill(member));
      expect(bomb.length).toBeLessThan(200_000);
      await expect(gzipDecompress(bomb)).rejects.toThrow(/gzip data expands beyond the 64 MiB limit/);
      expect((await gzipDecompress(member)).length).toBe(16 * MiB);
      await expect(gzipDecompress(Buffer.from('not gzip at all'))).rejects.toThrow(/corrupt gzip/);
    });
  });

  test('decompress() picks the codec from the batch attribute and refuses unknown ones', async () => {
    const s = Buffer.from('one payload for every codec');
    expect((await decompress(1, zlib.gzipSync(s))).equals(s)).toBe(true);
    expect((await decompress(2, snappyCompress(s))).equals(s)).toBe(true);
    expect((await decompress(3, lz4Compress(s))).equals(s)).toBe(true);
    expect((await decompress(4, await zstdCompressBuf(s))).equals(s)).toBe(true);
    await expect(decompress(6, s)).rejects.toThrow(/unknown compression codec 6/);
  });
});
