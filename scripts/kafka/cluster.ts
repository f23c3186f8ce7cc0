/**
 * Real Apache Kafka for development, tests and benchmarks.
 *
 * Resolves the broker and Kafka's CLI tools from Maven Central (the default version is
 * pinned once, in scripts/kafka/pom.xml; others are asked for by version) into a git-ignored
 * cache, one folder per version, then runs nodes on loopback on free ports: KRaft nodes, or
 * ZooKeeper-mode brokers beside a ZooKeeper ensemble (zookeeper.ts) of the same release.
 * Used by the test orchestrator, benchmarks, the demo and the shell wrapper scripts/kafka.sh.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipEntries } from '../protocol/jar';
import { makeTlsFiles, type TlsFiles } from './tls';
import { ZooKeeperEnsemble } from './zookeeper';

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, '..', '..');
const pomPath = join(here, 'pom.xml');

export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(pomPath, 'utf8'));
  if (!match) throw new Error(`no <kafka.version> in ${pomPath}`);
  return match[1];
}

export function kafkaHome(version = kafkaVersion()): string {
  return join(projectRoot, '.cache', 'kafka', version);
}

function libsDir(version = kafkaVersion()): string {
  return join(kafkaHome(version), 'libs');
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Kafka 4 logs through log4j2; older releases through log4j 1 (reload4j from 3.1 on). */
const usesLog4j2 = (version: string) => Number(version.split('.')[0]) >= 4;

/** Logging flags for a JVM of this Kafka release (files go to -Dkafka.logs.dir). */
export function logArgs(version: string): string[] {
  return usesLog4j2(version)
    ? [`-Dlog4j2.configurationFile=${join(kafkaHome(version), 'log4j2.properties')}`]
    : [`-Dlog4j.configuration=file:${join(kafkaHome(version), 'log4j.properties')}`];
}

/** Where a version's jars live, for JVMs started elsewhere (the ZooKeeper ensemble). */
export function kafkaClasspath(version = kafkaVersion()): string {
  return `${libsDir(version)}/*`;
}

/** Fails with a clear message unless `java` 17 or newer is on the PATH. */
export function checkJava(): void {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new Error('Java 17 or newer is required to run Apache Kafka, but `java` was not found on the PATH.');
  }
  const text = `${res.stderr}${res.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
  if (major < 17) {
    throw new Error(`Java 17 or newer is required to run Apache Kafka; found: ${text.split('\n')[0]}`);
  }
}

/** The Connect artifacts of the pom's connect profile (Kafka 2.4 and later). */
const CONNECT_JARS = ['connect-file', 'connect-mirror', 'connect-basic-auth-extension'];

/** Downloads a Kafka release's jars once (the pinned one by default); later calls return at once. */
export function ensureKafka(log: (line: string) => void = () => {}, version = kafkaVersion()): string {
  checkJava();
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a Kafka version: ${version}`);
  const home = kafkaHome(version);
  const libs = libsDir(version);
  const marker = join(home, '.complete');
  // Connect's bundled connectors for the pinned release only: the tests and the demo run workers on it,
  // and the registry here does not serve every release's (connect-basic-auth-extension 3.9.2 is missing).
  const withConnect = version === kafkaVersion();
  // Caches fetched before the pom listed Kafka Connect's connectors get just those added.
  const connectMissing = withConnect && CONNECT_JARS.some((a) => !existsSync(join(libs, `${a}-${version}.jar`)));
  if (existsSync(marker) && !connectMissing) return libs;
  const refill = existsSync(marker);
  log(`Fetching Apache Kafka ${version}${refill ? "'s Connect connectors" : ''} from Maven Central (one time)...`);
  const started = Date.now();
  if (!refill) rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  const res = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      pomPath,
      `-Dkafka.version=${version}`,
      // Scala 2.13 builds exist from Kafka 2.4 on.
      `-Dscala.binary=${compareVersions(version, '2.4.0') < 0 ? '2.12' : '2.13'}`,
      ...(withConnect ? [] : ['-DnoConnect']),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (res.error) throw new Error('Maven (`mvn`) is required to fetch Apache Kafka from Maven Central.');
  if (res.status !== 0) throw new Error(`Fetching Apache Kafka ${version} with Maven failed (exit ${res.status}).`);
  // The pom's log4j2 binding is for Kafka 4; older releases bring their own log4j 1 binding.
  if (!usesLog4j2(version)) for (const jar of readdirSync(libs)) if (jar.startsWith('log4j-slf4j-impl-')) rmSync(join(libs, jar));
  if (!refill) writeFileSync(join(home, usesLog4j2(version) ? 'log4j2.properties' : 'log4j.properties'), usesLog4j2(version) ? LOG4J2 : LOG4J1);
  writeFileSync(marker, new Date().toISOString());
  log(`Fetched Kafka ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libs;
}

const LOG4J2 = `status = error
appender.file.type = File
appender.file.name = file
appender.file.fileName = \${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;

const LOG4J1 = `log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=\${kafka.logs.dir}/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.zookeeper=WARN
`;

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
    s.once('timeout', () => {
      s.destroy();
      res(false);
    });
    s.connect(port, '127.0.0.1');
  });
}

export function javaArgs(mainClass: string, heap: string, extra: string[] = [], version = kafkaVersion()): string[] {
  return [
    `-Xmx${heap}`,
    `-Xms${heap === '1g' ? '512m' : '128m'}`,
    '-XX:+UseG1GC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    ...logArgs(version),
    ...extra,
    '-cp',
    kafkaClasspath(version),
    mainClass,
  ];
}

export interface NodeInfo {
  id: number;
  port: number;
  controllerPort: number;
  /** Port of the extra EXTERNAL listener (see StartOptions.externalAdvertisedHost). */
  externalPort?: number;
  /** Secured clusters: the mutual-TLS listener (SSL, client certificate required). */
  mtlsPort?: number;
  /** Secured clusters: a SASL_SSL listener whose certificate names kafka.invalid only. */
  wrongNamePort?: number;
  dir: string;
}

export type KafkaMode = 'kraft' | 'zookeeper';

/**
 * 'sasl_ssl': what production clusters run. Each node has
 * - CLIENT, SASL_SSL with SCRAM-SHA-512 (the bootstrap address; users created at format time),
 * - MTLS, SSL with a client certificate required (principal = the certificate's CN),
 * - WRONGNAME, SASL_SSL with a certificate for kafka.invalid only (hostname verification fails),
 * - CONTROLLER, SSL with client certificates (SCRAM cannot be used between controllers);
 * brokers talk to each other over MTLS as User:broker. StandardAuthorizer decides, with
 * User:admin and User:broker as super users; nothing is allowed without an ACL.
 */
export type Security = 'plaintext' | 'sasl_ssl';

/** How a client authenticates to a secured cluster: a SCRAM user, or a client certificate by CN. */
export type ClientIdentity = { user: string; password?: string } | { cert: string };

export interface StartOptions {
  nodes?: number;
  /** A Kafka release from Maven Central; the pinned one (pom.xml) by default. */
  version?: string;
  /** KRaft (default), or ZooKeeper mode (Kafka 3.9 and older) beside an ensemble of the same release. */
  mode?: KafkaMode;
  /** ZooKeeper mode: nodes in the ensemble (default 3). */
  zookeeperNodes?: number;
  /** ZooKeeper mode: the chroot in zookeeper.connect, e.g. /kafka01 (default none). */
  chroot?: string;
  /** Extra broker properties, e.g. { 'auto.create.topics.enable': 'true' }. */
  config?: Record<string, string>;
  /** Log dirs per broker (JBOD; KRaft needs Kafka 3.7+ for more than one). Default 1. */
  logDirs?: number;
  /** Where to keep data; a fresh temp dir by default, removed on stop. */
  dataDir?: string;
  log?: (line: string) => void;
  /**
   * Adds a second listener, EXTERNAL, that advertises this host instead of 127.0.0.1:
   * the classic advertised.listeners mistake, for tests. Its ports are `externalBootstrap`.
   */
  externalAdvertisedHost?: string;
  /** 'sasl_ssl' for a secured cluster (KRaft only); see Security. */
  security?: Security;
  /** Secured clusters: SCRAM-SHA-512 users to create besides admin (random passwords, see `passwords`). */
  scramUsers?: string[];
  /** Secured clusters: client certificates to make, by CN (the principal on the MTLS listener). */
  clientCerts?: string[];
  /** Secured clusters: principals besides User:admin and User:broker that the authorizer lets do anything. */
  superUsers?: string[];
}

/**
 * Kafka's CLI tools by their script names. Main classes moved between releases (most from
 * the Scala `kafka.admin`/`kafka.tools` packages to `org.apache.kafka.tools` in 3.5–3.8), so
 * each lists its candidates, newest first; the first one a release's jars hold is used.
 */
const TOOLS: Record<string, string[]> = {
  'kafka-topics': ['org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand'],
  'kafka-configs': ['kafka.admin.ConfigCommand', 'org.apache.kafka.tools.ConfigCommand'],
  'kafka-consumer-groups': ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka.admin.ConsumerGroupCommand'],
  'kafka-console-producer': ['org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer'],
  'kafka-console-consumer': ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer'],
  'kafka-console-share-consumer': ['org.apache.kafka.tools.consumer.ConsoleShareConsumer'],
  'kafka-share-groups': ['org.apache.kafka.tools.consumer.group.ShareGroupCommand'],
  'kafka-streams-groups': ['org.apache.kafka.tools.streams.StreamsGroupCommand'],
  'kafka-metadata-quorum': ['org.apache.kafka.tools.MetadataQuorumCommand'],
  'kafka-broker-api-versions': ['org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand'],
  'kafka-get-offsets': ['org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell'],
  'kafka-storage': ['kafka.tools.StorageTool', 'org.apache.kafka.tools.StorageTool'],
  'kafka-cluster': ['org.apache.kafka.tools.ClusterTool', 'kafka.tools.ClusterTool'],
  'kafka-log-dirs': ['org.apache.kafka.tools.LogDirsCommand', 'kafka.admin.LogDirsCommand'],
  'kafka-features': ['org.apache.kafka.tools.FeatureCommand', 'kafka.admin.FeatureCommand'],
  'kafka-transactions': ['org.apache.kafka.tools.TransactionsCommand'],
  'kafka-acls': ['org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'],
  'kafka-reassign-partitions': ['org.apache.kafka.tools.reassign.ReassignPartitionsCommand', 'kafka.admin.ReassignPartitionsCommand'],
  'kafka-producer-perf-test': ['org.apache.kafka.tools.ProducerPerformance', 'kafka.tools.ProducerPerformance'],
  'zookeeper-shell': ['org.apache.zookeeper.ZooKeeperMain'],
};

/** Options a tool renamed between releases, in the form today's tools take them. */
function adaptArgs(tool: string, args: string[], version: string): string[] {
  if (tool !== 'kafka-get-offsets') return args;
  const major = Number(version.split('.')[0]);
  return args.map((a, i) => {
    // GetOffsetShell took --broker-list until 3.0 (KIP-635), and only numbers for --time in 3.1
    // (-1 latest, -2 earliest; every release takes those).
    if (a === '--bootstrap-server' && major < 3) return '--broker-list';
    if (args[i - 1] === '--time' && major < 4) return a === 'latest' ? '-1' : a === 'earliest' ? '-2' : a;
    return a;
  });
}

const classesByVersion = new Map<string, Set<string>>();

/** The main class of a CLI tool in one Kafka release; a clear error when that release has no such tool. */
export function toolClass(tool: string, version = kafkaVersion()): string {
  const candidates = TOOLS[tool];
  if (!candidates) throw new Error(`unknown Kafka tool ${tool}; known: ${Object.keys(TOOLS).join(', ')}`);
  let classes = classesByVersion.get(version);
  if (!classes) {
    const found = new Set<string>();
    // Only the jars that hold tools: the broker's, the tools', ZooKeeper's.
    for (const jar of readdirSync(libsDir(version)).filter((j) => /^(kafka_2\.\d+|kafka-tools|kafka-server|zookeeper)-\d/.test(j))) {
      readZipEntries(join(libsDir(version), jar), (name) => {
        if (name.endsWith('.class')) found.add(name.slice(0, -6).replaceAll('/', '.'));
        return false;
      });
    }
    classes = found;
    classesByVersion.set(version, found);
  }
  const known = classes;
  const main = candidates.find((c) => known.has(c));
  if (!main) throw new Error(`Kafka ${version} has no ${tool} (none of ${candidates.join(', ')})`);
  return main;
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of Kafka's CLI tools (`kafka-topics`, ...) of a release (the pinned one by default) with the given arguments. */
export function runTool(tool: string, args: string[], input?: string, version = kafkaVersion()): Promise<ToolResult> {
  ensureKafka(undefined, version);
  const mainClass = toolClass(tool, version);
  return new Promise((res, rej) => {
    const child = spawn('java', [...javaArgs(mainClass, '256m', [`-Dkafka.logs.dir=${tmpdir()}`], version), ...adaptArgs(tool, args, version)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export class KafkaCluster {
  readonly nodes: NodeInfo[];
  private procs = new Map<number, ChildProcess>();
  private exitHook = () => this.killAll();

  /** ZooKeeper mode: the ensemble the brokers keep their metadata in. */
  zookeeper: ZooKeeperEnsemble | null = null;

  /** Secured clusters: the certificates (CA, brokers', clients'). */
  tls: TlsFiles | null = null;
  /** Secured clusters: each SCRAM user's password (admin included). */
  readonly passwords: Record<string, string> = {};
  private superUsers: string[] = [];
  /** Log dirs per broker (StartOptions.logDirs). */
  logDirs = 1;

  private constructor(
    readonly clusterId: string,
    readonly dataDir: string,
    nodes: NodeInfo[],
    private readonly ownsDataDir: boolean,
    private readonly config: Record<string, string>,
    private readonly log: (line: string) => void,
    readonly version: string,
    readonly mode: KafkaMode,
    private readonly externalHost?: string,
    readonly security: Security = 'plaintext',
  ) {
    this.nodes = nodes;
  }

  get bootstrap(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  get brokers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  /** Secured clusters: the mutual-TLS listeners. */
  get mtlsBrokers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.mtlsPort}`);
  }

  /** Secured clusters: the listeners whose certificate names another host. */
  get wrongNameBrokers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.wrongNamePort}`);
  }

  /** Loopback addresses of the EXTERNAL listeners (which advertise the wrong host). */
  get externalBootstrap(): string[] {
    return this.nodes.filter((n) => n.externalPort).map((n) => `127.0.0.1:${n.externalPort}`);
  }

  static async start(opts: StartOptions = {}): Promise<KafkaCluster> {
    const log = opts.log ?? (() => {});
    const version = opts.version ?? kafkaVersion();
    const mode = opts.mode ?? 'kraft';
    if (mode === 'zookeeper' && Number(version.split('.')[0]) >= 4)
      throw new Error(`Kafka ${version} has no ZooKeeper mode (3.9 was the last release with it)`);
    const security = opts.security ?? 'plaintext';
    if (security !== 'plaintext' && mode !== 'kraft') throw new Error('secured test clusters run in KRaft mode only');
    ensureKafka(log, version);
    const count = opts.nodes ?? 1;
    const ownsDataDir = !opts.dataDir;
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kafka-console-'));
    mkdirSync(dataDir, { recursive: true });
    const nodes: NodeInfo[] = [];
    for (let i = 1; i <= count; i++) {
      nodes.push({
        id: i,
        port: await freePort(),
        controllerPort: await freePort(),
        externalPort: opts.externalAdvertisedHost ? await freePort() : undefined,
        mtlsPort: security === 'sasl_ssl' ? await freePort() : undefined,
        wrongNamePort: security === 'sasl_ssl' ? await freePort() : undefined,
        dir: join(dataDir, `node-${i}`),
      });
    }
    const clusterId = newClusterId();
    const cluster = new KafkaCluster(clusterId, dataDir, nodes, ownsDataDir, opts.config ?? {}, log, version, mode, opts.externalAdvertisedHost, security);
    cluster.logDirs = Math.max(1, opts.logDirs ?? 1);
    process.once('exit', cluster.exitHook);
    if (security === 'sasl_ssl') {
      cluster.tls = makeTlsFiles(join(dataDir, 'tls'), opts.clientCerts ?? []);
      for (const user of ['admin', ...(opts.scramUsers ?? [])]) cluster.passwords[user] = randomBytes(12).toString('hex');
      cluster.superUsers = ['User:admin', 'User:broker', ...(opts.superUsers ?? [])];
    }
    const started = Date.now();
    try {
      if (mode === 'zookeeper') {
        cluster.zookeeper = await ZooKeeperEnsemble.start({
          version,
          nodes: opts.zookeeperNodes ?? 3,
          chroot: opts.chroot ?? '',
          dataDir: join(dataDir, 'zookeeper'),
          log,
        });
      } else {
        await Promise.all(nodes.map((n) => cluster.format(n)));
      }
      for (const n of nodes) cluster.spawnNode(n);
      await cluster.waitReady(count);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    const shape = mode === 'zookeeper' ? `${count} broker(s) on ZooKeeper ${cluster.zookeeper?.connect}` : `${count} node(s)`;
    log(`Kafka ${version} with ${shape} ready at ${cluster.bootstrap} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return cluster;
  }

  private properties(n: NodeInfo): string {
    const rf = String(Math.min(3, this.nodes.length));
    const common: Record<string, string> = {
      'log.dirs': Array.from({ length: this.logDirs }, (_, i) => join(n.dir, i === 0 ? 'data' : `data${i + 1}`)).join(','),
      'num.partitions': '1',
      'auto.create.topics.enable': 'false',
      'offsets.topic.replication.factor': rf,
      'offsets.topic.num.partitions': '10',
      'transaction.state.log.replication.factor': rf,
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'log.segment.bytes': String(64 * 1024 * 1024),
      'num.network.threads': '2',
      'num.io.threads': '4',
      'log.flush.interval.messages': String(Number.MAX_SAFE_INTEGER),
      'controlled.shutdown.enable': 'true',
    };
    if (this.mode === 'zookeeper') {
      const props: Record<string, string> = {
        'broker.id': String(n.id),
        listeners: `PLAINTEXT://127.0.0.1:${n.port}`,
        'advertised.listeners': `PLAINTEXT://127.0.0.1:${n.port}`,
        'zookeeper.connect': this.zookeeper?.connect ?? '',
        ...common,
        ...this.config,
      };
      return Object.entries(props)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n');
    }
    const voters = this.nodes.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',');
    const ext = this.externalHost && n.externalPort ? n.externalPort : null;
    if (this.security === 'sasl_ssl') return toProperties({ ...this.securedProperties(n, voters), ...common, ...this.config });
    const props: Record<string, string> = {
      'process.roles': 'broker,controller',
      'node.id': String(n.id),
      'controller.quorum.voters': voters,
      listeners: `PLAINTEXT://127.0.0.1:${n.port},CONTROLLER://127.0.0.1:${n.controllerPort}${ext ? `,EXTERNAL://127.0.0.1:${ext}` : ''}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${n.port}${ext ? `,EXTERNAL://${this.externalHost}:${ext}` : ''}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': `CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${ext ? ',EXTERNAL:PLAINTEXT' : ''}`,
      ...common,
      'share.coordinator.state.topic.replication.factor': rf,
      'share.coordinator.state.topic.min.isr': '1',
      ...this.config,
    };
    return Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  }

  private securedProperties(n: NodeInfo, voters: string): Record<string, string> {
    const tls = this.tls as TlsFiles;
    const scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    const keystore = (prefix: string, p12: string) => ({
      [`${prefix}ssl.keystore.type`]: 'PKCS12',
      [`${prefix}ssl.keystore.location`]: p12,
      [`${prefix}ssl.keystore.password`]: tls.storePassword,
      [`${prefix}ssl.key.password`]: tls.storePassword,
    });
    const advertised = `CLIENT://127.0.0.1:${n.port},MTLS://127.0.0.1:${n.mtlsPort},WRONGNAME://127.0.0.1:${n.wrongNamePort}`;
    return {
      'process.roles': 'broker,controller',
      'node.id': String(n.id),
      'controller.quorum.voters': voters,
      listeners: `${advertised},CONTROLLER://127.0.0.1:${n.controllerPort}`,
      'advertised.listeners': advertised,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'MTLS',
      'listener.security.protocol.map': 'CLIENT:SASL_SSL,MTLS:SSL,WRONGNAME:SASL_SSL,CONTROLLER:SSL',
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.client.scram-sha-512.sasl.jaas.config': scram,
      'listener.name.wrongname.scram-sha-512.sasl.jaas.config': scram,
      ...keystore('', tls.broker.p12),
      ...keystore('listener.name.wrongname.', tls.wrongName.p12),
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': tls.caFile,
      'listener.name.mtls.ssl.client.auth': 'required',
      'listener.name.controller.ssl.client.auth': 'required',
      // The certificates' subjects are just CN=<name>: the principal is User:<name>.
      'ssl.principal.mapping.rules': 'RULE:^CN=(.*)$/$1/,DEFAULT',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': this.superUsers.join(';'),
      'allow.everyone.if.no.acl.found': 'false',
      'share.coordinator.state.topic.replication.factor': String(Math.min(3, this.nodes.length)),
      'share.coordinator.state.topic.min.isr': '1',
    };
  }

  /**
   * A client properties file for Kafka's CLI tools (their --command-config) as one identity:
   * a SCRAM user over SASL_SSL (admin by default) or a client certificate over mutual TLS.
   */
  clientConfig(who: ClientIdentity = { user: 'admin' }): string {
    const tls = this.tls;
    if (!tls) throw new Error('this cluster is not secured');
    const dir = join(this.dataDir, 'clients');
    mkdirSync(dir, { recursive: true });
    const common = { 'ssl.truststore.type': 'PEM', 'ssl.truststore.location': tls.caFile };
    let props: Record<string, string>;
    let file: string;
    if ('user' in who) {
      const password = who.password ?? this.passwords[who.user];
      if (password === undefined) throw new Error(`no SCRAM user ${who.user} on this cluster`);
      file = join(dir, `user-${who.user}${who.password ? `-${randomBytes(4).toString('hex')}` : ''}.properties`);
      props = {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${who.user}" password="${password}";`,
        ...common,
      };
    } else {
      const pair = tls.clients[who.cert];
      if (!pair) throw new Error(`no client certificate ${who.cert} for this cluster`);
      file = join(dir, `cert-${who.cert}.properties`);
      props = {
        'security.protocol': 'SSL',
        'ssl.keystore.type': 'PKCS12',
        'ssl.keystore.location': pair.p12,
        'ssl.keystore.password': tls.storePassword,
        'ssl.key.password': tls.storePassword,
        ...common,
      };
    }
    writeFileSync(file, toProperties(props), { mode: 0o600 });
    return file;
  }

  /** The bootstrap list a CLI tool uses as `who` (the MTLS listeners for certificates). */
  bootstrapFor(who: ClientIdentity = { user: 'admin' }): string {
    const running = [...this.procs.keys()];
    const ids = running.length ? running : this.nodes.map((n) => n.id);
    return ids.map((id) => `127.0.0.1:${'cert' in who ? this.node(id).mtlsPort : this.node(id).port}`).join(',');
  }

  private async format(n: NodeInfo): Promise<void> {
    mkdirSync(n.dir, { recursive: true });
    const propsFile = join(n.dir, 'server.properties');
    writeFileSync(propsFile, this.properties(n));
    const res = spawnSync(
      'java',
      javaArgs(toolClass('kafka-storage', this.version), '256m', [`-Dkafka.logs.dir=${n.dir}`], this.version).concat([
        'format',
        '-t',
        this.clusterId,
        '-c',
        propsFile,
        '--ignore-formatted',
        ...Object.entries(this.passwords).flatMap(([name, password]) => ['--add-scram', `SCRAM-SHA-512=[name=${name},password=${password}]`]),
      ]),
      { encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`formatting Kafka storage for node ${n.id} failed:\n${res.stdout}${res.stderr}`);
  }

  private spawnNode(n: NodeInfo): void {
    mkdirSync(n.dir, { recursive: true });
    // KRaft nodes got theirs when formatted; ZooKeeper-mode brokers need the ensemble's address first.
    if (!existsSync(join(n.dir, 'server.properties'))) writeFileSync(join(n.dir, 'server.properties'), this.properties(n));
    const out = openSync(join(n.dir, 'stdout.log'), 'a');
    const child = spawn('java', javaArgs('kafka.Kafka', '768m', [`-Dkafka.logs.dir=${n.dir}`], this.version).concat([join(n.dir, 'server.properties')]), {
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.procs.set(n.id, child);
    child.once('exit', () => {
      if (this.procs.get(n.id) === child) this.procs.delete(n.id);
    });
  }

  /** Waits until every running node serves metadata listing all running brokers. */
  async waitReady(expected = this.procs.size, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const [id, p] of this.procs) {
        if (p.exitCode !== null) throw new Error(`Kafka node ${id} exited early; see ${join(this.node(id).dir, 'stdout.log')}`);
      }
      const up = await Promise.all([...this.procs.keys()].map((id) => portOpen(this.node(id).port)));
      if (up.every(Boolean) && up.length === expected) {
        const res = await runTool(
          'kafka-broker-api-versions',
          ['--bootstrap-server', this.bootstrapOf([...this.procs.keys()]), ...this.securityArgs('kafka-broker-api-versions')],
          undefined,
          this.version,
        );
        const seen = new Set([...res.stdout.matchAll(/\(id: (\d+) rack/g)].map((m) => Number(m[1])));
        if (res.code === 0 && [...this.procs.keys()].every((id) => seen.has(id))) return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Kafka did not become ready within ${timeoutMs / 1000} s; logs under ${this.dataDir}`);
  }

  private bootstrapOf(ids: number[]): string {
    return ids.map((id) => `127.0.0.1:${this.node(id).port}`).join(',');
  }

  node(id: number): NodeInfo {
    const n = this.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  isRunning(id: number): boolean {
    return this.procs.has(id);
  }

  /** Stops one node (SIGTERM, controlled shutdown) and waits for its process to exit. */
  async stopNode(id: number, timeoutMs = 30_000): Promise<void> {
    const p = this.procs.get(id);
    if (!p) return;
    await terminate(p, timeoutMs);
    this.procs.delete(id);
  }

  /** Starts a stopped node again on the same ports and waits until the cluster lists it. */
  async startNode(id: number): Promise<void> {
    if (this.procs.has(id)) return;
    this.spawnNode(this.node(id));
    await this.waitReady();
  }

  /** The option that hands a tool its client properties on a secured cluster (none on a plain one). */
  securityArgs(tool: string, who: ClientIdentity = { user: 'admin' }): string[] {
    return this.security === 'plaintext' ? [] : [configFlag(tool, this.version), this.clientConfig(who)];
  }

  /** Runs a Kafka CLI tool against this cluster (adds --bootstrap-server, and the admin's client config when secured). */
  tool(tool: string, args: string[], input?: string): Promise<ToolResult> {
    return this.toolAs({ user: 'admin' }, tool, args, input);
  }

  /** Runs a Kafka CLI tool as one identity of a secured cluster (as tool() on a plain one). */
  toolAs(who: ClientIdentity, tool: string, args: string[], input?: string): Promise<ToolResult> {
    const bootstrap = this.security === 'plaintext' ? this.bootstrapOf(this.runningOrAll()) : this.bootstrapFor(who);
    return runTool(tool, ['--bootstrap-server', bootstrap, ...this.securityArgs(tool, who), ...args], input, this.version);
  }

  private runningOrAll(): number[] {
    const running = [...this.procs.keys()];
    return running.length ? running : this.nodes.map((n) => n.id);
  }

  /** Like tool(), but throws unless the tool exits 0, and returns its stdout. */
  async toolOk(tool: string, args: string[], input?: string): Promise<string> {
    const r = await this.tool(tool, args, input);
    if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => terminate(p, 20_000)));
    this.procs.clear();
    // After the brokers: they shut down cleanly only while ZooKeeper is there.
    await this.zookeeper?.stop();
    process.removeListener('exit', this.exitHook);
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    this.log('Kafka stopped');
  }

  private killAll(): void {
    for (const p of this.procs.values()) p.kill('SIGKILL');
    this.zookeeper?.killAll();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** SIGTERM, then SIGKILL after the deadline; resolves when the process has exited. */
export function terminate(p: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((res) => {
    if (p.exitCode !== null || p.signalCode !== null) return res();
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    p.kill('SIGTERM');
  });
}

/** Starts one of Kafka's CLI tools and leaves it running (e.g. a console consumer); the caller stops it. */
export function spawnTool(tool: string, args: string[], version = kafkaVersion()): ChildProcess {
  ensureKafka(undefined, version);
  const mainClass = toolClass(tool, version);
  return spawn('java', [...javaArgs(mainClass, '256m', [`-Dkafka.logs.dir=${tmpdir()}`], version), ...adaptArgs(tool, args, version)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Stops a process started by spawnTool and waits for it to exit. */
export function stopTool(p: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return terminate(p, timeoutMs);
}

/** How each tool of a release takes its client properties file. */
export function configFlag(tool: string, version = kafkaVersion()): string {
  // The console clients took --producer.config / --consumer.config until 4.2 (KIP-1147).
  const old = compareVersions(version, '4.2.0') < 0;
  if (tool === 'kafka-console-producer' && old) return '--producer.config';
  if (tool === 'kafka-console-consumer' && old) return '--consumer.config';
  if (tool === 'kafka-cluster') return '--config';
  return '--command-config';
}

function toProperties(props: Record<string, string>): string {
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

/** A random KRaft cluster id. Like Kafka's own Uuid, never one starting with "-": kafka-storage would read it as an option. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
