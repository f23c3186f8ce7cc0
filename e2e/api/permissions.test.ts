/**
 * The permission matrix, generated from the operation registry: every operation is
 * refused without a session (401), from a foreign Host (421), and for changes as
 * text/plain (415) or from another origin (403); a role below the operation's is refused
 * (403, naming the permission); and the least role that has the permission succeeds.
 * An operation with no fixture here fails the test, so none can be added unguarded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operations } from '@/lib/api/ops';
import type { Operation } from '@/lib/api/operation';
import { PERMISSIONS, roleRank, type Role } from '@/lib/auth/roles';
import { api, callRoute, CONSOLE_ORIGIN } from '../support/api';
import { startTool, testKafka, uniqueName } from '../support/kafka';
import { connectInfo, waitFor, workerStatus } from '../support/connect';

const topic = uniqueName('matrix');
const group = uniqueName('matrix-grp');
const groupToDelete = uniqueName('matrix-del');
const groupOffsets = uniqueName('matrix-off');
const shareGroup = uniqueName('matrix-share');
const doomed = uniqueName('matrix-doomed');
const created: string[] = [topic, doomed];
const connector = uniqueName('matrix-connector');
const connectorFile = () => join(connectInfo().dataDir, `${connector}.txt`);
const connectorConfig = () => ({ 'connector.class': 'FileStreamSource', file: connectorFile(), topic });
const K = { cluster: 'local', connect: 'main' };
const matrixUser = uniqueName('matrix-user');
const subject = `${topic}-value`;
const doomedSubject = uniqueName('matrix-subject');
const matrixPrincipal = `User:${matrixUser}`;
const matrixBinding = {
  resourceType: 'topic',
  resourceName: topic,
  patternType: 'literal',
  principal: matrixPrincipal,
  host: '*',
  operation: 'read',
  permission: 'allow',
};

interface Fixture {
  params: Record<string, string>;
  body?: unknown;
  query?: string;
}

/** A valid request for each operation, on the "local" cluster (`real`: for the run that must succeed). */
const fixtures: Record<string, (real?: boolean) => Fixture | Promise<Fixture>> = {
  listClusters: () => ({ params: {} }),
  getMe: () => ({ params: {} }),
  getAccess: () => ({ params: {} }),
  listAudit: () => ({ params: {}, query: '?limit=5' }),
  undoAuditEntry: async (real) => {
    if (!real) return { params: { id: '00000000-0000-4000-8000-000000000000' }, body: { confirm: '00000000-0000-4000-8000-000000000000' } };
    // A change of its own to undo: set a config, find its entry.
    await api.put(`/api/clusters/local/topics/${topic}/configs/segment.ms`, { value: '7200000' });
    const entries = (await api.get('/api/audit?action=setTopicConfig&limit=20')).body.entries as {
      id: string;
      resource?: string;
      params?: { name?: string };
    }[];
    const entry = entries.find((e) => e.params?.name === 'segment.ms')!;
    return { params: { id: entry.id }, body: { confirm: entry.id } };
  },
  getClusterOverview: () => ({ params: { cluster: 'local' } }),
  listTopics: () => ({ params: { cluster: 'local' } }),
  getTopic: () => ({ params: { cluster: 'local', topic } }),
  getTopicConfigs: () => ({ params: { cluster: 'local', topic } }),
  createTopic: () => {
    const name = uniqueName('matrix-new');
    created.push(name);
    return { params: { cluster: 'local' }, body: { name, partitions: 1, replicationFactor: 1 } };
  },
  deleteTopic: () => ({ params: { cluster: 'local', topic: doomed }, body: { confirm: doomed } }),
  addPartitions: () => ({ params: { cluster: 'local', topic }, body: { count: 3, validateOnly: true } }),
  setTopicConfig: () => ({ params: { cluster: 'local', topic, name: 'retention.ms' }, body: { value: '3600000' } }),
  deleteTopicConfig: () => ({ params: { cluster: 'local', topic, name: 'retention.ms' }, body: {} }),
  getBrokerConfigs: () => ({ params: { cluster: 'local', broker: '1' } }),
  setBrokerConfig: () => ({ params: { cluster: 'local', broker: '1', name: 'log.cleaner.backoff.ms' }, body: { value: '16000', confirm: '1' } }),
  deleteBrokerConfig: () => ({ params: { cluster: 'local', broker: '1', name: 'log.cleaner.backoff.ms' }, body: { confirm: '1' } }),
  listGroups: () => ({ params: { cluster: 'local' } }),
  getGroup: () => ({ params: { cluster: 'local', group } }),
  previewResetOffsets: () => ({ params: { cluster: 'local', group }, body: { scope: { type: 'topic', topic }, strategy: { type: 'earliest' } } }),
  executeResetOffsets: () => ({ params: { cluster: 'local', group }, body: { offsets: [{ topic, partition: 0, offset: 0 }] } }),
  deleteGroupTopicOffsets: () => ({ params: { cluster: 'local', group: groupOffsets, topic }, body: { confirm: topic } }),
  deleteGroup: () => ({ params: { cluster: 'local', group: groupToDelete }, body: { confirm: groupToDelete } }),
  previewShareResetOffsets: () => ({
    params: { cluster: 'local', group: shareGroup },
    body: { scope: { type: 'topic', topic }, strategy: { type: 'earliest' } },
  }),
  executeShareResetOffsets: () => ({ params: { cluster: 'local', group: shareGroup }, body: { offsets: [{ topic, partition: 0, offset: 0 }] } }),
  deleteShareTopicOffsets: () => ({ params: { cluster: 'local', group: shareGroup, topic }, body: { confirm: topic } }),
  browseMessages: () => ({ params: { cluster: 'local', topic } }),
  produceMessage: () => ({ params: { cluster: 'local', topic }, body: { value: 'matrix', partition: 0 } }),
  searchMessages: () => ({ params: { cluster: 'local', topic }, query: '?q=matrix' }),
  tailMessages: () => ({ params: { cluster: 'local', topic } }),
  // Security objects: on the secured cluster (the plain one has no authorizer).
  listAcls: () => ({ params: { cluster: 'secure' } }),
  previewAcls: () => ({ params: { cluster: 'secure' }, body: { wizard: { kind: 'consumer', principal: matrixPrincipal, topic, group } } }),
  createAcls: () => ({ params: { cluster: 'secure' }, body: { bindings: [matrixBinding] } }),
  previewDeleteAcls: () => ({ params: { cluster: 'secure' }, body: { filter: { principal: matrixPrincipal } } }),
  deleteAcls: () => ({ params: { cluster: 'secure' }, body: { bindings: [matrixBinding], confirm: '1' } }),
  explainAcl: () => ({ params: { cluster: 'secure' }, query: `?principal=${matrixPrincipal}&operation=read&resourceType=topic&resourceName=${topic}` }),
  getTopicAcls: () => ({ params: { cluster: 'secure', topic } }),
  getGroupAcls: () => ({ params: { cluster: 'secure', group } }),
  listScramUsers: () => ({ params: { cluster: 'secure' } }),
  createScramUser: (real) => ({
    params: { cluster: 'secure' },
    body: { user: real ? matrixUser : uniqueName('matrix-user'), mechanism: 'SCRAM-SHA-512', password: 'matrix-password-1' },
  }),
  changeScramPassword: () => ({ params: { cluster: 'secure', user: matrixUser }, body: { mechanism: 'SCRAM-SHA-512', password: 'matrix-password-2' } }),
  deleteScramUser: () => ({ params: { cluster: 'secure', user: matrixUser }, body: { mechanism: 'SCRAM-SHA-512', confirm: matrixUser } }),
  listQuotas: () => ({ params: { cluster: 'secure' } }),
  previewLeaderElection: () => ({ params: { cluster: 'local' }, body: { scope: { type: 'topic', topic } } }),
  electLeaders: () => ({ params: { cluster: 'local' }, body: { scope: { type: 'topic', topic } } }),
  alterQuota: () => ({ params: { cluster: 'secure' }, body: { entity: { user: matrixUser }, set: { producer_byte_rate: 1024 } } }),
  getSchemaRegistry: () => ({ params: { cluster: 'local' } }),
  // The level the run's registry already has, so the matrix changes nothing other files rely on.
  setGlobalCompatibility: () => ({ params: { cluster: 'local' }, body: { compatibility: 'NONE' } }),
  listSubjects: () => ({ params: { cluster: 'local' }, query: '?search=matrix' }),
  getSubject: () => ({ params: { cluster: 'local', subject } }),
  getSchemaVersion: () => ({ params: { cluster: 'local', subject, version: '1' } }),
  checkSchemaCompatibility: () => ({ params: { cluster: 'local', subject }, body: { schema: '"string"' } }),
  registerSchema: () => ({ params: { cluster: 'local', subject }, body: { schema: '"string"' } }),
  setSubjectCompatibility: () => ({ params: { cluster: 'local', subject }, body: { compatibility: 'NONE' } }),
  getTopicSubjects: () => ({ params: { cluster: 'local', topic } }),
  deleteSubject: () => ({ params: { cluster: 'local', subject: doomedSubject }, body: { confirm: doomedSubject } }),
  electUnclean: () => ({ params: { cluster: 'local' }, body: { topic, partition: 0, confirm: `${topic}-0` } }),
  generateReassignment: () => ({ params: { cluster: 'local' }, body: { topics: [topic] } }),
  previewReassignment: () => ({ params: { cluster: 'local' }, body: { partitions: [{ topic, partition: 1, replicas: [testKafka.nodes[0].id] }] } }),
  getReassignments: () => ({ params: { cluster: 'local' } }),
  getLogDirs: () => ({ params: { cluster: 'local' }, query: `?topic=${topic}` }),
  getQuorum: () => ({ params: { cluster: 'local' } }),
  getFeatures: () => ({ params: { cluster: 'local' } }),
  getGroupHistory: () => ({ params: { cluster: 'local', group }, query: '?range=1h' }),
  getTopicHistory: () => ({ params: { cluster: 'local', topic }, query: '?range=24h' }),
  getGroupsHistorySummary: () => ({ params: { cluster: 'local' }, query: `?ids=${group}` }),
  getTopicsHistorySummary: () => ({ params: { cluster: 'local' }, query: `?names=${topic}` }),
  getHistoryStatus: () => ({ params: { cluster: 'local' } }),
  executeReassignment: async (real) => ({
    params: { cluster: 'local' },
    body: { partitions: [{ topic, partition: 1, replicas: [real ? await otherBroker(topic, 1) : testKafka.nodes[0].id] }], throttle: null },
  }),
  verifyReassignment: () => ({ params: { cluster: 'local' }, body: { partitions: [{ topic, partition: 1, replicas: [testKafka.nodes[0].id] }] } }),
  cancelReassignment: async (real) => {
    if (!real) return { params: { cluster: 'local' }, body: { partitions: [{ topic, partition: 1 }] } };
    // Something to cancel: a throttled move of a few MB.
    const slow = uniqueName('matrix-slow');
    created.push(slow);
    const [from, to] = testKafka.nodes.map((n) => n.id);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', slow, '--replica-assignment', String(from)]);
    await testKafka.fill(slow, 3000);
    const started = await api.post('/api/clusters/local/reassignments', { partitions: [{ topic: slow, partition: 0, replicas: [to] }], throttle: 65536 });
    expect(started.status).toBe(200);
    return { params: { cluster: 'local' }, body: { partitions: [{ topic: slow, partition: 0 }] } };
  },
  // Kafka Connect, on the test environment's workers: one FileStreamSource made, changed, stopped and deleted in order.
  listConnectors: () => ({ params: { cluster: 'local' } }),
  listConnectPlugins: () => ({ params: K }),
  getConnectPluginConfig: () => ({ params: { ...K, plugin: 'FileStreamSource' } }),
  validateConnectorConfig: () => ({ params: { ...K, plugin: 'FileStreamSource' }, body: { config: connectorConfig() } }),
  createConnector: (real) => {
    if (real) writeFileSync(connectorFile(), 'matrix\n');
    return { params: K, body: { name: connector, config: connectorConfig() } };
  },
  getConnector: () => ({ params: { ...K, connector } }),
  updateConnectorConfig: () => ({ params: { ...K, connector }, body: { config: { ...connectorConfig(), 'tasks.max': '1' } } }),
  restartConnectorTask: async (real) => {
    if (real)
      await waitFor(
        () => workerStatus(connector),
        (s) => (s?.tasks.length ?? 0) > 0,
        60_000,
        'a task',
      );
    return { params: { ...K, connector, task: '0' } };
  },
  connectorAction: () => ({ params: { ...K, connector }, body: { action: 'stop' } }),
  alterConnectorOffsets: async (real) => {
    if (real)
      await waitFor(
        () => workerStatus(connector),
        (s) => s?.connector.state === 'STOPPED',
        60_000,
        'STOPPED',
      );
    return { params: { ...K, connector }, body: { offsets: [{ partition: { filename: connectorFile() }, offset: { position: 0 } }] } };
  },
  resetConnectorOffsets: () => ({ params: { ...K, connector }, body: { confirm: connector } }),
  deleteConnector: () => ({ params: { ...K, connector }, body: { confirm: connector } }),
  getTopicConnectors: () => ({ params: { cluster: 'local', topic } }),
};

/** A broker that does not hold the partition's only replica now. */
async function otherBroker(t: string, partition: number): Promise<number> {
  const res = await api.get(`/api/clusters/local/topics/${t}`);
  const now = (res.body.partitions as { partition: number; replicas: number[] }[]).find((p) => p.partition === partition)?.replicas[0];
  return testKafka.nodes.map((n) => n.id).find((id) => id !== now) as number;
}

/**
 * Operations this cluster cannot carry out even for the right role: the answer shows the request
 * got past the permission and confirmation checks to Kafka. An unclean election needs a partition
 * without a leader (two brokers down, which the KRaft test cluster's quorum does not survive).
 */
const PAST_THE_GUARD: Record<string, number> = { electUnclean: 409 };

const guarded = operations.filter((o) => o.permission !== 'public');
const needsRole = (o: Operation): Role => (o.permission === 'signed-in' ? 'viewer' : PERMISSIONS[o.permission as keyof typeof PERMISSIONS]);

function urlOf(o: Operation, f: Fixture): string {
  return o.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(f.params[k] ?? `missing-${k}`)) + (f.query ?? '');
}

async function send(o: Operation, f: Fixture, opts: Parameters<typeof callRoute>[4] = {}) {
  const ac = new AbortController();
  const res = await callRoute(o.method.toUpperCase() as 'GET', urlOf(o, f), o.method === 'get' ? undefined : (f.body ?? {}), ac.signal, opts);
  const text = o.stream && res.status === 200 ? '' : await res.text();
  ac.abort();
  await res.body?.cancel().catch(() => undefined);
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as { error?: { code: string; message: string; details?: { permission?: string } } }) : undefined,
  };
}

beforeAll(async () => {
  for (const s of [subject, doomedSubject]) {
    const res = await fetch(`${process.env.KAFKA_TEST_REGISTRY}/subjects/${s}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: '"string"' }),
    });
    if (!res.ok) throw new Error(`registering ${s}: ${res.status} ${await res.text()}`);
  }
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1']);
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', doomed, '--partitions', '1', '--replication-factor', '1']);
  for (const g of [group, groupToDelete, groupOffsets]) {
    await testKafka.toolOk('kafka-consumer-groups', ['--group', g, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
  }
  // A share group with state on the topic (it exists once a share consumer joined), empty again.
  await testKafka.toolOk('kafka-console-producer', ['--topic', topic], 'matrix\n');
  await testKafka.toolOk('kafka-configs', [
    '--alter',
    '--entity-type',
    'groups',
    '--entity-name',
    shareGroup,
    '--add-config',
    'share.auto.offset.reset=earliest',
  ]);
  const share = startTool('kafka-console-share-consumer', ['--topic', topic, '--group', shareGroup]);
  try {
    await share.waitForOutput(/matrix/, 60_000);
  } finally {
    await share.stop();
  }
}, 120_000);

afterAll(async () => {
  await testKafka.tool('kafka-share-groups', ['--delete', '--group', shareGroup]);
  await fetch(`${connectInfo().workers[0]}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--if-exists', '--topic', t]);
});

test('every operation in the registry has a fixture here', () => {
  expect(guarded.map((o) => o.id).filter((id) => !fixtures[id])).toEqual([]);
});

describe.each(guarded.map((o) => [o.id, o] as const))('%s', (_id, o) => {
  test('without a session: 401', async () => {
    const res = await send(o, await fixtures[o.id](), { as: null });
    expect(res.status).toBe(401);
    expect(res.body?.error?.code).toBe('unauthorized');
  });

  test('from a foreign Host (DNS rebinding): 421', async () => {
    const res = await send(o, await fixtures[o.id](), { headers: { host: 'attacker.example:3000', origin: 'http://attacker.example:3000' } });
    expect(res.status).toBe(421);
  });

  if (o.method !== 'get') {
    test('as text/plain (no CORS preflight): 415', async () => {
      const res = await send(o, await fixtures[o.id](), { headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(415);
    });

    test('from a cross-site Origin: 403', async () => {
      const res = await send(o, await fixtures[o.id](), { headers: { origin: 'https://attacker.example' } });
      expect(res.status).toBe(403);
      expect(res.body?.error?.message).toMatch(/Cross-site/);
    });
  }

  for (const role of ['viewer', 'operator'] as const) {
    if (roleRank(role) < roleRank(needsRole(o))) {
      test(`as ${role}: 403 naming ${String(o.permission)}`, async () => {
        const res = await send(o, await fixtures[o.id](), { as: role });
        expect(res.status).toBe(403);
        expect(res.body?.error?.details?.permission).toBe(o.permission);
        expect(res.body?.error?.message).toContain(String(o.permission));
      });
    }
  }
});

describe('the least role that has the permission succeeds', () => {
  // In registry order, so a config is set before it is removed.
  test.each(guarded.map((o) => [o.id, needsRole(o), o] as const))('%s as %s', async (_id, role, o) => {
    const res = await send(o, await fixtures[o.id](true), { as: role });
    if (o.id in PAST_THE_GUARD) expect(res.status, JSON.stringify(res.body)).toBe(PAST_THE_GUARD[o.id]);
    else expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  });
});

describe('refusals change nothing', () => {
  test('a viewer cannot delete a topic, an operator cannot either; it is still there', async () => {
    const t = uniqueName('matrix-keep');
    created.push(t);
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', t, '--partitions', '1', '--replication-factor', '1']);
    for (const who of ['viewer', 'operator']) {
      expect((await api.as(who).delete(`/api/clusters/local/topics/${t}`, { confirm: t })).status).toBe(403);
    }
    expect((await api.delete(`/api/clusters/local/topics/${t}`, { confirm: 'not-the-name' })).status).toBe(422);
    expect((await api.delete(`/api/clusters/local/topics/${t}`, {})).body.error.field).toBe('confirm');
    expect((await testKafka.toolOk('kafka-topics', ['--list'])).split('\n')).toContain(t);
  });

  test('a read-only cluster refuses every change, even for an admin', async () => {
    const name = uniqueName('matrix-frozen');
    const res = await api.post('/api/clusters/frozen/topics', { name, partitions: 1, replicationFactor: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/read-only/);
    expect((await api.get('/api/clusters/frozen/topics')).status).toBe(200);
    expect((await testKafka.toolOk('kafka-topics', ['--list'])).split('\n')).not.toContain(name);
  });

  test('a grant narrowed to a topic prefix allows that prefix only', async () => {
    const mine = `team-a.${uniqueName('matrix')}`;
    const theirs = uniqueName('team-b.matrix');
    created.push(mine, theirs);
    const teamA = api.as('team-a');
    expect((await teamA.post('/api/clusters/local/topics', { name: theirs, partitions: 1, replicationFactor: 1 })).status).toBe(403);
    expect((await teamA.post('/api/clusters/local/topics', { name: mine, partitions: 1, replicationFactor: 1 })).status).toBe(201);
    expect((await teamA.put(`/api/clusters/local/topics/${topic}/configs/retention.ms`, { value: '1000' })).status).toBe(403);
    expect((await teamA.get(`/api/clusters/local/topics/${topic}`)).status).toBe(200);
    const list = (await testKafka.toolOk('kafka-topics', ['--list'])).split('\n');
    expect(list).toContain(mine);
    expect(list).not.toContain(theirs);
  });

  test('a destructive config key needs the topic name as confirmation', async () => {
    const url = `/api/clusters/local/topics/${topic}/configs/leader.replication.throttled.replicas`;
    const bare = await api.put(url, { value: '*' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.field).toBe('confirm');
    expect((await api.put(url, { value: '*', confirm: topic })).status).toBe(200);
    expect((await api.delete(url, { confirm: topic })).status).toBe(200);
  });
});

test('a session cookie from another secret, or tampered with, is no session', async () => {
  const res = await callRoute('GET', '/api/clusters/local/topics', undefined, undefined, {
    as: null,
    headers: { cookie: 'kc_session=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def.ghi' },
  });
  expect(res.status).toBe(401);
  expect(CONSOLE_ORIGIN).toMatch(/^http:\/\/localhost/);
});
