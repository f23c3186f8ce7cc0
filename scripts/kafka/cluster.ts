/**
 * Real Apache Kafka for development, tests and benchmarks.
 *
 * Resolves the broker and Kafka's CLI tools from Maven Central (the version is pinned
 * once, in scripts/kafka/pom.xml) into a git-ignored cache, then runs KRaft nodes on
 * loopback on free ports. Used by the test orchestrator, benchmarks, the demo and the
 * shell wrapper scripts/kafka.sh.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, '..', '..');
const pomPath = join(here, 'pom.xml');

export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(pomPath, 'utf8'));
  if (!match) throw new Error(`no <kafka.version> in ${pomPath}`);
  return match[1];
}

export function kafkaHome(): string {
  return join(projectRoot, '.cache', 'kafka', kafkaVersion());
}

function libsDir(): string {
  return join(kafkaHome(), 'libs');
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

/** Downloads Kafka's jars once; later calls return at once. */
export function ensureKafka(log: (line: string) => void = () => {}): string {
  checkJava();
  const marker = join(kafkaHome(), '.complete');
  if (existsSync(marker)) return libsDir();
  log(`Fetching Apache Kafka ${kafkaVersion()} from Maven Central (one time)...`);
  const started = Date.now();
  rmSync(libsDir(), { recursive: true, force: true });
  mkdirSync(libsDir(), { recursive: true });
  const res = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${libsDir()}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (res.error) throw new Error('Maven (`mvn`) is required to fetch Apache Kafka from Maven Central.');
  if (res.status !== 0) throw new Error(`Fetching Apache Kafka with Maven failed (exit ${res.status}).`);
  writeFileSync(join(kafkaHome(), 'log4j2.properties'), LOG4J2);
  writeFileSync(marker, new Date().toISOString());
  log(`Fetched Kafka in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libsDir();
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

function javaArgs(mainClass: string, heap: string, extra: string[] = []): string[] {
  return [
    `-Xmx${heap}`,
    `-Xms${heap === '1g' ? '512m' : '128m'}`,
    '-XX:+UseG1GC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(kafkaHome(), 'log4j2.properties')}`,
    ...extra,
    '-cp',
    `${libsDir()}/*`,
    mainClass,
  ];
}

export interface NodeInfo {
  id: number;
  port: number;
  controllerPort: number;
  /** Port of the extra EXTERNAL listener (see StartOptions.externalAdvertisedHost). */
  externalPort?: number;
  dir: string;
}

export interface StartOptions {
  nodes?: number;
  /** Extra broker properties, e.g. { 'auto.create.topics.enable': 'true' }. */
  config?: Record<string, string>;
  /** Where to keep data; a fresh temp dir by default, removed on stop. */
  dataDir?: string;
  log?: (line: string) => void;
  /**
   * Adds a second listener, EXTERNAL, that advertises this host instead of 127.0.0.1:
   * the classic advertised.listeners mistake, for tests. Its ports are `externalBootstrap`.
   */
  externalAdvertisedHost?: string;
}

const TOOLS: Record<string, string> = {
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-configs': 'kafka.admin.ConfigCommand',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  'kafka-console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'kafka-metadata-quorum': 'org.apache.kafka.tools.MetadataQuorumCommand',
  'kafka-broker-api-versions': 'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'kafka-get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'kafka-storage': 'kafka.tools.StorageTool',
  'kafka-cluster': 'org.apache.kafka.tools.ClusterTool',
  'kafka-log-dirs': 'org.apache.kafka.tools.LogDirsCommand',
  'kafka-features': 'org.apache.kafka.tools.FeatureCommand',
  'kafka-transactions': 'org.apache.kafka.tools.TransactionsCommand',
};

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of Kafka's own CLI tools (`kafka-topics`, ...) with the given arguments. */
export function runTool(tool: string, args: string[], input?: string): Promise<ToolResult> {
  const mainClass = TOOLS[tool];
  if (!mainClass) throw new Error(`unknown Kafka tool ${tool}; known: ${Object.keys(TOOLS).join(', ')}`);
  ensureKafka();
  return new Promise((res, rej) => {
    const child = spawn('java', [...javaArgs(mainClass, '256m', ['-Dkafka.logs.dir=' + tmpdir()]), ...args], {
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

  private constructor(
    readonly clusterId: string,
    readonly dataDir: string,
    nodes: NodeInfo[],
    private readonly ownsDataDir: boolean,
    private readonly config: Record<string, string>,
    private readonly log: (line: string) => void,
    private readonly externalHost?: string,
  ) {
    this.nodes = nodes;
  }

  get bootstrap(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  get brokers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  /** Loopback addresses of the EXTERNAL listeners (which advertise the wrong host). */
  get externalBootstrap(): string[] {
    return this.nodes.filter((n) => n.externalPort).map((n) => `127.0.0.1:${n.externalPort}`);
  }

  static async start(opts: StartOptions = {}): Promise<KafkaCluster> {
    const log = opts.log ?? (() => {});
    ensureKafka(log);
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
        dir: join(dataDir, `node-${i}`),
      });
    }
    const clusterId = newClusterId();
    const cluster = new KafkaCluster(clusterId, dataDir, nodes, ownsDataDir, opts.config ?? {}, log, opts.externalAdvertisedHost);
    process.once('exit', cluster.exitHook);
    const started = Date.now();
    try {
      await Promise.all(nodes.map((n) => cluster.format(n)));
      for (const n of nodes) cluster.spawnNode(n);
      await cluster.waitReady(count);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    log(`Kafka ${kafkaVersion()} with ${count} node(s) ready at ${cluster.bootstrap} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return cluster;
  }

  private properties(n: NodeInfo): string {
    const rf = String(Math.min(3, this.nodes.length));
    const voters = this.nodes.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',');
    const ext = this.externalHost && n.externalPort ? n.externalPort : null;
    const props: Record<string, string> = {
      'process.roles': 'broker,controller',
      'node.id': String(n.id),
      'controller.quorum.voters': voters,
      listeners: `PLAINTEXT://127.0.0.1:${n.port},CONTROLLER://127.0.0.1:${n.controllerPort}${ext ? `,EXTERNAL://127.0.0.1:${ext}` : ''}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${n.port}${ext ? `,EXTERNAL://${this.externalHost}:${ext}` : ''}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': `CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${ext ? ',EXTERNAL:PLAINTEXT' : ''}`,
      'log.dirs': join(n.dir, 'data'),
      'num.partitions': '1',
      'auto.create.topics.enable': 'false',
      'offsets.topic.replication.factor': rf,
      'offsets.topic.num.partitions': '10',
      'transaction.state.log.replication.factor': rf,
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': rf,
      'share.coordinator.state.topic.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'log.segment.bytes': String(64 * 1024 * 1024),
      'num.network.threads': '2',
      'num.io.threads': '4',
      'log.flush.interval.messages': String(Number.MAX_SAFE_INTEGER),
      'controlled.shutdown.enable': 'true',
      ...this.config,
    };
    return Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  }

  private async format(n: NodeInfo): Promise<void> {
    mkdirSync(n.dir, { recursive: true });
    const propsFile = join(n.dir, 'server.properties');
    writeFileSync(propsFile, this.properties(n));
    const res = spawnSync(
      'java',
      javaArgs('kafka.tools.StorageTool', '256m', [`-Dkafka.logs.dir=${n.dir}`]).concat([
        'format',
        '-t',
        this.clusterId,
        '-c',
        propsFile,
        '--ignore-formatted',
      ]),
      { encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`formatting Kafka storage for node ${n.id} failed:\n${res.stdout}${res.stderr}`);
  }

  private spawnNode(n: NodeInfo): void {
    const out = openSync(join(n.dir, 'stdout.log'), 'a');
    const child = spawn('java', javaArgs('kafka.Kafka', '768m', [`-Dkafka.logs.dir=${n.dir}`]).concat([join(n.dir, 'server.properties')]), {
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
        const res = await runTool('kafka-broker-api-versions', ['--bootstrap-server', this.bootstrapOf([...this.procs.keys()])]);
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

  /** Runs a Kafka CLI tool against this cluster (adds --bootstrap-server). */
  tool(tool: string, args: string[], input?: string): Promise<ToolResult> {
    const running = [...this.procs.keys()];
    return runTool(tool, ['--bootstrap-server', this.bootstrapOf(running.length ? running : this.nodes.map((n) => n.id)), ...args], input);
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
    process.removeListener('exit', this.exitHook);
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    this.log('Kafka stopped');
  }

  private killAll(): void {
    for (const p of this.procs.values()) p.kill('SIGKILL');
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function terminate(p: ChildProcess, timeoutMs: number): Promise<void> {
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
export function spawnTool(tool: string, args: string[]): ChildProcess {
  const mainClass = TOOLS[tool];
  if (!mainClass) throw new Error(`unknown Kafka tool ${tool}; known: ${Object.keys(TOOLS).join(', ')}`);
  ensureKafka();
  return spawn('java', [...javaArgs(mainClass, '256m', ['-Dkafka.logs.dir=' + tmpdir()]), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Stops a process started by spawnTool and waits for it to exit. */
export function stopTool(p: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return terminate(p, timeoutMs);
}

/** A random KRaft cluster id. Like Kafka's own Uuid, never one starting with "-": kafka-storage would read it as an option. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
