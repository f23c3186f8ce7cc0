/**
 * One Connect worker stopped mid-test: a third worker joins the test environment's group (so
 * the shared two stay up), gets some of a connector's tasks, and is stopped; its tasks move to
 * the other workers (after scheduled.rebalance.max.delay.ms, 5 s here), and the console's
 * connector page reports where each task runs now, as the workers' own REST API does.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConnectGroup } from '../../scripts/kafka/connect';
import { api } from '../support/api';
import { connectInfo, waitFor, workerStatus } from '../support/connect';
import { testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { disconnectAll } from '@/lib/kafka/registry';

const K = '/api/clusters/local/connect/main';
const topic = uniqueName('connect-failover');
const name = uniqueName('failover-sink');
let extra: ConnectGroup | null = null;

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '4', '--replication-factor', '1']);
  extra = await ConnectGroup.start({ bootstrap: testKafka.bootstrap, groupId: connectInfo().groupId, replicationFactor: 3, version: testKind.version });
}, 180_000);

afterAll(async () => {
  await fetch(`${connectInfo().workers[0]}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
  await extra?.stop();
  await disconnectAll();
});

interface Task {
  id: number;
  state: string;
  workerId: string | null;
}

test("a stopped worker's tasks move to the others, and the connector page shows where they run", { timeout: 180_000 }, async () => {
  const third = `127.0.0.1:${extra?.workers[0].port}`;
  const dir = join(connectInfo().dataDir, uniqueName('failover'));
  mkdirSync(dir, { recursive: true });
  const res = await api.post(`${K}/connectors`, {
    name,
    config: { 'connector.class': 'FileStreamSink', topics: topic, file: join(dir, 'out.txt'), 'tasks.max': '4' },
  });
  expect(res.status).toBe(201);
  // Three workers share the connector and its four tasks: the third gets some.
  await waitFor(
    () => workerStatus(name),
    (s) => s?.tasks.length === 4 && s.tasks.every((t) => t.state === 'RUNNING') && s.tasks.some((t) => t.worker_id === third),
    90_000,
    'a task on the third worker',
  );
  const before = (await api.get(`${K}/connectors/${name}`)).body.tasks as Task[];
  expect(before.some((t) => t.workerId === third)).toBe(true);

  await extra?.stopWorker(1);
  const after = await waitFor(
    async () => (await api.get(`${K}/connectors/${name}`)).body.tasks as Task[],
    (tasks) => tasks.length === 4 && tasks.every((t) => t.state === 'RUNNING' && t.workerId !== third),
    90_000,
    'every task RUNNING on the two remaining workers',
  );
  const remaining = connectInfo().workers.map((u) => new URL(u).host);
  expect(after.every((t) => remaining.includes(t.workerId as string))).toBe(true);
  // As the workers themselves report it.
  const direct = await workerStatus(name);
  expect(after.map((t) => t.workerId)).toEqual(direct?.tasks.sort((a, b) => a.id - b.id).map((t) => t.worker_id));
});
