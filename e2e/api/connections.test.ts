import { afterAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { disconnectAll } from '@/lib/kafka/registry';

const created: string[] = [];

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});

describe('the first requests after start', () => {
  test('many at once all reach Kafka (one connection attempt, shared)', async () => {
    for (let round = 0; round < 3; round++) {
      await disconnectAll();
      const urls = ['/api/clusters/local/topics', '/api/clusters/local/groups', '/api/clusters/local/brokers/1/configs', '/api/clusters/local/overview'];
      const results = await Promise.all(urls.flatMap((u) => [api.get(u), api.get(u)]));
      expect(results.map((r) => `${r.status} ${r.status === 200 ? '' : JSON.stringify(r.body)}`)).toEqual(results.map(() => '200 '));
    }
  });
});

describe('POST /api/clusters/{cluster}/topics/{topic}/messages', () => {
  test('still produces after a topic it produced to was deleted', async () => {
    const first = uniqueName('produce-deleted');
    const second = uniqueName('produce-after');
    created.push(first, second);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', first, '--partitions', '1', '--replication-factor', '1']);
    expect((await api.post(`/api/clusters/local/topics/${first}/messages`, { value: 'a' })).status).toBe(200);
    await testKafka.toolOk('kafka-topics', ['--delete', '--topic', first]);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', second, '--partitions', '1', '--replication-factor', '1']);
    const res = await api.post(`/api/clusters/local/topics/${second}/messages`, { value: 'b' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ topic: second, partition: 0, offset: '0' });
  });
});
