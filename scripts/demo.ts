/**
 * `npm run demo`: a local single-node Kafka with sample data, and the console on top.
 *
 * - Topics with different partition counts and configs, a producer writing a steady
 *   trickle of keyed JSON records with headers, a consumer group that is behind (a slow
 *   live consumer) and one that is empty (committed offsets, no members).
 * - With KAFKA_BROKERS or KAFKA_CONSOLE_CONFIG set, no local Kafka is started and no
 *   sample data is written: the console just opens on that cluster.
 * - Sign-in is on, as everywhere: a demo admin with a fresh random password is written to
 *   .cache/demo/console.json (only its hash) and the sign-in is printed, like Jupyter's token.
 *   With KAFKA_CONSOLE_CONFIG, that file's own sign-in applies.
 * - `npm run demo -- --kafka 3.9.2 --zookeeper`: that Kafka release instead of the pinned one,
 *   in ZooKeeper mode as three ZooKeeper nodes and three brokers under a chroot (the topology the
 *   classic setup guides describe); `--kafka V` alone runs that release in KRaft mode.
 * - `npm run demo -- --secure`: a secured cluster instead (SASL_SSL with SCRAM-SHA-512, mutual TLS,
 *   StandardAuthorizer; see docs/kafka-security.md), the console connecting as a super user, and a
 *   few sample ACLs, SCRAM users and quotas to look at.
 * - A Kafka Connect worker (distributed mode, one worker) with a FileStreamSource feeding the
 *   topic connect.lines from .cache/demo/connect/input.txt (a line appended every few seconds)
 *   and a FileStreamSink writing that topic to output.txt beside it (not with --secure).
 * - A schema registry (Apicurio, in memory; scripts/kafka/registry.ts) beside the local Kafka, with
 *   an Avro topic (sensor-readings) and a Protobuf topic (shipments), each written with two
 *   versions of its schema.
 * - Ctrl-C stops everything.
 */

/** A console config for the demo: the cluster, one admin with a random password, a session secret. */
async function demoConfig(brokers: string[], name: string, secured: Record<string, unknown> = {}): Promise<{ file: string; password: string }> {
  const dir = join(projectRoot, '.cache', 'demo');
  mkdirSync(dir, { recursive: true });
  const password = randomBytes(12).toString('base64url');
  const file = join(dir, 'console.json');
  const config = {
    auth: {
      users: [{ username: 'admin', passwordHash: await hashPassword(password), roles: ['admin'] }],
      session: { secret: { value: randomBytes(32).toString('base64url') } },
    },
    audit: { file: join(dir, 'audit.jsonl') },
    // Lag history kept across demo restarts, sampled every 10 s so the lagging group's trend shows within a minute.
    dataDir: join(dir, 'data'),
    clusters: [{ id: 'local', name, bootstrapServers: brokers, history: { intervalSeconds: 10 }, ...secured }],
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return { file, password };
}
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer, type KafkaConfig, type Producer } from 'kafkajs';
import { freePort, KafkaCluster, kafkaVersion, projectRoot } from './kafka/cluster';
import { spawnConsoleServer } from './console-server';
import { ConnectGroup } from './kafka/connect';
import { hashPassword } from '../lib/auth/passwords';
import { SchemaRegistry } from './kafka/registry';
import { compile, frame, type SchemaFormat } from '../lib/schema-registry/codec';

const log = (line: string) => process.stdout.write(`${line}\n`);

const SAMPLE_TOPICS = [
  { topic: 'orders', numPartitions: 6, configEntries: [{ name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) }] },
  {
    topic: 'payments',
    numPartitions: 3,
    configEntries: [
      { name: 'compression.type', value: 'zstd' },
      { name: 'min.insync.replicas', value: '1' },
    ],
  },
  { topic: 'customers', numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
  {
    topic: 'audit.log',
    numPartitions: 1,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'segment.bytes', value: String(16 * 1024 * 1024) },
    ],
  },
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const buildId = join(projectRoot, '.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib'].map((d) => newestMtime(join(projectRoot, d)));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources)) return;
  log('Building the console (next build)...');
  const res = spawnSync(join(projectRoot, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error('next build failed');
}

const customers = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

async function seed(
  brokers: string[],
  security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {},
): Promise<{ producer: Producer; consumer: Consumer; timer: NodeJS.Timeout }> {
  const kafka = new Kafka({ clientId: 'kafka-console-demo', brokers, logLevel: logLevel.NOTHING, ...security });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: SAMPLE_TOPICS, waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();

  // A backlog so the browser and the lagging group have something to show.
  let seq = 0;
  const order = () => {
    seq++;
    const customer = customers[seq % customers.length];
    return {
      key: customer,
      value: JSON.stringify({
        id: seq,
        customer,
        amount: Math.round(Math.random() * 50_000) / 100,
        currency: 'EUR',
        items: (seq % 4) + 1,
        at: new Date().toISOString(),
      }),
      headers: { source: 'demo', 'trace-id': `t-${seq.toString(16).padStart(8, '0')}` },
    };
  };
  await producer.send({ topic: 'orders', messages: Array.from({ length: 600 }, order) });
  await producer.send({
    topic: 'customers',
    messages: customers.map((c) => ({ key: c, value: JSON.stringify({ name: c, tier: c.length % 2 ? 'gold' : 'silver' }) })),
  });
  await producer.send({ topic: 'audit.log', messages: [{ key: null, value: 'console demo started' }] });

  // An empty group: offsets committed halfway, no members.
  const offsets = await admin.fetchTopicOffsets('orders');
  await admin.setOffsets({
    groupId: 'analytics-batch',
    topic: 'orders',
    partitions: offsets.map((o) => ({ partition: o.partition, offset: String(Math.floor(Number(o.high) / 2)) })),
  });
  await admin.disconnect();

  // A group that is behind: a live consumer slower than the producer.
  // Commits every few seconds, not only after a whole (slowly processed) batch.
  const consumer = kafka.consumer({ groupId: 'billing-service' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: true });
  // Every partition progresses, at about two records a second in all: behind a producer of three.
  await consumer.run({
    autoCommitInterval: 3_000,
    partitionsConsumedConcurrently: 6,
    eachMessage: async () => {
      await new Promise((r) => setTimeout(r, 2_500));
    },
  });

  // The steady trickle: a few keyed JSON records with headers every second.
  const timer = setInterval(() => {
    const batch = Array.from({ length: 3 }, order);
    void producer.send({ topic: 'orders', messages: batch }).catch(() => undefined);
    void producer
      .send({ topic: 'payments', messages: [{ key: batch[0].key, value: JSON.stringify({ order: seq, status: 'captured' }), headers: { source: 'demo' } }] })
      .catch(() => undefined);
  }, 1000);
  return { producer, consumer, timer };
}

/**
 * One distributed Connect worker on the demo cluster: a FileStreamSource reading a file that
 * grows by a line every few seconds into connect.lines, and a FileStreamSink writing it back out.
 */
async function demoConnect(cluster: KafkaCluster): Promise<{ group: ConnectGroup; url: string; timer: NodeJS.Timeout }> {
  const dir = join(projectRoot, '.cache', 'demo', 'connect');
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'input.txt');
  writeFileSync(input, 'the demo source connector reads this file\n');
  await cluster.toolOk('kafka-topics', ['--create', '--if-not-exists', '--topic', 'connect.lines', '--partitions', '1', '--replication-factor', '1']);
  const started = Date.now();
  const group = await ConnectGroup.start({
    bootstrap: cluster.bootstrap,
    groupId: 'demo-connect',
    replicationFactor: Math.min(3, cluster.nodes.length),
    version: cluster.version,
    log,
  });
  const url = group.workers[0].url;
  log(`Kafka Connect worker ready at ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const put = async (name: string, config: Record<string, string>) => {
    const res = await fetch(`${url}/connectors/${name}/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(config),
    });
    if (!res.ok) throw new Error(`creating the demo connector ${name} failed: ${res.status} ${await res.text()}`);
  };
  await put('demo-file-source', { 'connector.class': 'FileStreamSource', file: input, topic: 'connect.lines' });
  await put('demo-file-sink', { 'connector.class': 'FileStreamSink', file: join(dir, 'output.txt'), topics: 'connect.lines' });
  let n = 0;
  const timer = setInterval(() => appendFileSync(input, `line ${++n} at ${new Date().toISOString()}\n`), 3000);
  return { group, url, timer };
}

async function main() {
  const external = Boolean(process.env.KAFKA_BROKERS || process.env.KAFKA_CONSOLE_CONFIG);
  let cluster: KafkaCluster | null = null;
  let registry: SchemaRegistry | null = null;
  let sample: Awaited<ReturnType<typeof seed>> | null = null;
  let server: ChildProcess | null = null;
  let connect: Awaited<ReturnType<typeof demoConnect>> | null = null;
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('\nStopping...');
    if (sample) {
      clearInterval(sample.timer);
      await Promise.allSettled([sample.consumer.disconnect(), sample.producer.disconnect()]);
    }
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    if (connect) clearInterval(connect.timer);
    await connect?.group.stop();
    await Promise.allSettled([cluster?.stop(), registry?.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: '1', KAFKAJS_NO_PARTITIONER_WARNING: '1' };
  let password: string | null = null;
  if (external) {
    log('Using the cluster from KAFKA_BROKERS / KAFKA_CONSOLE_CONFIG; no local Kafka is started.');
    if (!process.env.KAFKA_CONSOLE_CONFIG) {
      const demo = await demoConfig(
        (process.env.KAFKA_BROKERS ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        process.env.KAFKA_CLUSTER_NAME ?? 'local',
      );
      env.KAFKA_CONSOLE_CONFIG = demo.file;
      password = demo.password;
    }
  } else {
    const args = process.argv.slice(2);
    const version = args.includes('--kafka') ? args[args.indexOf('--kafka') + 1] : undefined;
    const zookeeper = args.includes('--zookeeper');
    const secure = args.includes('--secure');
    const registryStarting = SchemaRegistry.start({ log });
    cluster = await KafkaCluster.start(
      secure
        ? {
            nodes: 1,
            version,
            log,
            security: 'sasl_ssl',
            scramUsers: ['console', 'orders-app', 'billing'],
            superUsers: ['User:console'],
            config: { 'auto.create.topics.enable': 'false' },
          }
        : zookeeper
          ? {
              nodes: 3,
              version,
              mode: 'zookeeper',
              zookeeperNodes: 3,
              chroot: '/kafka01',
              log,
              config: { 'auto.create.topics.enable': 'false', 'default.replication.factor': '3' },
            }
          : { nodes: 1, version, log, config: { 'auto.create.topics.enable': 'false' } },
    );
    const tls = cluster.tls;
    const secured = tls
      ? {
          ssl: { enabled: true, caFile: tls.caFile },
          sasl: { mechanism: 'scram-sha-512', username: 'console', passwordFile: writeSecret('console-password.txt', cluster.passwords.console) },
          authorizer: { superUsers: ['User:admin', 'User:broker', 'User:console'], allowEveryoneIfNoAclFound: false },
        }
      : {};
    registry = await registryStarting;
    const name = zookeeper ? `Local demo (Kafka ${cluster.version}, ZooKeeper)` : tls ? 'Local demo (SASL_SSL, ACLs)' : 'Local demo';
    // A new Kafka each start: the lag history of the last one does not apply to it.
    rmSync(join(projectRoot, '.cache', 'demo', 'data'), { recursive: true, force: true });
    if (!tls && cluster.version === kafkaVersion()) {
      log('Starting a Kafka Connect worker...');
      connect = await demoConnect(cluster);
    }
    const demo = await demoConfig(cluster.brokers, name, {
      ...secured,
      schemaRegistry: { url: registry.url },
      ...(connect ? { connect: [{ name: 'demo', url: connect.url }] } : {}),
    });
    env.KAFKA_CONSOLE_CONFIG = demo.file;
    password = demo.password;
    log('Writing sample data...');
    const clientSecurity: Partial<KafkaConfig> = tls
      ? { ssl: { ca: [readFileSync(tls.caFile, 'utf8')] }, sasl: { mechanism: 'scram-sha-512', username: 'console', password: cluster.passwords.console } }
      : {};
    sample = await seed(cluster.brokers, clientSecurity);
    if (tls) await securitySamples(cluster);
    await schemaSamples(registry.url, sample.producer, cluster.brokers, clientSecurity);
  }

  buildIfStale();
  const port = Number(process.env.PORT) || (await freePort());
  const host = process.env.HOST ?? '127.0.0.1';
  server = spawnConsoleServer({ host, port, env: { ...process.env, ...env, KAFKA_CONSOLE_BIND: host }, stdio: ['ignore', 'ignore', 'inherit'] });
  server.once('exit', (code) => {
    if (!stopping) {
      log(`The console server exited (${code}).`);
      void stop();
    }
  });
  const url = `http://${host}:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/login`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`\nKafka Console is running at ${url}`);
  if (password) log(`Sign in as admin with the password ${password}  (new on every start; only its hash is kept, in ${env.KAFKA_CONSOLE_CONFIG})`);
  else log('Sign in with a user from your KAFKA_CONSOLE_CONFIG.');
  if (cluster) log(`Local Kafka ${cluster.version} at ${cluster.bootstrap} (sample topics: ${SAMPLE_TOPICS.map((t) => t.topic).join(', ')})`);
  if (cluster?.zookeeper) log(`ZooKeeper ensemble: ${cluster.zookeeper.connect}`);
  if (registry) log(`Schema registry (Apicurio, Confluent-compatible API) at ${registry.url} (topics: sensor-readings in Avro, shipments in Protobuf)`);
  log('Press Ctrl-C to stop.');
}

const READING_V1 = {
  type: 'record',
  name: 'Reading',
  namespace: 'demo.sensors',
  fields: [
    { name: 'sensor', type: 'string' },
    { name: 'celsius', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};
const READING_V2 = { ...READING_V1, fields: [...READING_V1.fields, { name: 'battery', type: ['null', 'int'], default: null }] };
const SHIPMENT_V1 = `syntax = "proto3";
package demo.shipping;
import "google/protobuf/timestamp.proto";
message Shipment {
  string id = 1;
  string destination = 2;
  google.protobuf.Timestamp shipped_at = 3;
  message Parcel { string sku = 1; int32 grams = 2; }
  repeated Parcel parcels = 4;
}
`;
const SHIPMENT_V2 = SHIPMENT_V1.replace('  repeated Parcel parcels = 4;\n', '  repeated Parcel parcels = 4;\n  Carrier carrier = 5;\n').concat(
  'enum Carrier { CARRIER_UNKNOWN = 0; POST = 1; COURIER = 2; }\n',
);

/** Registers a schema through the registry's REST API; its id. */
async function registerSchema(url: string, subject: string, schema: string, schemaType: SchemaFormat): Promise<number> {
  const res = await fetch(`${url}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema, ...(schemaType === 'AVRO' ? {} : { schemaType }) }),
  });
  if (!res.ok) throw new Error(`registering ${subject}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** An Avro and a Protobuf topic, each written with two versions of its schema, for the record view and the Schemas page. */
async function schemaSamples(url: string, producer: Producer, brokers: string[], security: Partial<KafkaConfig>): Promise<void> {
  const admin = new Kafka({ ...security, brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    await admin
      .createTopics({
        topics: [
          { topic: 'sensor-readings', numPartitions: 2 },
          { topic: 'shipments', numPartitions: 2 },
        ],
      })
      .catch(() => false);
  } finally {
    await admin.disconnect();
  }
  const send = async (topic: string, subject: string, schema: string, type: SchemaFormat, values: { key: string; value: unknown; type?: string }[]) => {
    const id = await registerSchema(url, subject, schema, type);
    const codec = compile({ schema, schemaType: type, references: [] });
    await producer.send({ topic, messages: values.map((v) => ({ key: v.key, value: frame(id, codec.encode(v.value, v.type)) })) });
  };
  const now = Date.now();
  const reading = (i: number) => ({ sensor: `sensor-${i % 4}`, celsius: (18 + i / 10).toFixed(2), at: new Date(now - (40 - i) * 60_000).toISOString() });
  await send(
    'sensor-readings',
    'sensor-readings-value',
    JSON.stringify(READING_V1),
    'AVRO',
    Array.from({ length: 20 }, (_, i) => ({ key: `sensor-${i % 4}`, value: reading(i) })),
  );
  await send(
    'sensor-readings',
    'sensor-readings-value',
    JSON.stringify(READING_V2),
    'AVRO',
    Array.from({ length: 20 }, (_, i) => ({ key: `sensor-${i % 4}`, value: { ...reading(i + 20), battery: 90 - i } })),
  );
  const shipment = (i: number) => ({
    id: `ship-${i}`,
    destination: ['Lisbon', 'Oslo', 'Kyoto'][i % 3],
    shippedAt: new Date(now - (30 - i) * 3_600_000).toISOString(),
    parcels: [{ sku: `SKU-${i}`, grams: 250 * (i + 1) }],
  });
  await send(
    'shipments',
    'shipments-value',
    SHIPMENT_V1,
    'PROTOBUF',
    Array.from({ length: 10 }, (_, i) => ({ key: `ship-${i}`, value: shipment(i), type: 'demo.shipping.Shipment' })),
  );
  await send(
    'shipments',
    'shipments-value',
    SHIPMENT_V2,
    'PROTOBUF',
    Array.from({ length: 10 }, (_, i) => ({
      key: `ship-${i + 10}`,
      value: { ...shipment(i + 10), carrier: i % 2 ? 'POST' : 'COURIER' },
      type: 'demo.shipping.Shipment',
    })),
  );
}

/** A secret for the demo's config file, in a file of its own (mode 600) under .cache/demo. */
function writeSecret(name: string, value: string): string {
  const file = join(projectRoot, '.cache', 'demo', name);
  mkdirSync(join(projectRoot, '.cache', 'demo'), { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}

/** ACLs for a producer and a consumer, and a quota, so the security pages have something to show. */
async function securitySamples(cluster: KafkaCluster): Promise<void> {
  await cluster.toolOk('kafka-acls', ['--add', '--allow-principal', 'User:orders-app', '--producer', '--topic', 'orders']);
  await cluster.toolOk('kafka-acls', ['--add', '--allow-principal', 'User:billing', '--consumer', '--topic', 'orders', '--group', 'billing']);
  await cluster.toolOk('kafka-acls', ['--add', '--deny-principal', 'User:billing', '--operation', 'Read', '--topic', 'payments']);
  await cluster.toolOk('kafka-configs', ['--alter', '--add-config', 'producer_byte_rate=1048576', '--entity-type', 'users', '--entity-name', 'orders-app']);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
