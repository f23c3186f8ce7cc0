import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { waitFor } from '../support/wait';
import { startTool, testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import { commitOffsetsAsAdmin } from '@/lib/kafka/groups/reset';
import type { GroupDetail, GroupsPage } from '@/lib/types';
import { toApiError } from '@/lib/kafka/errors';

/** Rows of `kafka-consumer-groups --describe --group G`, keyed "topic:partition". */
async function cliDescribe(group: string): Promise<Map<string, { current: string; end: string; lag: string; consumerId: string }>> {
  const out = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
  const rows = new Map<string, { current: string; end: string; lag: string; consumerId: string }>();
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== group || f.length < 7) continue;
    rows.set(`${f[1]}:${f[2]}`, { current: f[3], end: f[4], lag: f[5], consumerId: f[6] });
  }
  return rows;
}

const topic = uniqueName('groups-lag');
const lagging = uniqueName('grp-lagging');
const counts = [7, 11, 15];

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '2']);
  const producer = await (await clients('local')).producer();
  const base = Date.now() - 600_000;
  await producer.send({
    topic,
    messages: counts.flatMap((n, partition) =>
      Array.from({ length: n }, (_, i) => ({ partition, value: `v${partition}-${i}`, timestamp: String(base + i * 1000) })),
    ),
  });
  // A group that is behind, created with Kafka's own CLI.
  await testKafka.toolOk('kafka-consumer-groups', ['--group', lagging, '--topic', `${topic}:0,1`, '--reset-offsets', '--to-offset', '3', '--execute']);
  await testKafka.toolOk('kafka-consumer-groups', ['--group', lagging, '--topic', `${topic}:2`, '--reset-offsets', '--to-offset', '15', '--execute']);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

describe('GET /api/clusters/{cluster}/groups/{group}', () => {
  test('lag per partition equals kafka-consumer-groups --describe, summed per topic, with time lag', async () => {
    const res = await api.get<GroupDetail>(`/api/clusters/local/groups/${lagging}`);
    expect(res.status).toBe(200);
    const cli = await cliDescribe(lagging);
    expect(cli.size).toBe(3);
    const g = res.body;
    expect(g.state).toBe('Empty');
    expect(g.members).toEqual([]);
    expect(g.partitions.map((p) => `${p.topic}:${p.partition}`).sort()).toEqual([...cli.keys()].sort());
    for (const p of g.partitions) {
      const row = cli.get(`${p.topic}:${p.partition}`)!;
      expect({ committed: p.committed, logEnd: p.logEnd, lag: String(p.lag) }, `${p.topic}-${p.partition}`).toEqual({
        committed: row.current,
        logEnd: row.end,
        lag: row.lag,
      });
    }
    const cliTotal = [...cli.values()].reduce((s, r) => s + Number(r.lag), 0);
    expect(cliTotal).toBe(4 + 8 + 0);
    expect(g.totalLag).toBe(cliTotal);
    expect(g.topics).toEqual([{ topic, lag: cliTotal, partitions: 3, timeLagMs: expect.any(Number) }]);
    // The first unconsumed record of partition 0 is offset 3, written 600 s - 3 s ago.
    const p0 = g.partitions.find((p) => p.partition === 0)!;
    expect(p0.timeLagMs).toBeGreaterThanOrEqual(597_000);
    expect(p0.timeLagMs).toBeLessThan(700_000);
    expect(g.partitions.find((p) => p.partition === 2)!.timeLagMs).toBeNull();
  });

  test('time lag is known on every partition, also where the record sits in a batch larger than one fetch slice', async () => {
    const big = uniqueName('groups-bigbatch');
    const group = uniqueName('grp-bigbatch');
    // All three partitions on one broker, so one fetch asks for them together.
    const leader = testKafka.nodes[0].id;
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', big, '--replica-assignment', `${leader},${leader},${leader}`]);
    try {
      // One send: one batch per partition of about 40 KB, more than the 16 KB the time-lag fetch asks per partition.
      const producer = await (await clients('local')).producer();
      const at = Date.now() - 120_000;
      await producer.send({
        topic: big,
        messages: [0, 1, 2].flatMap((partition) => Array.from({ length: 400 }, (_, i) => ({ partition, value: 'x'.repeat(100), timestamp: String(at + i) }))),
      });
      await testKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', big, '--reset-offsets', '--to-offset', '5', '--execute']);
      const res = await api.get<GroupDetail>(`/api/clusters/local/groups/${group}`);
      expect(res.status).toBe(200);
      expect(res.body.partitions.map((p) => [p.partition, p.lag])).toEqual([
        [0, 395],
        [1, 395],
        [2, 395],
      ]);
      for (const p of res.body.partitions) {
        expect(p.timeLagMs, `partition ${p.partition}`).toBeGreaterThanOrEqual(119_000);
        expect(p.timeLagMs, `partition ${p.partition}`).toBeLessThan(200_000);
      }
    } finally {
      await testKafka.tool('kafka-consumer-groups', ['--delete', '--group', group]);
      await testKafka.tool('kafka-topics', ['--delete', '--topic', big]);
    }
  });

  test('an unknown group is a 404 in the envelope', async () => {
    const res = await api.get(`/api/clusters/local/groups/${uniqueName('nope')}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found', message: expect.stringMatching(/^Consumer group .* does not exist$/) } });
  });
});

describe('GET /api/clusters/{cluster}/groups', () => {
  test('lists the group with state, members, topics and total lag; searches, filters by state and pages', async () => {
    const res = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${lagging}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.groups[0]).toMatchObject({ groupId: lagging, state: 'Empty', type: 'classic', members: 0, topics: [topic], lag: 12 });

    const cliList = await testKafka.toolOk('kafka-consumer-groups', ['--list', '--state']);
    // The console lists every group type; kafka-consumer-groups only consumer groups, kafka-share-groups and kafka-streams-groups (4.x) theirs.
    const shareList = testKind.isDefault ? await testKafka.toolOk('kafka-share-groups', ['--list', '--state']) : '';
    const streamsList = testKind.isDefault ? await testKafka.toolOk('kafka-streams-groups', ['--list', '--state']) : '';
    const cliEmpty = `${cliList}\n${shareList}\n${streamsList}`.split('\n').filter((l) => /\sEmpty\s*$/.test(l)).length;
    const empty = await api.get<GroupsPage>('/api/clusters/local/groups?state=Empty&pageSize=1');
    expect(empty.status).toBe(200);
    expect(empty.body.total).toBe(cliEmpty);
    expect(empty.body.groups).toHaveLength(1);
    expect(empty.body.states.Empty).toBe(cliEmpty);

    const none = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${lagging}&state=Stable`);
    expect(none.body.total).toBe(0);
  });

  test('an unreachable cluster is a 503 that names the address, an unknown one a 404', async () => {
    const res = await api.get<{ error: { code: string; message: string } }>('/api/clusters/offline/groups');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/127\.0\.0\.1:\d+.*connection refused/);
    expect((await api.get('/api/clusters/nope/groups')).status).toBe(404);
  });

  test('bad paging parameters are a 400', async () => {
    const res = await api.get('/api/clusters/local/groups?pageSize=5000');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pageSize' } });
  });
});

describe('groups with active members', () => {
  test('classic and KIP-848 members are shown like the CLI shows them, and Kafka refuses resets while they run', async () => {
    const classic = uniqueName('grp-classic');
    const modern = uniqueName('grp-848');
    // KIP-848 consumer groups exist from Kafka 4.0 (KRaft only).
    const withModern = testKind.kraft && testKind.atLeast('4.0');
    const consumers = [
      startTool('kafka-console-consumer', ['--topic', topic, '--group', classic, '--from-beginning', '--consumer-property', 'client.id=classic-client']),
      ...(withModern
        ? [
            startTool('kafka-console-consumer', [
              '--topic',
              topic,
              '--group',
              modern,
              '--from-beginning',
              '--consumer-property',
              'group.protocol=consumer',
              '--consumer-property',
              'client.id=modern-client',
            ]),
          ]
        : []),
    ];
    try {
      for (const g of withModern ? [classic, modern] : [classic]) {
        const detail = await waitFor(
          () => api.get<GroupDetail>(`/api/clusters/local/groups/${g}`),
          (r) =>
            r.status === 200 &&
            r.body.state === 'Stable' &&
            r.body.members.length === 1 &&
            r.body.partitions.length === 3 &&
            r.body.partitions.every((p) => p.owner !== null && p.committed !== null),
        );
        expect(detail.status).toBe(200);
        const d = detail.body;
        expect(d.type).toBe(g === classic ? 'classic' : 'consumer');
        expect(d.membersKnown).toBe(true);
        expect(d.members[0].clientId).toBe(g === classic ? 'classic-client' : 'modern-client');
        expect(d.members[0].assignment).toEqual([{ topic, partitions: [0, 1, 2] }]);
        const members = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--members', '--group', g]);
        expect(members).toContain(d.members[0].memberId);
        expect(d.partitions.every((p) => p.owner?.memberId === d.members[0].memberId)).toBe(true);

        const list = await api.get<GroupsPage>(`/api/clusters/local/groups?search=${g}`);
        expect(list.body.groups[0]).toMatchObject({ groupId: g, state: 'Stable', members: 1, type: d.type });
        // State, assignor and member count as kafka-consumer-groups --describe --state shows them (KIP-848: the broker's assignor).
        const stateOut = (await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--state', '--group', g])).split('\n');
        const header = stateOut.findIndex((l) => l.startsWith('GROUP'));
        const cols = stateOut[header].replace('COORDINATOR (ID)', 'COORDINATOR').trim().split(/\s+/);
        const cells = stateOut[header + 1].trim().split(/\s+/);
        cells.splice(cols.indexOf('COORDINATOR'), 2, 'coordinator');
        const row = Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
        expect(d.state).toBe(row.STATE);
        expect(d.protocol).toBe(row['ASSIGNMENT-STRATEGY']);
        expect(d.members).toHaveLength(Number(row['#MEMBERS']));
        expect(list.body.groups[0].protocol).toBe(row['ASSIGNMENT-STRATEGY']);

        const before = await cliDescribe(g);
        const preview = await api.post<{ activeMembers: { clientId: string }[]; partitions: { newOffset: string }[] }>(
          `/api/clusters/local/groups/${g}/reset-offsets/preview`,
          {
            scope: { type: 'topic', topic },
            strategy: { type: 'earliest' },
          },
        );
        expect(preview.status).toBe(200);
        expect(preview.body.activeMembers.map((m) => m.clientId)).toEqual([d.members[0].clientId]);
        const exec = await api.post(`/api/clusters/local/groups/${g}/reset-offsets`, { offsets: [{ topic, partition: 0, offset: 0 }] });
        expect(exec.status).toBe(409);
        expect(exec.body).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('active member') } });
        expect((exec.body as { error: { message: string } }).error.message).toContain(d.members[0].clientId);

        // Past the console's own check: Kafka itself refuses the admin commit.
        const c = await clients('local');
        const err = await commitOffsetsAsAdmin(c, g, [{ topic, partition: 0, offset: '0' }]).then(
          () => null,
          (e: unknown) => toApiError(e, { group: g }),
        );
        expect(err?.status).toBe(409);
        expect(err?.message).toMatch(/active members|rebalancing/);

        const del = await api.delete(`/api/clusters/local/groups/${g}`, { confirm: g });
        expect(del.status).toBe(409);
        const delOffsets = await api.delete(`/api/clusters/local/groups/${g}/offsets/${topic}`, { confirm: topic });
        expect(delOffsets.status).toBe(409);
        expect(delOffsets.body).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('active members') } });
        const after = await cliDescribe(g);
        expect([...after].map(([k, v]) => [k, v.current])).toEqual([...before].map(([k, v]) => [k, v.current]));
      }
    } finally {
      await Promise.all(consumers.map((t) => t.stop()));
    }
  });
});

describe('deleting', () => {
  test("DELETE one topic's offsets, then the empty group; kafka-consumer-groups agrees", async () => {
    const g = uniqueName('grp-del');
    await testKafka.toolOk('kafka-consumer-groups', ['--group', g, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
    const res = await api.delete<{ deleted: { partition: number }[] }>(`/api/clusters/local/groups/${g}/offsets/${topic}`, { confirm: topic });
    expect(res.status).toBe(200);
    expect(res.body.deleted.map((d) => d.partition).sort()).toEqual([0, 1, 2]);
    expect((await cliDescribe(g)).size).toBe(0);
    const again = await api.delete(`/api/clusters/local/groups/${g}/offsets/${topic}`, { confirm: topic });
    expect(again.status).toBe(404);

    const del = await api.delete(`/api/clusters/local/groups/${g}`, { confirm: g });
    if (testKind.atLeast('4.0')) {
      expect(del.status).toBe(200);
    } else {
      // Before Kafka 4's group coordinator, a group without members or offsets is dropped at once:
      // there is nothing left to delete, and the console says so.
      expect(del.status).toBe(404);
    }
    const list = await testKafka.toolOk('kafka-consumer-groups', ['--list']);
    expect(list.split('\n')).not.toContain(g);
    expect((await api.delete(`/api/clusters/local/groups/${g}`, { confirm: g })).status).toBe(404);
  });
});

describe('GET /api/openapi.json', () => {
  test('documents the consumer group operations with their parameters and bodies', async () => {
    const res = await api.get<{ paths: Record<string, Record<string, { operationId: string; parameters: { name: string }[]; requestBody?: unknown }>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    const p = res.body.paths;
    expect(p['/api/clusters/{cluster}/groups'].get.parameters.map((x) => x.name)).toEqual(['cluster', 'search', 'state', 'page', 'pageSize', 'sort']);
    expect(p['/api/clusters/{cluster}/groups/{group}'].get.operationId).toBe('getGroup');
    expect(p['/api/clusters/{cluster}/groups/{group}'].delete.operationId).toBe('deleteGroup');
    expect(p['/api/clusters/{cluster}/groups/{group}/reset-offsets/preview'].post.requestBody).toBeDefined();
    expect(p['/api/clusters/{cluster}/groups/{group}/reset-offsets'].post.requestBody).toBeDefined();
    expect(p['/api/clusters/{cluster}/groups/{group}/offsets/{topic}'].delete.operationId).toBe('deleteGroupTopicOffsets');
    expect(p['/api/clusters/{cluster}/groups/{group}/share-offsets/preview'].post.operationId).toBe('previewShareResetOffsets');
    expect(p['/api/clusters/{cluster}/groups/{group}/share-offsets'].post.requestBody).toBeDefined();
    expect(p['/api/clusters/{cluster}/groups/{group}/share-offsets/{topic}'].delete.operationId).toBe('deleteShareTopicOffsets');
  });
});
