import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasSecureCluster } from '../support/secure-kafka';
import { api } from '../support/api';
import { waitFor } from '../support/wait';
import { testKafka, uniqueName } from '../support/kafka';
import { clientsLazy, disconnectAll } from '@/lib/kafka/registry';
import type { ClusterOverview } from '@/lib/types';
import { MISADVERTISED_HOST } from '../support/test-env';
import { testKind } from '../support/kind';

/** Per-broker leader counts over every partition `kafka-topics --describe` lists. */
async function cliLeaderCounts(): Promise<Map<number, number>> {
  const out = await testKafka.toolOk('kafka-topics', ['--describe']);
  const counts = new Map<number, number>();
  for (const m of out.matchAll(/\tPartition: \d+\tLeader: (-?\d+)/g)) {
    const id = Number(m[1]);
    if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** The active controller: the quorum leader in KRaft, the /controller znode in ZooKeeper mode. */
async function cliController(): Promise<number> {
  if (testKind.zookeeper) {
    const out = await testKafka.zookeeperShell(['get', '/controller']);
    const m = /"brokerid":(\d+)/.exec(out);
    if (!m) throw new Error(`no brokerid in:\n${out}`);
    return Number(m[1]);
  }
  const out = await testKafka.toolOk('kafka-metadata-quorum', ['describe', '--status']);
  const m = /LeaderId:\s+(\d+)/.exec(out);
  if (!m) throw new Error(`no LeaderId in:\n${out}`);
  return Number(m[1]);
}

async function cliBrokers(): Promise<string[]> {
  const out = await testKafka.toolOk('kafka-broker-api-versions', []);
  return [...out.matchAll(/^(\S+:\d+) \(id: (\d+) rack: /gm)].map((m) => `${m[2]}@${m[1]}`).sort();
}

const topic = uniqueName('overview-rf3');

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '6', '--replication-factor', '3']);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await disconnectAll();
});

describe('GET /api/clusters/{cluster}/overview', () => {
  test('agrees with the Kafka CLI (and ZooKeeper) on mode, release, brokers, active controller and partition leaders', async () => {
    const res = await api.get<ClusterOverview>('/api/clusters/local/overview');
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.mode).toBe(testKind.mode);
    expect(o.kafkaVersion).toBe(testKind.version.split('.').slice(0, 2).join('.'));
    expect(o.brokers.map((b) => `${b.id}@${b.host}:${b.port}`).sort()).toEqual(await cliBrokers());
    expect(o.brokers.filter((b) => !b.reachable || !b.registered)).toEqual([]);
    expect(o.controller).toMatchObject({ id: await cliController(), source: testKind.kraft ? 'DescribeQuorum' : 'Metadata' });
    if (testKind.kraft) {
      const status = await testKafka.toolOk('kafka-metadata-quorum', ['describe', '--status']);
      const voters = /CurrentVoters:\s+(.*)/.exec(status)?.[1] ?? '';
      expect(o.quorum?.voters.slice().sort()).toEqual([...voters.matchAll(/"id":\s*(\d+)/g)].map((m) => Number(m[1])).sort());
      expect(o.quorum?.leaderId).toBe(o.controller.id);
    } else {
      expect(o.quorum).toBeNull();
    }
    const cli = await cliLeaderCounts();
    for (const b of o.brokers) expect(b.leaders, `leaders on broker ${b.id}`).toBe(cli.get(b.id) ?? 0);
    expect(o.partitions.underReplicated).toBe(0);
    expect(o.partitions.offline).toBe(0);
    expect(o.topics.total).toBeGreaterThanOrEqual(1);
  });

  test('with one broker stopped it answers within seconds, marks it unreachable and counts under-replicated partitions', async () => {
    // The hardest broker to lose is the one the console bootstrapped from.
    await api.get('/api/clusters/local/overview');
    const seedPort = clientsLazy('local').cluster.brokerPool.seedBroker?.connectionPool.port;
    const victim = testKafka.nodes.find((n) => n.port === Number(seedPort))?.id ?? testKafka.nodes[0].id;
    await testKafka.stopNode(victim);
    try {
      const started = Date.now();
      const res = await waitFor(
        () => api.get<ClusterOverview>('/api/clusters/local/overview'),
        (r) => r.status === 200 && r.body.partitions.underReplicated > 0,
        30_000,
      );
      expect(res.status).toBe(200);
      const single = Date.now();
      const again = await api.get<ClusterOverview>('/api/clusters/local/overview');
      expect(Date.now() - single, 'one overview request with a broker down').toBeLessThan(5000);
      expect(again.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(35_000);
      const down = again.body.brokers.find((b) => b.id === victim);
      expect(down).toBeDefined();
      expect(down!.reachable).toBe(false);
      expect(down!.error).toBeTruthy();
      const urp = await testKafka.toolOk('kafka-topics', ['--describe', '--under-replicated-partitions']);
      const cliCount = urp.split('\n').filter((l) => /\tPartition: \d+/.test(l)).length;
      expect(again.body.partitions.underReplicated).toBe(cliCount);
      expect(cliCount).toBeGreaterThanOrEqual(6);
    } finally {
      await testKafka.startNode(victim);
    }
    const healed = await waitFor(
      () => api.get<ClusterOverview>('/api/clusters/local/overview'),
      (r) => r.status === 200 && r.body.partitions.underReplicated === 0 && r.body.brokers.every((b) => b.reachable),
      90_000,
    );
    expect(healed.body.partitions.underReplicated).toBe(0);
    expect(healed.body.brokers.find((b) => b.id === victim)?.reachable).toBe(true);
  });

  test('unknown cluster id is a 404 in the error envelope', async () => {
    const res = await api.get('/api/clusters/no-such-cluster/overview');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No cluster with id "no-such-cluster" is configured' } });
  });

  test('an unreachable bootstrap server is a quick 503 that names the address', async () => {
    const started = Date.now();
    const res = await api.get<{ error: { code: string; message: string; details: { bootstrap: { address: string; error: string }[] } } }>(
      '/api/clusters/offline/overview',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    const address = res.body.error.details.bootstrap[0].address;
    expect(res.body.error.message).toContain(address);
    expect(res.body.error.message).toMatch(/connection refused/);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|at .*\.js:\d+/);
  });
});

describe('GET /api/clusters', () => {
  test('lists configured clusters without credentials', async () => {
    const res = await api.get<{ clusters: { id: string }[] }>('/api/clusters');
    expect(res.status).toBe(200);
    const secured = hasSecureCluster
      ? ['secure', 'secure-mtls', 'secure-badpass', 'secure-untrusted', 'secure-wrongname', 'secure-nocert', 'secure-nobody', 'secure-limited']
      : [];
    expect(res.body.clusters.map((c) => c.id)).toEqual(['local', 'offline', 'misadvertised', 'frozen', 'secured', ...secured, 'registry-down']);
    expect(JSON.stringify(res.body)).not.toMatch(/"(password|passwordEnv|passwordFile|caFile|certFile|keyFile|username)":/);
  });
});

describe('GET /api/openapi.json', () => {
  test('documents every route with its parameters', async () => {
    const res = await api.get<{ openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[] }>> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/clusters/{cluster}/overview'].get.parameters.map((p) => p.name)).toContain('cluster');
  });
});

describe.runIf(testKind.isDefault)('a broker that advertises an address the console cannot reach', () => {
  test('the overview names the advertised address and why it fails, quickly', async () => {
    const started = Date.now();
    const res = await api.get<ClusterOverview & { error?: { message: string } }>('/api/clusters/misadvertised/overview');
    expect(Date.now() - started).toBeLessThan(15_000);
    const text = JSON.stringify(res.body);
    expect(text).toContain(MISADVERTISED_HOST);
    expect(res.status).toBe(200);
    expect(res.body.brokers).toHaveLength(1);
    expect(res.body.brokers[0]).toMatchObject({ id: 1, host: MISADVERTISED_HOST, reachable: false });
    expect(res.body.brokers[0].error).toMatch(new RegExp(`advertises ${MISADVERTISED_HOST.replace(/\./g, '\\.')}:\\d+.*does not resolve`));
  });
});
