/**
 * Kafka Connect against the real two-worker group of the test environment: every action
 * through the console's API, checked on the workers' own REST API (the first worker; the
 * console talks to the second, so what only the leader serves is forwarded), and data with
 * Kafka's CLI (a FileStreamSource's lines arrive on the topic) and the file a sink writes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { connectInfo, waitFor, worker, workerStatus, type WorkerStatus } from '../support/connect';
import { testKafka, uniqueName } from '../support/kafka';
import { disconnectAll } from '@/lib/kafka/registry';

const C = '/api/clusters/local';
const K = `${C}/connect/main`;
const topic = uniqueName('connect-lines');
const source = uniqueName('src');
const sink = uniqueName('sink');
const broken = uniqueName('broken-sink');
const dir = join(connectInfo().dataDir, uniqueName('files'));
const input = join(dir, 'input.txt');
const output = join(dir, 'output.txt');
const lines = ['first line', 'second line', 'third line'];
const made: string[] = [];

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(input, `${lines.join('\n')}\n`);
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
});

afterAll(async () => {
  for (const name of made) await fetch(`${connectInfo().workers[0]}/connectors/${name}`, { method: 'DELETE' }).catch(() => {});
  await disconnectAll();
});

const running = (s: Awaited<ReturnType<typeof workerStatus>>) =>
  s?.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');

describe('Connect clusters and plugins', () => {
  test('plugins: the bundled FileStream and MirrorMaker 2 connectors, as GET /connector-plugins lists them', async () => {
    const res = await api.get(`${K}/plugins`);
    expect(res.status).toBe(200);
    const direct = (await worker<{ class: string; type: string }[]>('/connector-plugins')).body;
    expect(res.body.plugins.map((p: { class: string }) => p.class).sort()).toEqual(direct.map((p) => p.class).sort());
    expect(res.body.plugins).toContainEqual(
      expect.objectContaining({ class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', alias: 'FileStreamSource', type: 'source' }),
    );
    expect(res.body.plugins.map((p: { alias: string }) => p.alias)).toContain('MirrorSource');
  });

  test("a plugin's config definition, by alias, is the worker's", async () => {
    const res = await api.get(`${K}/plugins/FileStreamSink/config`);
    expect(res.status).toBe(200);
    expect(res.body.plugin).toBe('org.apache.kafka.connect.file.FileStreamSinkConnector');
    const direct = (await worker<{ name: string; type: string }[]>('/connector-plugins/FileStreamSink/config')).body;
    expect(res.body.definitions.map((d: { name: string }) => d.name)).toEqual(direct.map((d) => d.name));
    expect(res.body.definitions).toContainEqual(expect.objectContaining({ name: 'file', type: 'STRING' }));
  });

  test('unknown plugin: 404 naming the plugins there are', async () => {
    const res = await api.get(`${K}/plugins/NoSuchConnector/config`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no connector plugin NoSuchConnector.*FileStreamSink/);
  });

  test('unknown Connect cluster: 404', async () => {
    const res = await api.get(`${C}/connect/nowhere/plugins`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no Connect cluster named nowhere/);
  });

  test('an unreachable Connect URL: 503 in the envelope with the URL', async () => {
    const res = await api.get(`${C}/connect/down/plugins`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(res.body.error.details).toMatchObject({ connect: 'down', problem: 'unreachable' });
    expect(res.body.error.message).toContain('http://127.0.0.1:');
  });
});

describe('connectors: create, data, actions, offsets, delete', () => {
  test("validate: the worker's errors on the fields", async () => {
    const res = await api.put(`${K}/plugins/FileStreamSink/validate`, { config: { 'connector.class': 'FileStreamSink', name: sink, 'tasks.max': 'many' } });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(Object.keys(res.body.errors)).toContain('tasks.max');
    expect(res.body.errors['tasks.max'].join(' ')).toMatch(/Invalid value many/);
  });

  test('create with an invalid config: 422 on the field, nothing created', async () => {
    const res = await api.post(`${K}/connectors`, { name: sink, config: { 'connector.class': 'FileStreamSink', topics: topic, 'tasks.max': 'many' } });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('config.tasks.max');
    expect((await worker(`/connectors/${sink}`)).status).toBe(404);
  });

  test('create with an unknown plugin: 422 on connector.class', async () => {
    const res = await api.post(`${K}/connectors`, { name: sink, config: { 'connector.class': 'com.example.Nope' } });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('config.connector.class');
  });

  test("a FileStreamSource: created, RUNNING on the workers, its file's lines on the topic (kafka-console-consumer)", async () => {
    made.push(source);
    const res = await api.post(`${K}/connectors`, { name: source, config: { 'connector.class': 'FileStreamSource', file: input, topic, 'tasks.max': '1' } });
    expect(res.status).toBe(201);
    expect(res.body.after).toMatchObject({ name: source, file: input, topic });
    const s = await waitFor(() => workerStatus(source), running, 60_000, 'source RUNNING');
    expect(s?.tasks).toHaveLength(1);
    const out = await testKafka.toolOk('kafka-console-consumer', ['--topic', topic, '--from-beginning', '--max-messages', '3', '--timeout-ms', '60000']);
    expect(out.trim().split('\n')).toEqual(lines);
  });

  test('duplicate name: 409', async () => {
    const res = await api.post(`${K}/connectors`, { name: source, config: { 'connector.class': 'FileStreamSource', file: input, topic } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already has a connector named/);
  });

  test('a FileStreamSink writes the topic to its file', async () => {
    made.push(sink);
    const res = await api.post(`${K}/connectors`, { name: sink, config: { 'connector.class': 'FileStreamSink', file: output, topics: topic } });
    expect(res.status).toBe(201);
    await waitFor(
      async () => (existsSync(output) ? readFileSync(output, 'utf8') : ''),
      (text) => text === `${lines.join('\n')}\n`,
      60_000,
      'sink file',
    );
  });

  test('the list: both connectors with state, type, class, tasks and topics; the unreachable Connect cluster beside them', async () => {
    await waitFor(() => workerStatus(sink), running, 60_000, 'sink RUNNING');
    const res = await api.get(`${C}/connect`);
    expect(res.status).toBe(200);
    const mine = res.body.connectors.filter((k: { name: string }) => k.name === source || k.name === sink);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connect: 'main', name: source, type: 'source', class: 'FileStreamSource', state: 'RUNNING', topics: [topic] }),
        expect.objectContaining({ connect: 'main', name: sink, type: 'sink', class: 'FileStreamSink', state: 'RUNNING', topics: [topic] }),
      ]),
    );
    expect(mine[0].tasks).toMatchObject({ total: 1, running: 1, failed: 0 });
    expect(res.body.connectClusters).toEqual([
      { name: 'main', url: connectInfo().workers[1], status: 'ok', httpStatus: 200 },
      expect.objectContaining({ name: 'down', status: 'unreachable', httpStatus: 503, error: expect.objectContaining({ code: 'unavailable' }) }),
    ]);
    const sinks = await api.get(`${C}/connect?type=sink&state=RUNNING`);
    expect(sinks.body.connectors.every((k: { type: string; state: string }) => k.type === 'sink' && k.state === 'RUNNING')).toBe(true);
    expect(sinks.body.connectors.map((k: { name: string }) => k.name)).toContain(sink);
  });

  test('the connector page: config, status with the worker of each task, topics, offsets', async () => {
    const res = await api.get(`${K}/connectors/${source}`);
    expect(res.status).toBe(200);
    const direct = (await workerStatus(source))!;
    expect(res.body).toMatchObject({
      name: source,
      type: 'source',
      class: 'FileStreamSource',
      connector: { state: 'RUNNING', workerId: direct.connector.worker_id },
    });
    expect(res.body.tasks).toEqual([{ id: 0, state: 'RUNNING', workerId: direct.tasks[0].worker_id, trace: null }]);
    expect(res.body.config).toMatchObject({ file: input, topic });
    expect(res.body.topics).toEqual([topic]);
    const offsets = (await worker<{ offsets: unknown[] }>(`/connectors/${source}/offsets`)).body.offsets;
    expect(res.body.offsets).toEqual(offsets);
    expect(res.body.offsets).toEqual([{ partition: { filename: input }, offset: { position: expect.any(Number) } }]);
  });

  test('the topic lists the connectors that read and write it', async () => {
    const res = await api.get(`${C}/topics/${topic}/connectors`);
    expect(res.status).toBe(200);
    const names = res.body.connectors.map((k: { name: string; role: string }) => `${k.name}:${k.role}`).sort();
    expect(names).toEqual([`${sink}:reads`, `${source}:writes`].sort());
  });

  test('pause, resume, stop: the workers report PAUSED, RUNNING, STOPPED', async () => {
    for (const [action, expected] of [
      ['pause', 'PAUSED'],
      ['resume', 'RUNNING'],
      ['stop', 'STOPPED'],
    ] as const) {
      const res = await api.post(`${K}/connectors/${source}/actions`, { action });
      expect(res.status).toBe(200);
      await waitFor(
        () => workerStatus(source),
        (s) => s?.connector.state === expected,
        60_000,
        `${action} → ${expected}`,
      );
    }
    // Stopped means its tasks are gone too, once the rebalance the stop starts is over: both workers say so.
    for (const url of connectInfo().workers) {
      await waitFor(
        () => worker<WorkerStatus>(`/connectors/${source}/status`, url),
        (r) => r.body.connector.state === 'STOPPED' && r.body.tasks.length === 0,
        60_000,
        `no tasks on ${url}`,
      );
    }
  });

  test('offsets of a stopped source: altered (KIP-875) then its lines come again from there; reset needs the name typed', async () => {
    const alter = await api.patch(`${K}/connectors/${source}/offsets`, { offsets: [{ partition: { filename: input }, offset: { position: 0 } }] });
    expect(alter.status, JSON.stringify(alter.body)).toBe(200);
    expect((await worker<{ offsets: unknown[] }>(`/connectors/${source}/offsets`)).body.offsets).toEqual([
      { partition: { filename: input }, offset: { position: 0 } },
    ]);
    const unconfirmed = await api.delete(`${K}/connectors/${source}/offsets`, {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error.field).toBe('confirm');
    const reset = await api.delete(`${K}/connectors/${source}/offsets`, { confirm: source });
    expect(reset.status).toBe(200);
    expect((await worker<{ offsets: unknown[] }>(`/connectors/${source}/offsets`)).body.offsets).toEqual([]);
    // From no offset, the file is read from its start again: three more lines.
    expect((await api.post(`${K}/connectors/${source}/actions`, { action: 'resume' })).status).toBe(200);
    const out = await testKafka.toolOk('kafka-console-consumer', ['--topic', topic, '--from-beginning', '--max-messages', '6', '--timeout-ms', '60000']);
    expect(out.trim().split('\n')).toEqual([...lines, ...lines]);
  });

  test('offsets of a running connector: 409, stop it first', async () => {
    await waitFor(() => workerStatus(source), running, 60_000, 'source RUNNING again');
    const res = await api.patch(`${K}/connectors/${source}/offsets`, { offsets: [{ partition: { filename: input }, offset: { position: 0 } }] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/stop it first/);
  });

  test('edit config: validated, stored, the diff in the audit entry', async () => {
    const current = (await api.get(`${K}/connectors/${sink}`)).body.config as Record<string, string>;
    const bad = await api.put(`${K}/connectors/${sink}/config`, { config: { ...current, 'tasks.max': '-x' } });
    expect(bad.status).toBe(422);
    const res = await api.put(`${K}/connectors/${sink}/config`, { config: { ...current, 'tasks.max': '2' } });
    expect(res.status).toBe(200);
    expect(res.body.before['tasks.max']).toBeUndefined();
    expect(res.body.after['tasks.max']).toBe('2');
    // The other worker reads the new config from the config topic a moment later.
    const seen = await waitFor(
      () => worker<Record<string, string>>(`/connectors/${sink}/config`),
      (r) => r.body['tasks.max'] === '2',
      30_000,
      'the first worker showing tasks.max=2',
    );
    expect(seen.body['tasks.max']).toBe('2');
    const entries = readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; resource?: string; before?: Record<string, string>; after?: Record<string, string> });
    const entry = entries
      .reverse()
      .find((e) => e.action === 'updateConnectorConfig' && e.resource === `connector config main/${sink}` && e.after?.['tasks.max'] === '2');
    expect(entry?.before?.file).toBe(output);
    await waitFor(
      () => workerStatus(sink),
      (s) => s?.tasks.length === 2,
      60_000,
      'two sink tasks',
    );
  });

  test('undo of the config edit: the config before written back, as the worker shows; a second undo is refused', async () => {
    const entries = readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; action: string; resource?: string; result: { ok: boolean } });
    const entry = entries.reverse().find((e) => e.action === 'updateConnectorConfig' && e.resource === `connector config main/${sink}` && e.result.ok);
    const id = entry?.id as string;
    const listed = await api.get(`/api/audit?action=updateConnectorConfig&limit=50`);
    const row = listed.body.entries.find((e: { id: string }) => e.id === id);
    expect(row.undo.possible).toBe(true);
    expect(row.undo.plan).toMatchObject({ kind: 'connector-config', connect: 'main', connector: sink });
    expect(row.undo.plan.cli[0]).toContain(`/connectors/${sink}/config`);
    const res = await api.post(`/api/audit/${id}/undo`, { confirm: id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const restored = await waitFor(
      () => worker<Record<string, string>>(`/connectors/${sink}/config`),
      (r) => r.body['tasks.max'] === undefined,
      30_000,
      'the first worker showing the config before',
    );
    expect(restored.body['tasks.max']).toBeUndefined();
    await waitFor(
      () => workerStatus(sink),
      (s) => s?.tasks.length === 1,
      60_000,
      'one sink task again',
    );
    expect((await api.post(`/api/audit/${id}/undo`, { confirm: id })).status).toBe(409);
  });

  test('a sink that cannot create its file: its task FAILED with the trace; restart of only what failed restarts only that task', async () => {
    made.push(broken);
    const res = await api.post(`${K}/connectors`, {
      name: broken,
      config: { 'connector.class': 'FileStreamSink', file: '/proc/no-such-dir/out.txt', topics: topic },
    });
    expect(res.status).toBe(201);
    await waitFor(
      () => workerStatus(broken),
      (s) => s?.tasks[0]?.state === 'FAILED',
      60_000,
      'task FAILED',
    );
    const page = await api.get(`${K}/connectors/${broken}`);
    expect(page.body.connector.state).toBe('RUNNING');
    expect(page.body.tasks[0]).toMatchObject({ id: 0, state: 'FAILED' });
    expect(page.body.tasks[0].trace).toMatch(/ConnectException|NoSuchFileException|FileNotFoundException/);
    const list = await api.get(`${C}/connect`);
    expect(list.body.connectors.find((k: { name: string }) => k.name === broken).tasks).toMatchObject({ failed: 1, running: 0 });

    const restart = await api.post(`${K}/connectors/${broken}/actions`, { action: 'restart', includeTasks: true, onlyFailed: true });
    expect(restart.status).toBe(200);
    // The worker marks what it restarts: the failed task, not the running connector.
    expect(restart.body.after).toEqual({ connector: 'RUNNING', tasks: [{ id: 0, state: 'RESTARTING' }] });
    await waitFor(() => workerStatus(sink), running, 60_000, 'sink RUNNING after the undo');
    const healthy = await api.post(`${K}/connectors/${sink}/actions`, { action: 'restart', includeTasks: true, onlyFailed: true });
    expect(healthy.body.after.tasks.every((t: { state: string }) => t.state === 'RUNNING')).toBe(true);

    const one = await api.post(`${K}/connectors/${broken}/tasks/0/restart`, {});
    expect(one.status).toBe(200);
    expect((await api.post(`${K}/connectors/${broken}/tasks/7/restart`, {})).status).toBe(404);
    await waitFor(
      () => workerStatus(broken),
      (s) => s?.tasks[0]?.state === 'FAILED',
      60_000,
      'task FAILED again',
    );
  });

  test('delete: needs the name typed; then the workers no longer have it', async () => {
    const unconfirmed = await api.delete(`${K}/connectors/${broken}`, { confirm: 'wrong' });
    expect(unconfirmed.status).toBe(422);
    expect((await worker(`/connectors/${broken}`)).status).toBe(200);
    const res = await api.delete(`${K}/connectors/${broken}`, { confirm: broken });
    expect(res.status).toBe(200);
    await waitFor(
      () => worker(`/connectors/${broken}`),
      (r) => r.status === 404,
      30_000,
      'deleted',
    );
    expect((await api.get(`${K}/connectors/${broken}`)).status).toBe(404);
  });

  test('a PASSWORD config (as the plugin defines it) is masked in every answer and the audit trail; sent back masked, the stored value stays', async () => {
    const name = uniqueName('heartbeat');
    made.push(name);
    const secret = `hb-${Math.random().toString(36).slice(2)}-secret`;
    const config = {
      'connector.class': 'MirrorHeartbeatConnector',
      'source.cluster.alias': 'upstream',
      'target.cluster.alias': 'local',
      'source.cluster.bootstrap.servers': testKafka.bootstrap,
      'target.cluster.bootstrap.servers': testKafka.bootstrap,
      'ssl.truststore.password': secret,
    };
    const created = await api.post(`${K}/connectors`, { name, config });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await api.get(`${K}/connectors/${name}`);
    expect(page.body.secretKeys).toContain('ssl.truststore.password');
    expect(page.body.config['ssl.truststore.password']).toBe('********');
    const edited = await api.put(`${K}/connectors/${name}/config`, { config: { ...page.body.config, 'emit.heartbeats.interval.seconds': '5' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // The first worker reads the edit from the config topic a moment after the second one took it.
    const stored = (
      await waitFor(
        () => worker<Record<string, string>>(`/connectors/${name}/config`),
        (r) => r.status === 200 && r.body['emit.heartbeats.interval.seconds'] === '5',
        30_000,
        'the edit on the first worker',
      )
    ).body;
    expect(stored['ssl.truststore.password']).toBe(secret);
    const bodies = [created.body, page.body, edited.body, (await api.get(`${C}/connect`)).body].map((b) => JSON.stringify(b));
    for (const b of bodies) expect(b).not.toContain(secret);
    expect(readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8')).not.toContain(secret);
  });

  test('viewers read but do not change connectors', async () => {
    expect((await api.as('viewer').get(`${C}/connect`)).status).toBe(200);
    const res = await api.as('viewer').post(`${K}/connectors/${sink}/actions`, { action: 'pause' });
    expect(res.status).toBe(403);
    expect((await workerStatus(sink))?.connector.state).toBe('RUNNING');
  });
});
