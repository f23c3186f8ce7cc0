/**
 * Preferred leader election on the 3-broker cluster: after a broker restarts, the partitions
 * it should lead are led by others; the preview lists exactly those, the election moves them
 * back (kafka-topics --describe agrees), and a second election reports them not needed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';

const topic = uniqueName('elect');

/** Partition → { leader, replicas, isr } from `kafka-topics --describe`. */
async function cliPartitions(): Promise<Map<number, { leader: number; replicas: number[]; isr: number[] }>> {
  const out = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', topic]);
  const m = new Map<number, { leader: number; replicas: number[]; isr: number[] }>();
  for (const line of out.split('\n')) {
    const r = /Partition: (\d+)\s+Leader: (-?\d+)\s+Replicas: ([\d,]+)\s+Isr: ([\d,]*)/.exec(line);
    if (r) m.set(Number(r[1]), { leader: Number(r[2]), replicas: r[3].split(',').map(Number), isr: r[4] ? r[4].split(',').map(Number) : [] });
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
});
