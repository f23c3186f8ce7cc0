/**
 * ZooKeeper-mode clusters (the compatibility suite's 3.x kinds): three ZooKeeper nodes and
 * three brokers under a chroot. The console never talks to ZooKeeper, so what it says of the
 * controller and the brokers is checked against ZooKeeper itself; losing one ZooKeeper node
 * (the ensemble keeps its quorum) or the controller broker must not make it say anything false.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKind } from '../support/kind';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';
import { zookeeperMode } from '../../scripts/kafka/zookeeper';
import type { ClusterOverview, TopicDetail } from '@/lib/types';

/** The ensemble's nodes, in the order of the connect string (node ids 1..n), without the chroot. */
function zookeeperNodes(): { id: number; port: number }[] {
  const connect = process.env.KAFKA_TEST_ZOOKEEPER ?? '';
  return connect
    .replace(/\/.*$/, '')
    .split(',')
    .map((hostPort, i) => ({ id: i + 1, port: Number(hostPort.split(':')[1]) }));
}

/** The connect string without the given nodes (and with the chroot). */
function connectWithout(down: number[]): string {
  const connect = process.env.KAFKA_TEST_ZOOKEEPER ?? '';
  const chroot = connect.includes('/') ? connect.slice(connect.indexOf('/')) : '';
  return `${zookeeperNodes()
    .filter((n) => !down.includes(n.id))
    .map((n) => `127.0.0.1:${n.port}`)
    .join(',')}${chroot}`;
}

async function znodeController(down: number[] = []): Promise<number> {
  const out = await testKafka.zookeeperShell(['get', '/controller'], connectWithout(down));
  const m = /"brokerid":(\d+)/.exec(out);
  if (!m) throw new Error(`no brokerid in:\n${out}`);
  return Number(m[1]);
}

const topic = uniqueName('zk');

describe.runIf(testKind.zookeeper)(`ZooKeeper mode (${testKind.zookeeper ? testKind.label : 'not this run'})`, () => {
  beforeAll(async () => {
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '3']);
  });

  afterAll(async () => {
    await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
    await disconnectAll();
  });

  test('the brokers registered under the chroot are the ones the overview lists, and the controller is the one ZooKeeper names', async () => {
    const ids = await testKafka.zookeeperShell(['ls', '/brokers/ids']);
    const registered = JSON.parse(/\[[\d, ]*\]/.exec(ids)![0]) as number[];
    const o = await api.get<ClusterOverview>('/api/clusters/local/overview');
    expect(o.status).toBe(200);
    expect(o.body.mode).toBe('zookeeper');
    expect(o.body.brokers.map((b) => b.id).sort()).toEqual(registered.sort());
    expect(o.body.controller).toMatchObject({ id: await znodeController(), source: 'Metadata', note: null });
    expect(o.body.brokers.filter((b) => b.isController).map((b) => b.id)).toEqual([await znodeController()]);
    expect(o.body.quorum).toBeNull();
  });

  test('with the ZooKeeper leader stopped the ensemble keeps quorum, and the console keeps working and says nothing false', async () => {
    const nodes = zookeeperNodes();
    const modes = await Promise.all(nodes.map((n) => zookeeperMode(n.port)));
    const leader = nodes[modes.indexOf('leader')];
    expect(leader, `one node leads: ${modes.join(', ')}`).toBeDefined();
    await testKafka.zookeeperNode(leader.id, 'stop');
    try {
      // The remaining two elect a new leader.
      await waitFor(
        () => Promise.all(nodes.filter((n) => n !== leader).map((n) => zookeeperMode(n.port))),
        (m) => m.includes('leader'),
        30_000,
      );
      const o = await waitFor(
        () => api.get<ClusterOverview>('/api/clusters/local/overview'),
        (r) => r.status === 200 && r.body.brokers.every((b) => b.reachable),
        30_000,
      );
      expect(o.body.mode).toBe('zookeeper');
      expect(o.body.brokers).toHaveLength(3);
      expect(o.body.controller.id).toBe(await znodeController([leader.id]));
      expect(o.body.partitions.offline).toBe(0);

      // Writes that go through ZooKeeper still work: a topic created by the console exists for the CLI.
      const created = uniqueName('zk-during');
      const res = await api.post('/api/clusters/local/topics', { name: created, partitions: 2, replicationFactor: 3 });
      expect(res.status).toBe(201);
      const described = await testKafka.toolOk('kafka-topics', ['--describe', '--topic', created]);
      expect(described.match(/\tPartition: \d+/g)).toHaveLength(2);
      await testKafka.tool('kafka-topics', ['--delete', '--topic', created]);
    } finally {
      await testKafka.zookeeperNode(leader.id, 'start');
    }
    const back = await waitFor(
      () => Promise.all(nodes.map((n) => zookeeperMode(n.port))),
      (m) => m.every((x) => x === 'leader' || x === 'follower'),
      30_000,
    );
    expect(back.filter((m) => m === 'leader')).toHaveLength(1);
  });

  test('when the controller broker stops, the overview names the new controller ZooKeeper elected', async () => {
    const before = await znodeController();
    await testKafka.stopNode(before);
    try {
      const after = await waitFor(
        async () => ({ znode: await znodeController().catch(() => -1), overview: await api.get<ClusterOverview>('/api/clusters/local/overview') }),
        (r) => r.znode !== -1 && r.znode !== before && r.overview.status === 200 && r.overview.body.controller.id === r.znode,
        60_000,
      );
      expect(after.overview.body.controller.id).not.toBe(before);
      expect(after.overview.body.brokers.find((b) => b.id === before)?.reachable).toBe(false);
      const detail = await waitFor(
        () => api.get<TopicDetail>(`/api/clusters/local/topics/${topic}`),
        (r) => r.status === 200 && r.body.partitions.every((p) => p.leader !== before),
        30_000,
      );
      expect(detail.body.partitions.map((p) => p.leader).every((l) => l >= 0 && l !== before)).toBe(true);
      expect(detail.body.partitions.every((p) => p.underReplicated)).toBe(true);
    } finally {
      await testKafka.startNode(before);
    }
  });
});
