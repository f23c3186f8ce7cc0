/**
 * The environment the API and browser tests run against: a real 3-broker KRaft cluster,
 * a small HTTP control endpoint that lets a test stop and restart a broker, and a console
 * config file listing that cluster ("local") and one that cannot be reached ("offline").
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, KafkaCluster } from '../../scripts/kafka/cluster';
import { hashPassword } from '../../lib/auth/passwords';
import type { KafkaKind } from './kind';

/** The users the API and browser tests sign in as: one per role, and one narrowed to a topic prefix. */
export const TEST_USERS = [
  { username: 'admin', roles: ['admin'] },
  { username: 'operator', roles: ['operator'] },
  { username: 'viewer', roles: ['viewer'] },
  { username: 'team-a', roles: ['viewer', { role: 'operator', cluster: 'local', topics: 'team-a.', groups: 'team-a.' }] },
] as const;

export interface TestEnvironment {
  env: Record<string, string>;
  cluster: KafkaCluster;
  stop(): Promise<void>;
}

/** The host the "misadvertised" cluster's broker tells clients to use: it never resolves. */
export const MISADVERTISED_HOST = 'kafka-1.unreachable.invalid';

/**
 * `kind` unset: the full suite's environment, the pinned KRaft release plus a one-node cluster
 * that advertises an address clients can't reach (the classic advertised.listeners mistake).
 * `kind` set: the compatibility suite's, that release alone (ZooKeeper mode: three ZooKeeper
 * nodes and three brokers under a chroot, the topology the classic setup guides describe).
 */
export async function startTestEnvironment(log: (line: string) => void = () => {}, kind?: KafkaKind): Promise<TestEnvironment> {
  const [cluster, misadvertised] = await Promise.all([
    kind
      ? KafkaCluster.start({ nodes: 3, log, version: kind.version, mode: kind.mode, zookeeperNodes: 3, chroot: '/kafka01' })
      : KafkaCluster.start({ nodes: 3, log }),
    kind ? null : KafkaCluster.start({ nodes: 1, log, externalAdvertisedHost: MISADVERTISED_HOST }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'kafka-console-test-'));
  const offlinePort = await freePort();
  const configFile = join(dir, 'clusters.json');
  const saslSecret = `sasl-${randomBytes(9).toString('base64url')}`;
  const sessionSecret = randomBytes(32).toString('hex');
  const users = await Promise.all(TEST_USERS.map(async (u) => ({ ...u, password: randomBytes(12).toString('base64url') })));
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        auth: {
          users: await Promise.all(users.map(async (u) => ({ username: u.username, passwordHash: await hashPassword(u.password), roles: u.roles }))),
          session: { secret: { value: sessionSecret } },
        },
        audit: { file: join(dir, 'audit.jsonl') },
        clusters: [
          { id: 'local', name: 'Local test cluster', bootstrapServers: cluster.brokers },
          { id: 'offline', name: 'Unreachable cluster', bootstrapServers: [`127.0.0.1:${offlinePort}`] },
          { id: 'misadvertised', name: 'Misadvertised cluster', bootstrapServers: misadvertised?.externalBootstrap ?? [`127.0.0.1:${offlinePort}`] },
          { id: 'frozen', name: 'Read-only view of the local cluster', bootstrapServers: cluster.brokers, readOnly: true },
          // Credentials that must never leave the server (see e2e/api/secrets.test.ts).
          {
            id: 'secured',
            name: 'SASL cluster (unreachable)',
            bootstrapServers: [`127.0.0.1:${offlinePort}`],
            sasl: { mechanism: 'scram-sha-512', username: 'console', password: saslSecret },
          },
        ],
      },
      null,
      2,
    ),
  );
  const control = await controlServer(cluster);
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    cluster,
    env: {
      KAFKA_CONSOLE_CONFIG: configFile,
      KAFKA_TEST_USERS: JSON.stringify(users.map((u) => ({ username: u.username, password: u.password }))),
      KAFKA_TEST_AUDIT: join(dir, 'audit.jsonl'),
      KAFKA_TEST_SECRETS: JSON.stringify([saslSecret, sessionSecret]),
      KAFKA_TEST_BROKERS: cluster.bootstrap,
      KAFKA_TEST_KIND: JSON.stringify({ version: cluster.version, mode: cluster.mode } satisfies KafkaKind),
      ...(kind ? { KAFKA_TEST_COMPAT: '1' } : {}),
      ...(cluster.zookeeper ? { KAFKA_TEST_ZOOKEEPER: cluster.zookeeper.connect } : {}),
      KAFKA_TEST_NODES: JSON.stringify(cluster.nodes.map((n) => ({ id: n.id, port: n.port }))),
      KAFKA_TEST_CONTROL: `http://127.0.0.1:${port}`,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    },
    async stop() {
      await new Promise<void>((r) => control.close(() => r()));
      await Promise.all([cluster.stop(), misadvertised?.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function controlServer(cluster: KafkaCluster): Promise<Server> {
  const server = createServer(async (req, res) => {
    const m = /^\/(nodes|zookeeper)\/(\d+)\/(stop|start)$/.exec(req.url ?? '');
    try {
      if (req.method === 'POST' && m) {
        const id = Number(m[2]);
        const target = m[1] === 'nodes' ? cluster : cluster.zookeeper;
        if (!target) throw new Error('this cluster has no ZooKeeper ensemble');
        if (m[3] === 'stop') await target.stopNode(id);
        else await target.startNode(id);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      } else if (req.method === 'GET' && req.url === '/nodes') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(cluster.nodes.map((n) => ({ id: n.id, running: cluster.isRunning(n.id) }))));
      } else {
        res.writeHead(404).end();
      }
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
