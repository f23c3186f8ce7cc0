/**
 * Share groups (KIP-932) with a real share consumer (kafka-console-share-consumer): the groups
 * list shows their type, the group page their members, assignments, start offsets and lag, as
 * kafka-share-groups --describe shows them; offset resets meant for consumer groups are refused.
 * Then the start offsets: a reset previewed as kafka-share-groups --reset-offsets --dry-run plans
 * it, executed (AlterShareGroupOffsets) and undone from the audit trail, a topic's share state
 * deleted (DeleteShareGroupOffsets) and undone, each checked with kafka-share-groups --describe.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { startTool, testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';
import type { GroupDetail, GroupsPage, ResetOutcome, ResetPreview } from '@/lib/schemas/groups';
import type { AuditPage } from '@/lib/schemas/audit';

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
      expect(reset.body.error.message).toMatch(/share group.*share-offsets/);

      // The start offsets can be previewed while the consumer runs, but Kafka changes them only in an empty group.
      const preview = await api.post<ResetPreview>(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
        scope: { type: 'topic', topic },
        strategy: { type: 'earliest' },
      });
      expect(preview.status).toBe(200);
      expect(preview.body.activeMembers.map((m) => m.memberId)).toEqual([g.members[0].memberId]);
      const busy = await api.post(`/api/clusters/local/groups/${group}/share-offsets`, { offsets: [{ topic, partition: 0, offset: 0 }] });
      expect(busy.status).toBe(409);
      expect(busy.body.error.message).toMatch(/Share group .* has 1 active member: .*stop its share consumers first/);
      const busyDelete = await api.delete(`/api/clusters/local/groups/${group}/share-offsets/${topic}`, { confirm: topic });
      expect(busyDelete.status).toBe(409);
      expect((await cliOffsets()).map((r) => r.start)).toEqual(both.cli.map((r) => r.start));
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

  /** START-OFFSET per partition as kafka-share-groups --describe --offsets shows it (null: "-", no state). */
  const cliStarts = async () => {
    const rows = table(await testKafka.toolOk('kafka-share-groups', ['--describe', '--offsets', '--group', group])).filter((r) => r.TOPIC === topic);
    // A partition without a row and one shown "-" both have no start offset.
    return Object.fromEntries(
      [0, 1].map((p) => {
        const start = rows.find((r) => Number(r.PARTITION) === p)?.['START-OFFSET'];
        return [p, start === undefined || start === '-' ? null : start];
      }),
    ) as Record<number, string | null>;
  };
  /** What kafka-share-groups --reset-offsets --dry-run plans, per partition. */
  const cliPlan = async (...spec: string[]) =>
    Object.fromEntries(
      table(await testKafka.toolOk('kafka-share-groups', ['--reset-offsets', '--dry-run', '--group', group, '--topic', topic, ...spec])).map((r) => [
        Number(r.PARTITION),
        r['NEW-OFFSET'],
      ]),
    ) as Record<number, string>;
  /** The newest successful audit entry of an action on this group (refusals are recorded too). */
  const auditOf = async (action: string) => {
    const res = await api.get<AuditPage>(`/api/audit?${new URLSearchParams({ action, limit: '50' })}`);
    expect(res.status).toBe(200);
    const e = res.body.entries.find((x) => x.result.ok && x.params?.group === group);
    expect(e, `no ${action} entry for ${group}`).toBeDefined();
    return e!;
  };
  const logEnds = async () => {
    const out = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic, '--time', '-1']);
    return [0, 1].map((p) => new RegExp(`^${topic}:${p}:(\\d+)$`, 'm').exec(out)![1]);
  };

  test("start offsets of the empty group: preview as kafka-share-groups plans it, execute, undo; delete a topic's state and undo", async () => {
    const ends = await logEnds();
    const before = await cliStarts();
    expect(Object.values(before).some((v) => v !== null)).toBe(true);

    // Earliest and latest: the same offsets the tool's dry run plans, and its command.
    for (const [strategy, flag] of [
      ['earliest', '--to-earliest'],
      ['latest', '--to-latest'],
    ] as const) {
      const p = await api.post<ResetPreview>(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
        scope: { type: 'topic', topic },
        strategy: { type: strategy },
      });
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      expect(p.body.activeMembers).toEqual([]);
      expect(p.body.cli).toBe(
        `kafka-share-groups --bootstrap-server ${testKafka.bootstrap} --group ${group} --reset-offsets ${flag} --topic ${topic} --execute`,
      );
      const plan = await cliPlan(flag);
      expect(Object.fromEntries(p.body.partitions.map((r) => [r.partition, r.newOffset]))).toEqual(plan);
      expect(p.body.partitions.map((r) => r.current)).toEqual([before[0], before[1]]);
    }
    // A time after every record: the log end, as the tool's --to-datetime plans it.
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const t = await api.post<ResetPreview>(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
      scope: { type: 'topic', topic },
      strategy: { type: 'timestamp', timestamp: future },
    });
    expect(t.status).toBe(200);
    expect(t.body.partitions.map((r) => r.newOffset)).toEqual(ends);
    expect(t.body.cli).toContain(`--to-datetime ${future.replace('Z', '+00:00')}`);

    // Execute the earliest reset: kafka-share-groups shows start offset 0 and the whole log as lag.
    const all = await api.post<ResetPreview>(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
      scope: { type: 'group' },
      strategy: { type: 'earliest' },
    });
    expect(all.status).toBe(200);
    expect(all.body.cli).toContain('--all-topics');
    // The whole group: the share-partitions that have state.
    expect(all.body.partitions.map((r) => r.partition)).toEqual([0, 1].filter((x) => before[x] !== null));
    const p = await api.post<ResetPreview>(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
      scope: { type: 'topic', topic },
      strategy: { type: 'earliest' },
    });
    const exec = await api.post<ResetOutcome>(`/api/clusters/local/groups/${group}/share-offsets`, {
      offsets: p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset })),
    });
    expect(exec.status, JSON.stringify(exec.body)).toBe(200);
    expect(exec.body.committed.map((r) => r.offset)).toEqual(['0', '0']);
    expect(exec.body.previous.map((r) => r.offset)).toEqual([before[0], before[1]]);
    expect(await cliStarts()).toEqual({ 0: '0', 1: '0' });
    const detail = await api.get<GroupDetail>(`/api/clusters/local/groups/${group}`);
    expect(detail.body.partitions.map((x) => x.committed)).toEqual(['0', '0']);
    expect(detail.body.totalLag).toBe(Number(ends[0]) + Number(ends[1]));

    // Undo from the audit trail: the previous start offsets, as the tool shows them.
    const entry = await auditOf('executeShareResetOffsets');
    expect(entry.undo).toMatchObject({ possible: true, plan: { kind: 'offsets', share: true, group } });
    // The tool cannot set a given start offset: the lines say what is sent; a partition without state before clears the topic first.
    const undoCli = entry.undo.plan!.cli;
    expect(undoCli.filter((l) => l.startsWith('# kafka-share-groups has no --to-offset'))).toHaveLength(Object.values(before).filter((v) => v !== null).length);
    expect(undoCli.includes(`kafka-share-groups --bootstrap-server ${testKafka.bootstrap} --group ${group} --delete-offsets --topic ${topic}`)).toBe(
      Object.values(before).includes(null),
    );
    const undone = await api.post(`/api/audit/${entry.id}/undo`, { confirm: entry.id });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await cliStarts()).toEqual(before);

    // Deleting the topic's share state needs the typed topic name.
    const unconfirmed = await api.delete(`/api/clusters/local/groups/${group}/share-offsets/${topic}`, { confirm: 'nope' });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error.field).toBe('confirm');
    const del = await api.delete<{ deleted: unknown[]; previous: { offset: string | null }[]; cli: string }>(
      `/api/clusters/local/groups/${group}/share-offsets/${topic}`,
      { confirm: topic },
    );
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(del.body.cli).toBe(`kafka-share-groups --bootstrap-server ${testKafka.bootstrap} --group ${group} --delete-offsets --topic ${topic}`);
    expect(del.body.previous.map((r) => r.offset)).toEqual([before[0], before[1]].filter((v) => v !== null));
    const gone = await cliStarts();
    expect(gone).toEqual({ 0: null, 1: null });
    expect((await api.delete(`/api/clusters/local/groups/${group}/share-offsets/${topic}`, { confirm: topic })).status).toBe(404);
    // And undone: the start offsets set again.
    const delEntry = await auditOf('deleteShareTopicOffsets');
    expect(delEntry.undo).toMatchObject({ possible: true, plan: { share: true } });
    const restored = await api.post(`/api/audit/${delEntry.id}/undo`, { confirm: delEntry.id });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(await cliStarts()).toEqual(before);
  }, 120_000);

  test('bad input: unknown group 404, a consumer group or a shift 422, an offset outside the log 422, a partial removal 422', async () => {
    const unknown = await api.post(`/api/clusters/local/groups/${uniqueName('nope')}/share-offsets/preview`, {
      scope: { type: 'group' },
      strategy: { type: 'earliest' },
    });
    expect(unknown.status).toBe(404);
    const classic = uniqueName('share-not');
    await testKafka.toolOk('kafka-consumer-groups', ['--group', classic, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
    try {
      const wrong = await api.post(`/api/clusters/local/groups/${classic}/share-offsets`, { offsets: [{ topic, partition: 0, offset: 0 }] });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.message).toMatch(/not a share group.*reset-offsets/);
    } finally {
      await testKafka.tool('kafka-consumer-groups', ['--delete', '--group', classic]);
    }
    const shift = await api.post(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
      scope: { type: 'topic', topic },
      strategy: { type: 'shift', by: -1 },
    });
    expect(shift.status).toBe(422);
    expect(shift.body.error).toMatchObject({ field: 'strategy.type', message: expect.stringMatching(/consumer groups/) });
    const ends = await logEnds();
    const past = await api.post(`/api/clusters/local/groups/${group}/share-offsets`, { offsets: [{ topic, partition: 0, offset: Number(ends[0]) + 5 }] });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('offsets.0.offset');
    // Both partitions with state: removing partition 0's alone cannot be done (Kafka removes a topic's state whole).
    const set = await api.post(`/api/clusters/local/groups/${group}/share-offsets`, {
      offsets: [
        { topic, partition: 0, offset: 0 },
        { topic, partition: 1, offset: 0 },
      ],
    });
    expect(set.status).toBe(200);
    const partial = await api.post(`/api/clusters/local/groups/${group}/share-offsets`, { offsets: [{ topic, partition: 0, offset: null }] });
    expect(partial.status).toBe(422);
    expect(partial.body.error.message).toMatch(/whole topic only/);
    expect(await cliStarts()).toEqual({ 0: '0', 1: '0' });
    const noTopic = await api.post(`/api/clusters/local/groups/${group}/share-offsets/preview`, {
      scope: { type: 'topic', topic: uniqueName('missing') },
      strategy: { type: 'earliest' },
    });
    expect(noTopic.status).toBe(404);
  });
});
