import { describe, expect, test } from 'vitest';
import { Reader, Writer } from './codec';
import { ElectLeadersApi } from './generated/elect-leaders';

/**
 * The writer grows its buffer as it goes (256 bytes at first). Each kind of write must land in
 * the grown buffer when it is the one that crosses the boundary: a write that named the buffer
 * before reserving room wrote into the old one (RangeError: offset out of range).
 */
describe('Writer growth', () => {
  const writes: [string, (w: Writer, i: number) => void, (r: Reader, i: number) => void][] = [
    ['int8', (w, i) => w.int8(i % 100), (r, i) => expect(r.int8()).toBe(i % 100)],
    ['int16', (w, i) => w.int16(i), (r, i) => expect(r.int16()).toBe(i)],
    ['int32', (w, i) => w.int32(i * 1000), (r, i) => expect(r.int32()).toBe(i * 1000)],
    ['int64', (w, i) => w.int64(BigInt(i) * 10_000_000_000n), (r, i) => expect(r.int64()).toBe(BigInt(i) * 10_000_000_000n)],
    ['uvarint', (w, i) => w.uvarint(i * 300), (r, i) => expect(r.uvarint()).toBe(i * 300)],
    ['string', (w, i) => w.string(`topic-${i}`, false), (r, i) => expect(r.string(false)).toBe(`topic-${i}`)],
    ['compact string', (w, i) => w.string(`topic-${i}`, true), (r, i) => expect(r.string(true)).toBe(`topic-${i}`)],
  ];
  for (const [name, write, read] of writes) {
    test(`${name}: 1,000 writes across every growth read back the same`, () => {
      const w = new Writer();
      for (let i = 0; i < 1000; i++) write(w, i);
      const r = new Reader(w.finish());
      for (let i = 0; i < 1000; i++) read(r, i);
    });
  }

  test('a request larger than the first buffer encodes and decodes (ElectLeaders over 500 topics)', () => {
    const request = {
      electionType: 0,
      topicPartitions: Array.from({ length: 500 }, (_, i) => ({ topic: `a-fairly-long-topic-name-${i}`, partitions: [0, 1, 2, 3, 4, 5] })),
      timeoutMs: 30_000,
    };
    const w = new Writer();
    ElectLeadersApi.encodeRequest(w, 2, request);
    const decoded = ElectLeadersApi.decodeRequest(new Reader(w.finish()), 2);
    expect(decoded.topicPartitions).toEqual(request.topicPartitions);
    expect(decoded.timeoutMs).toBe(30_000);
  });
});
