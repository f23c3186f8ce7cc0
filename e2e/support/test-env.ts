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
import { ConnectGroup } from '../../scripts/kafka/connect';
import { SchemaRegistry } from '../../scripts/kafka/registry';
import { hashPassword } from '../../lib/auth/passwords';
import { ensurePythonClients } from './python';
import type { KafkaKind } from './kind';

const NO_HISTORY = { enabled: false };

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
  registry: SchemaRegistry;
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
  const [, cluster, misadvertised, secure, registry] = await Promise.all([
    // The Python clients (confluent-kafka) some tests check against: installed meanwhile, not in a test.
    // A failed install is logged here and is each such test's error, not the environment's.
    ensurePythonClients(log).then(
      () => null,
      (err: Error) => log(`Python clients not installed: ${err.message}`),
    ),
    kind
      ? KafkaCluster.start({ nodes: 3, log, version: kind.version, mode: kind.mode, zookeeperNodes: 3, chroot: '/kafka01' })
      : KafkaCluster.start({ nodes: 3, log, logDirs: 2 }),
    kind ? null : KafkaCluster.start({ nodes: 1, log, externalAdvertisedHost: MISADVERTISED_HOST }),
    kind ? null : startSecuredCluster(log),
    // One registry per run, shared by the API and browser tests (Apicurio, in memory).
    SchemaRegistry.start({ log }),
  ]);
  // Two distributed Connect workers in one group on the main cluster (the full suite only):
  // rebalances, forwarding to the leader and 409s during a rebalance are real.
  const connect = kind
    ? null
    : await ConnectGroup.start({ bootstrap: cluster.bootstrap, workers: 2, groupId: 'console-test-connect', replicationFactor: 3, log }).catch(async (err) => {
        await Promise.all([cluster.stop(), misadvertised?.stop(), secure?.stop(), registry.stop()]);
        throw err;
      });
  const dir = mkdtempSync(join(tmpdir(), 'kafka-console-test-'));
  const secureClusters = secure ? securedClusterConfigs(secure, dir) : [];
  const offlinePort = await freePort();
  const configFile = join(dir, 'clusters.json');
  const saslSecret = `sasl-${randomBytes(9).toString('base64url')}`;
  const connectSecret = `connect-${randomBytes(9).toString('base64url')}`;
  const sessionSecret = randomBytes(32).toString('hex');
  const registrySecret = `registry-${randomBytes(9).toString('base64url')}`;
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
        dataDir: join(dir, 'data'),
        clusters: [
          // The browser tests' console samples the main cluster every 2 s (the API tests start their own sampler).
          {
            id: 'local',
            name: 'Local test cluster',
            bootstrapServers: cluster.brokers,
            history: { intervalSeconds: 2 },
            // The console talks to the second worker, so requests that only the leader serves are forwarded.
            connect: connect
              ? [
                  { name: 'main', url: connect.workers[1].url },
                  // Unreachable, with a password that must never leave the server (see e2e/api/secrets.test.ts).
                  { name: 'down', url: `http://127.0.0.1:${offlinePort}`, timeoutSeconds: 3, basicAuth: { username: 'console', password: connectSecret } },
                ]
              : [],
            schemaRegistry: { url: registry.url },
          },
          { id: 'offline', name: 'Unreachable cluster', bootstrapServers: [`127.0.0.1:${offlinePort}`], history: NO_HISTORY },
          {
            id: 'misadvertised',
            name: 'Misadvertised cluster',
            bootstrapServers: misadvertised?.externalBootstrap ?? [`127.0.0.1:${offlinePort}`],
            history: NO_HISTORY,
          },
          { id: 'frozen', name: 'Read-only view of the local cluster', bootstrapServers: cluster.brokers, readOnly: true, history: NO_HISTORY },
          // Credentials that must never leave the server (see e2e/api/secrets.test.ts).
          {
            id: 'secured',
            name: 'SASL cluster (unreachable)',
            bootstrapServers: [`127.0.0.1:${offlinePort}`],
            sasl: { mechanism: 'scram-sha-512', username: 'console', password: saslSecret },
            history: NO_HISTORY,
            schemaRegistry: { url: registry.url, basicAuth: { username: 'console', password: { value: registrySecret } } },
          },
          ...secureClusters.map((c) => ({ ...c, history: NO_HISTORY })),
          // The local cluster with a registry that is not there: records shown raw with a warning.
          {
            id: 'registry-down',
            name: 'Local cluster, registry unreachable',
            bootstrapServers: cluster.brokers,
            schemaRegistry: { url: `http://127.0.0.1:${offlinePort}/apis/ccompat/v7`, timeoutMs: 1000 },
            history: NO_HISTORY,
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
    registry,
    env: {
      KAFKA_CONSOLE_CONFIG: configFile,
      KAFKA_TEST_USERS: JSON.stringify(users.map((u) => ({ username: u.username, password: u.password }))),
      KAFKA_TEST_AUDIT: join(dir, 'audit.jsonl'),
      KAFKA_TEST_SECRETS: JSON.stringify([
        saslSecret,
        sessionSecret,
        registrySecret,
        ...(connect ? [connectSecret] : []),
        ...Object.values(secure?.passwords ?? {}),
      ]),
      KAFKA_TEST_REGISTRY: registry.url,
      ...(secure ? { KAFKA_TEST_SECURE: JSON.stringify(securedTestInfo(secure)) } : {}),
      KAFKA_TEST_BROKERS: cluster.bootstrap,
      KAFKA_TEST_KIND: JSON.stringify({ version: cluster.version, mode: cluster.mode } satisfies KafkaKind),
      ...(kind ? { KAFKA_TEST_COMPAT: '1' } : {}),
      ...(cluster.zookeeper ? { KAFKA_TEST_ZOOKEEPER: cluster.zookeeper.connect } : {}),
      KAFKA_TEST_NODES: JSON.stringify(cluster.nodes.map((n) => ({ id: n.id, port: n.port }))),
      KAFKA_TEST_CONTROL: `http://127.0.0.1:${port}`,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...(connect ? { KAFKA_TEST_CONNECT: JSON.stringify(connectTestInfo(connect)) } : {}),
    },
    async stop() {
      await new Promise<void>((r) => control.close(() => r()));
      await connect?.stop();
      await Promise.all([cluster.stop(), misadvertised?.stop(), secure?.stop(), registry.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the Connect tests need: the workers' REST URLs, the group and its worker settings, to start one more. */
export interface ConnectTestInfo {
  workers: string[];
  groupId: string;
  /** Where the workers run (a FileStreamSink's file is written relative to nothing: tests give absolute paths). */
  dataDir: string;
  startSeconds: number[];
}

function connectTestInfo(g: ConnectGroup): ConnectTestInfo {
  return { workers: g.workers.map((w) => w.url), groupId: g.groupId, dataDir: g.dataDir, startSeconds: g.startSeconds };
}

/** Principals of the secured cluster the tests use, besides admin and the console's own. */
export const SECURE_USERS = {
  /** The console's principal on the secured cluster: a super user, as a console's usually has broad rights. */
  console: 'console',
  /** Authenticates, but no ACL allows it anything: the "lacks DESCRIBE on the cluster" case. */
  nobody: 'nobody',
  /** May describe and read every topic, and nothing else (no groups, no cluster). */
  limited: 'limited',
} as const;

/** One node: SASL_SSL + SCRAM, mutual TLS, a wrongly named certificate, StandardAuthorizer (scripts/kafka/cluster.ts). */
async function startSecuredCluster(log: (line: string) => void): Promise<KafkaCluster> {
  const cluster = await KafkaCluster.start({
    nodes: 1,
    log,
    security: 'sasl_ssl',
    scramUsers: Object.values(SECURE_USERS),
    clientCerts: ['console-mtls', 'stranger'],
    superUsers: ['User:console', 'User:console-mtls'],
  });
  // limited: every topic, read and describe (configs too), nothing else.
  await cluster.toolOk('kafka-acls', [
    '--add',
    '--allow-principal',
    `User:${SECURE_USERS.limited}`,
    '--operation',
    'Read',
    '--operation',
    'Describe',
    '--operation',
    'DescribeConfigs',
    '--topic',
    '*',
  ]);
  return cluster;
}

/**
 * The secured cluster as the console's config file names it, once per way of connecting
 * (each written as a user would: caFile, passwordFile, certFile/keyFile), and once per
 * way of getting it wrong.
 */
function securedClusterConfigs(secure: KafkaCluster, dir: string): Record<string, unknown>[] {
  const tls = secure.tls as NonNullable<KafkaCluster['tls']>;
  const passwordFile = (user: string, password = secure.passwords[user]) => {
    const file = join(dir, `${user}-password-${randomBytes(3).toString('hex')}.txt`);
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return file;
  };
  const sasl = (user: string, password?: string) => ({ mechanism: 'scram-sha-512', username: user, passwordFile: passwordFile(user, password) });
  const ssl = { enabled: true, caFile: tls.caFile };
  const mtls = tls.clients['console-mtls'];
  return [
    {
      id: 'secure',
      name: 'Secured cluster (SASL_SSL)',
      bootstrapServers: secure.brokers,
      ssl,
      sasl: sasl(SECURE_USERS.console),
      // As in the brokers' server.properties (see startSecuredCluster): Kafka's API does not reveal them.
      authorizer: { superUsers: ['User:admin', 'User:broker', 'User:console', 'User:console-mtls'], allowEveryoneIfNoAclFound: false },
    },
    {
      id: 'secure-mtls',
      name: 'Secured cluster (mutual TLS)',
      bootstrapServers: secure.mtlsBrokers,
      ssl: { ...ssl, certFile: mtls.cert, keyFile: mtls.key },
    },
    {
      id: 'secure-badpass',
      name: 'Secured cluster, wrong password',
      bootstrapServers: secure.brokers,
      ssl,
      sasl: sasl(SECURE_USERS.console, 'not-the-password'),
    },
    {
      id: 'secure-untrusted',
      name: 'Secured cluster, untrusted CA',
      bootstrapServers: secure.brokers,
      ssl: { enabled: true, caFile: tls.untrustedCaFile },
      sasl: sasl(SECURE_USERS.console),
    },
    { id: 'secure-wrongname', name: 'Secured cluster, wrong host name', bootstrapServers: secure.wrongNameBrokers, ssl, sasl: sasl(SECURE_USERS.console) },
    { id: 'secure-nocert', name: 'Secured cluster, no client certificate', bootstrapServers: secure.mtlsBrokers, ssl },
    { id: 'secure-nobody', name: 'Secured cluster as a principal with no ACLs', bootstrapServers: secure.brokers, ssl, sasl: sasl(SECURE_USERS.nobody) },
    { id: 'secure-limited', name: 'Secured cluster as a topics-only principal', bootstrapServers: secure.brokers, ssl, sasl: sasl(SECURE_USERS.limited) },
  ];
}

/** What tests need to run Kafka's CLI tools against the secured cluster as its principals. */
export interface SecuredTestInfo {
  bootstrap: string;
  mtlsBootstrap: string;
  caFile: string;
  version: string;
  /** --command-config files by identity: SCRAM user names, and "cert:<CN>" for client certificates. */
  clientConfigs: Record<string, string>;
}

function securedTestInfo(secure: KafkaCluster): SecuredTestInfo {
  const clientConfigs: Record<string, string> = {};
  for (const user of Object.keys(secure.passwords)) clientConfigs[user] = secure.clientConfig({ user });
  for (const cert of Object.keys(secure.tls?.clients ?? {})) clientConfigs[`cert:${cert}`] = secure.clientConfig({ cert });
  return {
    bootstrap: secure.bootstrap,
    mtlsBootstrap: secure.mtlsBrokers.join(','),
    caFile: secure.tls?.caFile ?? '',
    version: secure.version,
    clientConfigs,
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
