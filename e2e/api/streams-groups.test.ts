/**
 * Streams groups (KIP-1071) with a real Kafka Streams application (Kafka's WordCount demo with
 * group.protocol=streams, scripts/kafka/streams-app.ts): the groups list shows type and state, the
 * group page its members, tasks, topology, committed offsets and lag, as kafka-streams-groups
 * --describe shows them; offset resets are refused with the kafka-streams-groups command to use.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';
import type { GroupDetail, GroupsPage } from '@/lib/schemas/groups';
import { startWordCount, WORDCOUNT_INPUT, WORDCOUNT_OUTPUT, type StreamsApp } from '../../scripts/kafka/streams-app';

const group = uniqueName('wordcount');
const store = `${group}-KSTREAM-AGGREGATE-STATE-STORE-0000000003`;

/** Rows of a kafka-streams-groups --describe table, by its header (the first column is GROUP). */
function table(out: string): Record<string, string>[] {
  const lines = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = lines.findIndex((l) => l.startsWith('GROUP'));
  if (at < 0) return [];
  // "COORDINATOR (ID)" is one header with a space in it.
  const header = lines[at].replace('COORDINATOR (ID)', 'COORDINATOR').split(/\s+/);
  return lines.slice(at + 1).map((l) => {
    const cells = l.split(/\s+/);
    if (header.includes('COORDINATOR'))
      cells.splice(header.indexOf('COORDINATOR'), 2, `${cells[header.indexOf('COORDINATOR')]} ${cells[header.indexOf('COORDINATOR') + 1]}`);
    if (header[header.length - 1] === 'ASSIGNMENTS') cells.splice(header.length - 1, cells.length, cells.slice(header.length - 1).join(' '));
    return Object.fromEntries(cells.map((v, i) => [header[i], v]));
  });
}

/** "ACTIVE: 0:[0,1]; 1:[0,1]; TARGET-ACTIVE: ..." → the active tasks. */
function activeTasks(assignments: string): { subtopologyId: string; partitions: number[] }[] {
  const active = /(?:^|\s)ACTIVE:\s*((?:\S+:\[[\d,]*\];\s*)*)/.exec(assignments)?.[1] ?? '';
  return [...active.matchAll(/(\S+):\[([\d,]*)\]/g)].map((m) => ({ subtopologyId: m[1], partitions: m[2] ? m[2].split(',').map(Number) : [] }));
}

describe.runIf(testKind.isDefault)('streams groups', () => {
  let app: StreamsApp | null = null;

  beforeAll(async () => {
    // The demo's topics have fixed names (one app at a time); each file that runs it removes them afterwards.
    for (const t of [WORDCOUNT_INPUT, WORDCOUNT_OUTPUT])
      await testKafka.toolOk('kafka-topics', ['--create', '--if-not-exists', '--topic', t, '--partitions', '2', '--replication-factor', '1']);
    await testKafka.toolOk('kafka-console-producer', ['--topic', WORDCOUNT_INPUT], 'hello streams\nhello groups\nthe streams protocol\n');
  });

  afterAll(async () => {
    await app?.stop();
    await testKafka.tool('kafka-streams-groups', ['--delete', '--group', group]);
    for (const t of [`${store}-repartition`, `${store}-changelog`, WORDCOUNT_INPUT, WORDCOUNT_OUTPUT])
      await testKafka.tool('kafka-topics', ['--delete', '--if-exists', '--topic', t]);
    await disconnectAll();
  });

  test('a running WordCount app: members, tasks, topology, offsets and lag as kafka-streams-groups describes them; resets refused', async () => {
    app = startWordCount(testKafka.bootstrap, group);
    const cliOffsets = async () =>
      table(await testKafka.toolOk('kafka-streams-groups', ['--describe', '--offsets', '--verbose', '--group', group]))
        .map((r) => ({
          topic: r.TOPIC,
          partition: Number(r.PARTITION),
          committed: r['CURRENT-OFFSET'] === '-' ? null : r['CURRENT-OFFSET'],
          logEnd: r['LOG-END-OFFSET'],
        }))
        .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    // Stable, with the input read to its end and the tasks assigned: the console and the tool then agree.
    const seen = await waitFor(
      async () => {
        const [res, cli] = await Promise.all([api.get<GroupDetail>(`/api/clusters/local/groups/${group}`), cliOffsets().catch(() => [])]);
        return {
          res,
          cli,
          ours: (res.body.partitions ?? []).map((p) => ({ topic: p.topic, partition: p.partition, committed: p.committed, logEnd: p.logEnd })),
        };
      },
      ({ res, cli, ours }) =>
        res.status === 200 &&
        res.body.state === 'Stable' &&
        res.body.streams?.members.length === 1 &&
        res.body.streams.members[0].active.length === 2 &&
        res.body.totalLag === 0 &&
        cli.length === 4 &&
        JSON.stringify(ours) === JSON.stringify(cli),
      90_000,
      1_000,
    );
    expect(seen.res.status, `${JSON.stringify(seen.res.body)}\n${app.output().slice(-2000)}`).toBe(200);
    expect(seen.ours).toEqual(seen.cli);
    const g = seen.res.body;
    expect(g).toMatchObject({ type: 'streams', state: 'Stable', membersKnown: true, totalLag: 0 });

    // Members and their tasks, as --members --verbose lists them.
    const members = table(await testKafka.toolOk('kafka-streams-groups', ['--describe', '--members', '--verbose', '--group', group]));
    expect(members).toHaveLength(1);
    const m = g.streams!.members[0];
    expect(m.memberId).toBe(members[0].MEMBER);
    expect(m.processId).toBe(members[0].PROCESS);
    expect(m.clientId).toBe(members[0]['CLIENT-ID']);
    expect(m.memberEpoch).toBe(Number(members[0]['MEMBER-EPOCH']));
    expect(m.topologyEpoch).toBe(Number(members[0]['TOPOLOGY-EPOCH']));
    expect(m.isClassic).toBe(members[0]['MEMBER-PROTOCOL'] !== 'streams');
    expect(m.active).toEqual(activeTasks(members[0].ASSIGNMENTS));
    expect(m.standby).toEqual([]);
    // The member consumes its active tasks' input partitions: the source topic and the repartition topic.
    expect(g.members[0].assignment).toEqual(
      [
        { topic: WORDCOUNT_INPUT, partitions: [0, 1] },
        { topic: `${store}-repartition`, partitions: [0, 1] },
      ].sort((a, b) => a.topic.localeCompare(b.topic)),
    );

    // State and epochs, as --state --verbose shows them.
    const state = table(await testKafka.toolOk('kafka-streams-groups', ['--describe', '--state', '--verbose', '--group', group]))[0];
    expect(g.state).toBe(state.STATE);
    expect(g.streams!.groupEpoch).toBe(Number(state['GROUP-EPOCH']));
    expect(g.streams!.assignmentEpoch).toBe(Number(state['TARGET-ASSIGNMENT-EPOCH']));
    expect(g.members).toHaveLength(Number(state['#MEMBERS']));

    // The topology: reading the input, repartitioning by word, counting into a store with a changelog; those topics exist.
    expect(g.streams!.subtopologies).toEqual([
      {
        subtopologyId: '0',
        sourceTopics: [WORDCOUNT_INPUT],
        repartitionSinkTopics: [`${store}-repartition`],
        stateChangelogTopics: [],
        repartitionSourceTopics: [],
      },
      {
        subtopologyId: '1',
        sourceTopics: [],
        repartitionSinkTopics: [],
        stateChangelogTopics: [{ name: `${store}-changelog`, partitions: expect.any(Number) }],
        repartitionSourceTopics: [{ name: `${store}-repartition`, partitions: expect.any(Number) }],
      },
    ]);
    const topics = (await testKafka.toolOk('kafka-topics', ['--list'])).split('\n');
    expect(topics).toEqual(expect.arrayContaining([`${store}-repartition`, `${store}-changelog`]));

    // The groups list: type, state and the member, as kafka-streams-groups --list --state lists it.
    const list = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${group}`);
    const cliList = table(await testKafka.toolOk('kafka-streams-groups', ['--list', '--state'])).find((r) => r.GROUP === group);
    expect(list.body.groups).toMatchObject([{ groupId: group, type: 'streams', state: cliList?.STATE, members: 1, lag: 0 }]);

    // Resets and deletes of offsets are refused, naming the tool.
    const reset = await api.post(`/api/clusters/local/groups/${group}/reset-offsets/preview`, { scope: { type: 'group' }, strategy: { type: 'earliest' } });
    expect(reset.status).toBe(422);
    expect(reset.body.error.message).toMatch(new RegExp(`streams group .*kafka-streams-groups .*--group ${group} --reset-offsets`));
    const del = await api.delete(`/api/clusters/local/groups/${group}/offsets/${WORDCOUNT_INPUT}`, { confirm: WORDCOUNT_INPUT });
    expect(del.status).toBe(422);

    // More input: the app counts it, and lag goes back to 0 with the committed offsets moving on.
    await testKafka.toolOk('kafka-console-producer', ['--topic', WORDCOUNT_INPUT], 'more words for the count\n');
    const caught = await waitFor(
      async () => {
        const [res, cli] = await Promise.all([api.get<GroupDetail>(`/api/clusters/local/groups/${group}`), cliOffsets()]);
        return { res, cli, ours: res.body.partitions.map((p) => ({ topic: p.topic, partition: p.partition, committed: p.committed, logEnd: p.logEnd })) };
      },
      ({ res, cli, ours }) => res.body.totalLag === 0 && JSON.stringify(ours) === JSON.stringify(cli) && JSON.stringify(cli) !== JSON.stringify(seen.cli),
      60_000,
      1_000,
    );
    expect(caught.ours).toEqual(caught.cli);
    expect(caught.cli).not.toEqual(seen.cli);

    // Stopped, the application leaves the group: Empty, as the tool says.
    await app.stop();
    app = null;
    const empty = await waitFor(
      async () => {
        const [res, cli] = await Promise.all([
          api.get<GroupDetail>(`/api/clusters/local/groups/${group}`),
          testKafka.toolOk('kafka-streams-groups', ['--describe', '--state', '--group', group]).then((o) => table(o)[0]?.STATE),
        ]);
        return { res, cli };
      },
      ({ res, cli }) => res.body.state === 'Empty' && cli === 'Empty',
      60_000,
      1_000,
    );
    expect(empty.res.body.state).toBe(empty.cli);
    expect(empty.res.body.members).toEqual([]);
    expect(empty.res.body.streams?.subtopologies).toHaveLength(2);
  }, 240_000);
});
