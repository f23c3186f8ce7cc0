/**
 * Preferred leader election on the 3-broker cluster: after a broker restarts, the partitions
 * it should lead are led by others; the preview lists exactly those, the election moves them
 * back (kafka-topics --describe agrees), and a second election reports them not needed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait';
import { testKind } from '../support/kind';
import { disconnectAll } from '@/lib/kafka/registry';

const topic = uniqueName('elect');

/** Partition → { leader, replicas, isr } from `kafka-topics --describe`. */
async function cliPartitions(name = topic): Promise<Map<number, { leader: number; replicas: number[]; isr: number[] }>> {
  const out = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', name]);
  const m = new Map<number, { leader: number; replicas: number[]; isr: number[] }>();
  for (const line of out.split('\n')) {
    const r = /Partition: (\d+)\s+Leader: (-?\d+|none)\s+Replicas: ([\d,]+)\s+Isr: ([\d,]*)/.exec(line);
    if (r)
      m.set(Number(r[1]), { leader: r[2] === 'none' ? -1 : Number(r[2]), replicas: r[3].split(',').map(Number), isr: r[4] ? r[4].split(',').map(Number) : [] });
  }
  return m;
}

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '6', '--replication-factor', '3']);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

describe('preferred leader election', () => {
  test('after a broker restart: preview lists the partitions it should lead, the election moves them back, then nothing is needed', async () => {
    const before = await cliPartitions();
    const victim = before.get(0)?.replicas[0] as number;
    const itsPartitions = [...before].filter(([, p]) => p.replicas[0] === victim).map(([n]) => n);
    expect(itsPartitions.length).toBeGreaterThan(0);
    await testKafka.stopNode(victim);
    try {
      await waitFor(cliPartitions, (m) => itsPartitions.every((n) => m.get(n)?.leader !== victim));
      // Its preferred replica is down: electing only those partitions is refused, and says why.
      const refused = await api.post('/api/clusters/local/leader-election', {
        scope: { type: 'partitions', partitions: [{ topic, partition: itsPartitions[0] }] },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain(`Preferred replica ${victim} is not in sync`);
    } finally {
      await testKafka.startNode(victim);
    }
    // Back in sync, but not leading.
    const restarted = await waitFor(cliPartitions, (m) => itsPartitions.every((n) => m.get(n)?.isr.includes(victim)));
    expect(itsPartitions.every((n) => restarted.get(n)?.leader !== victim)).toBe(true);

    const scope = { type: 'topic', topic };
    const preview = await api.post('/api/clusters/local/leader-election/preview', { scope });
    expect(preview.status).toBe(200);
    expect(preview.body.changes.map((c: { partition: number }) => c.partition).sort()).toEqual(itsPartitions.sort());
    expect(preview.body.changes.every((c: { eligible: boolean; preferred: number }) => c.eligible && c.preferred === victim)).toBe(true);
    expect(preview.body.alreadyPreferred).toBe(6 - itsPartitions.length);
    expect(preview.body.command).toMatch(new RegExp(`kafka-leader-election --bootstrap-server \\S+ --election-type PREFERRED --topic ${topic}$`));

    const elected = await api.post('/api/clusters/local/leader-election', { scope });
    expect(elected.status).toBe(200);
    const byOutcome = (o: string) => elected.body.results.filter((r: { outcome: string }) => r.outcome === o).map((r: { partition: number }) => r.partition);
    expect(byOutcome('elected').sort()).toEqual(itsPartitions.sort());
    expect(byOutcome('failed')).toEqual([]);
    const after = await waitFor(cliPartitions, (m) => [...m.values()].every((p) => p.leader === p.replicas[0]));
    expect([...after.values()].every((p) => p.leader === p.replicas[0])).toBe(true);

    const again = await api.post('/api/clusters/local/leader-election', { scope });
    expect(again.body.results.every((r: { outcome: string }) => r.outcome === 'notNeeded')).toBe(true);
    expect((await api.post('/api/clusters/local/leader-election/preview', { scope })).body.changes).toEqual([]);
  }, 180_000);

  test('bad scopes: a missing topic or partition is a 404 and elects nothing; an operator may elect, a viewer may not', async () => {
    expect((await api.post('/api/clusters/local/leader-election', { scope: { type: 'topic', topic: uniqueName('nope') } })).status).toBe(404);
    const missing = await api.post('/api/clusters/local/leader-election', { scope: { type: 'partitions', partitions: [{ topic, partition: 99 }] } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(`${topic}:99`);
    expect((await api.post('/api/clusters/local/leader-election', { scope: { type: 'partitions', partitions: [] } })).status).toBe(422);
    expect((await api.as('viewer').post('/api/clusters/local/leader-election', { scope: { type: 'topic', topic } })).status).toBe(403);
    const op = await api.as('operator').post('/api/clusters/local/leader-election', { scope: { type: 'partitions', partitions: [{ topic, partition: 0 }] } });
    expect(op.status).toBe(200);
    expect(op.body.results).toEqual([{ topic, partition: 0, outcome: 'notNeeded', error: null }]);
  });

  test('unclean election: refused on a partition that has a leader, without the typed confirmation, and below admin; nothing changes', async () => {
    const before = await cliPartitions();
    const body = { topic, partition: 0, confirm: `${topic}-0` };
    const led = await api.post('/api/clusters/local/leader-election/unclean', body);
    expect(led.status).toBe(409);
    expect(led.body.error.message).toContain('has a leader');
    const unconfirmed = await api.post('/api/clusters/local/leader-election/unclean', { topic, partition: 0 });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error.field).toBe('confirm');
    expect((await api.post('/api/clusters/local/leader-election/unclean', { ...body, partition: 99, confirm: `${topic}-99` })).status).toBe(404);
    expect((await api.as('operator').post('/api/clusters/local/leader-election/unclean', body)).status).toBe(403);
    expect(await cliPartitions()).toEqual(before);
  });

  // Two brokers down at once: on ZooKeeper-era clusters the controller is elected through ZooKeeper,
  // so the cluster keeps working; the KRaft test cluster's nodes are also its controller quorum.
  test.runIf(testKind.mode === 'zookeeper')(
    'unclean election of a partition whose in-sync replica is gone: the out-of-sync one leads, and what it lacked is lost, as the preview said',
    async () => {
      const [a, b] = testKafka.nodes.map((n) => n.id);
      const t = uniqueName('unclean');
      await testKafka.toolOk('kafka-topics', ['--create', '--topic', t, '--replica-assignment', `${a}:${b}`, '--config', 'min.insync.replicas=1']);
      const produce = (n: number, from: number) =>
        testKafka.toolOk(
          'kafka-console-producer',
          ['--topic', t, '--producer-property', 'acks=1'],
          `${Array.from({ length: n }, (_, i) => `r${from + i}`).join('\n')}\n`,
        );
      try {
        await produce(10, 0);
        await testKafka.stopNode(b);
        await waitFor(
          () => cliPartitions(t),
          (m) => m.get(0)?.isr.join() === String(a),
        );
        await produce(5, 10);
        await testKafka.stopNode(a);
        await testKafka.startNode(b);
        const offline = await waitFor(
          () => cliPartitions(t),
          (m) => m.get(0)?.leader === -1,
        );
        expect(offline.get(0)).toMatchObject({ leader: -1, isr: [a] });

        // Broker b is back but was not in sync: it is the only candidate.
        const ready = await waitFor(
          () => api.post('/api/clusters/local/leader-election/preview', { scope: { type: 'topic', topic: t } }),
          (r) => r.body.leaderless?.[0]?.candidates?.length === 1,
        );
        expect(ready.status).toBe(200);
        expect(ready.body.leaderless[0]).toMatchObject({ topic: t, partition: 0, candidates: [b] });
        expect(ready.body.leaderless[0].risk).toContain('lost');

        const elected = await api.post('/api/clusters/local/leader-election/unclean', { topic: t, partition: 0, confirm: `${t}-0` });
        expect(elected.status, JSON.stringify(elected.body)).toBe(200);
        expect(elected.body.results[0]).toMatchObject({ outcome: 'elected', leader: b });
        expect(elected.body.command).toBe(
          `kafka-leader-election --bootstrap-server ${testKafka.bootstrap.split(',')[0]} --election-type UNCLEAN --topic ${t} --partition 0`,
        );
        expect((await cliPartitions(t)).get(0)?.leader).toBe(b);
        // The five records only broker a had are gone.
        const offsets = await testKafka.toolOk('kafka-get-offsets', ['--topic', t, '--time', 'latest']);
        expect(offsets.trim()).toBe(`${t}:0:10`);
      } finally {
        await testKafka.startNode(a).catch(() => undefined);
        await testKafka.startNode(b).catch(() => undefined);
        await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
      }
    },
    180_000,
  );
});
