/**
 * Share groups (KIP-932) with a real share consumer (kafka-console-share-consumer): the groups
 * list shows their type, the group page their members, assignments, start offsets and lag, as
 * kafka-share-groups --describe shows them; offset resets meant for consumer groups are refused.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { startTool, testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';
import type { GroupDetail, GroupsPage } from '@/lib/schemas/groups';

const topic = uniqueName('share');
const group = uniqueName('share-group');

/** Rows of a kafka-share-groups --describe table, by its header. */
function table(out: string): Record<string, string>[] {
  const lines = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = lines.findIndex((l) => l.startsWith('GROUP'));
  if (at < 0) return [];
  const header = lines[at].split(/\s+/);
  return lines.slice(at + 1).map((l) => Object.fromEntries(l.split(/\s+/).map((v, i) => [header[i], v])));
}

const produce = (from: number, n: number) =>
  testKafka.toolOk('kafka-console-producer', ['--topic', topic], `${Array.from({ length: n }, (_, i) => `r${from + i}`).join('\n')}\n`);

describe.runIf(testKind.isDefault)('share groups', () => {
  beforeAll(async () => {
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1']);
  });

  afterAll(async () => {
    await testKafka.tool('kafka-share-groups', ['--delete', '--group', group]);
    await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
    await disconnectAll();
  });

  test('a running share consumer: members, assignment, start offsets and lag as kafka-share-groups describes them; resets are refused', async () => {
    // A share group starts at the log end unless told otherwise; this one reads from the start.
    await testKafka.toolOk('kafka-configs', ['--alter', '--entity-type', 'groups', '--entity-name', group, '--add-config', 'share.auto.offset.reset=earliest']);
    const cliOffsets = async () =>
      table(await testKafka.toolOk('kafka-share-groups', ['--describe', '--group', group]))
        .filter((r) => r.TOPIC === topic)
        .map((r) => ({
          partition: Number(r.PARTITION),
          start: r['START-OFFSET'] === '-' ? null : r['START-OFFSET'],
          lag: r.LAG === '-' ? null : Number(r.LAG),
        }))
        .sort((a, b) => a.partition - b.partition);
    const consumer = startTool('kafka-console-share-consumer', ['--topic', topic, '--group', group]);
    try {
      await produce(0, 20);
      await consumer.waitForOutput(/r19/, 60_000);
      // The consumer acknowledges what it printed; the broker's share-partition state follows.
      // The console and the tool read the same state: poll both until they agree with nothing left to deliver.
      const both = await waitFor(
        async () => {
          const [res, cli] = await Promise.all([api.get<GroupDetail>(`/api/clusters/local/groups/${group}`), cliOffsets()]);
          return { res, cli, ours: res.body.partitions?.map((p) => ({ partition: p.partition, start: p.committed, lag: p.lag })) };
        },
        ({ res, cli, ours }) =>
          res.status === 200 &&
          res.body.members.length === 1 &&
          cli.length === 2 &&
          cli.some((r) => r.start !== null) &&
          cli.every((r) => r.lag === null || r.lag === 0) &&
          JSON.stringify(ours) === JSON.stringify(cli),
      );
      expect(both.ours).toEqual(both.cli);
      const g = both.res.body;
      expect(g.type).toBe('share');
      expect(g.state).toBe('Stable');
      expect(g.totalLag).toBe(0);
      const members = table(await testKafka.toolOk('kafka-share-groups', ['--describe', '--group', group, '--members']));
      expect(members).toHaveLength(1);
      expect(g.members[0].memberId).toBe(members[0]['CONSUMER-ID']);
      expect(g.members[0].clientId).toBe(members[0]['CLIENT-ID']);
      expect(g.members[0].assignment).toEqual([{ topic, partitions: [0, 1] }]);
      expect(g.note).toMatch(/Share group/);

      // The groups list shows the type, the state and the member.
      const list = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${group}`);
      expect(list.body.groups).toMatchObject([{ groupId: group, type: 'share', state: 'Stable', members: 1, topics: [topic], lag: 0 }]);

      // Offset resets and deletes are for committed offsets: refused, nothing changed.
      const reset = await api.post(`/api/clusters/local/groups/${group}/reset-offsets/preview`, { scope: { type: 'group' }, strategy: { type: 'earliest' } });
      expect(reset.status).toBe(422);
      expect(reset.body.error.message).toMatch(/share group/);
    } finally {
      await consumer.stop();
    }
    // With the consumer gone the group is empty, and the console still shows the state the broker keeps.
    await produce(20, 6);
    const after = await waitFor(
      async () => {
        const [res, cli] = await Promise.all([api.get<GroupDetail>(`/api/clusters/local/groups/${group}`), cliOffsets()]);
        return { res, cli, ours: res.body.partitions?.map((p) => ({ partition: p.partition, start: p.committed, lag: p.lag })) };
      },
      ({ res, cli, ours }) => res.status === 200 && res.body.members.length === 0 && JSON.stringify(ours) === JSON.stringify(cli),
    );
    expect(after.res.body.state).toBe('Empty');
    expect(after.ours).toEqual(after.cli);
  }, 120_000);
});
