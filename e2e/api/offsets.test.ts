import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testKafka, uniqueName } from '../support/kafka';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import { listOffsets, offsetRanges, tpKey } from '@/lib/kafka/offsets';

const topic = uniqueName('offsets');

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '2']);
  const lines = Array.from({ length: 30 }, (_, i) => `k${i % 7}:v${i}`).join('\n');
  // acks=all (the default only from 3.0): the high watermark the console reads has moved when it returns.
  await testKafka.toolOk(
    'kafka-console-producer',
    ['--topic', topic, '--producer-property', 'acks=all', '--property', 'parse.key=true', '--property', 'key.separator=:'],
    `${lines}\n`,
  );
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

async function cliOffsets(time: string): Promise<Map<number, string>> {
  const out = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic, '--time', time]);
  return new Map([...out.matchAll(/^[^:\s]+:(\d+):(\d+)$/gm)].map((m) => [Number(m[1]), m[2]]));
}

describe('batched ListOffsets', () => {
  test('earliest and latest agree with kafka-get-offsets', async () => {
    const c = await clients('local');
    const ranges = await offsetRanges(c, [topic]);
    const latest = await cliOffsets('-1');
    const earliest = await cliOffsets('-2');
    expect(latest.size).toBe(3);
    let sum = 0;
    for (let p = 0; p < 3; p++) {
      const r = ranges.get(tpKey(topic, p));
      expect(r).toEqual({ start: earliest.get(p), end: latest.get(p), error: undefined });
      sum += Number(r!.end) - Number(r!.start);
    }
    expect(sum).toBe(30);
  });

  test('a timestamp in the future finds no offset; one in the past finds the first record', async () => {
    const c = await clients('local');
    const tps = [0, 1, 2].map((partition) => ({ topic, partition }));
    const future = await listOffsets(c, tps, { timestamp: Date.now() + 3_600_000 });
    const past = await listOffsets(c, tps, { timestamp: 0 });
    const earliest = await cliOffsets('-2');
    for (let p = 0; p < 3; p++) {
      expect(future.get(tpKey(topic, p))?.offset).toBe('-1');
      expect(past.get(tpKey(topic, p))?.offset).toBe(earliest.get(p));
    }
  });
});
