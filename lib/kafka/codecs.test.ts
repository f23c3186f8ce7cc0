import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as snappy from 'snappyjs';
import { lz4Compress, lz4Decompress, snappyCompress, snappyDecompress, zstdCompressBuf, zstdDecompressBuf } from './codecs';

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
