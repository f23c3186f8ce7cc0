/**
 * One lag-history sampling round on every Kafka generation (this file is in the compatibility
 * suite): the end offsets, committed offsets and lag it records equal what
 * kafka-consumer-groups --describe of the same release prints, with requests batched per
 * broker (OffsetFetch for many groups at once from Kafka 3.0, one per group before).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { K } from '@/lib/history/keys';
import { sampleRound } from '@/lib/history/sample';
import { clients, disconnectAll } from '@/lib/kafka/registry';

const topic = uniqueName('sampled');
const groups = [uniqueName('sampled-a'), uniqueName('sampled-b'), uniqueName('sampled-c')];

async function cliDescribe(group: string): Promise<{ partition: number; current: number; end: number; lag: number }[]> {
  const out = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[0] === group && f[1] === topic)
    .map((f) => ({ partition: Number(f[2]), current: Number(f[3]), end: Number(f[4]), lag: Number(f[5]) }));
}

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '2']);
  await testKafka.toolOk('kafka-console-producer', ['--topic', topic], `${Array.from({ length: 40 }, (_, i) => `r${i}`).join('\n')}\n`);
  for (const [i, g] of groups.entries()) {
    await testKafka.toolOk('kafka-consumer-groups', ['--group', g, '--topic', topic, '--reset-offsets', '--to-offset', String(3 + i * 4), '--execute']);
  }
}, 120_000);

afterAll(async () => {
  await disconnectAll();
});

describe('a sampling round', () => {
  test('records what kafka-consumer-groups reports, in batched requests', async () => {
    const c = await clients('local');
    const round = await sampleRound(c);
    expect(round.stats.errors).toEqual([]);
    let produced = 0;
    for (const g of groups) {
      const rows = await cliDescribe(g);
      expect(rows).toHaveLength(2);
      let lag = 0;
      for (const r of rows) {
        expect(round.values.get(K.end(topic, r.partition))).toBe(r.end);
        expect(round.values.get(K.committed(g, topic, r.partition))).toBe(r.current);
        lag += r.lag;
      }
      expect(round.values.get(K.groupLag(g))).toBe(lag);
      expect(round.values.get(K.groupTopicLag(g, topic))).toBe(lag);
      expect(round.groups.get(g)?.topics).toEqual([topic]);
      produced = rows.reduce((n, r) => n + r.end, 0);
    }
    expect(produced).toBe(40);
    expect(round.values.get(K.produced(topic))).toBe(40);
    expect(round.values.get(K.bytes(topic))).toBeGreaterThan(0);

    const brokers = testKafka.nodes.length;
    // Metadata once; ListOffsets, DescribeLogDirs and ListGroups at most once per broker; OffsetFetch
    // once per coordinator for all its groups (Kafka 3.0+), or once per group before.
    const perGroup = testKind.atLeast('3.0.0') ? 0 : round.stats.groups;
    expect(round.stats.requests).toBeLessThanOrEqual(1 + 4 * brokers + perGroup);
    expect(round.stats.requests).toBeGreaterThanOrEqual(1 + 2 * brokers);
  }, 60_000);
});
