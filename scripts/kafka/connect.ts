/**
 * Real Kafka Connect: distributed workers (org.apache.kafka.connect.cli.ConnectDistributed)
 * of the pinned Kafka release, in one Connect group on a running cluster, each with its REST
 * listener on a free loopback port. The bundled connectors (connect-file, connect-mirror) are
 * on the classpath from scripts/kafka/pom.xml; `plugin.discovery=service_load` finds them
 * without scanning every jar. Used by the test environment, the demo and the Connect tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { ensureKafka, freePort, javaArgs, kafkaVersion, terminate } from './cluster';

export interface ConnectOptions {
  /** The Kafka cluster the workers keep their config, offset and status topics on. */
  bootstrap: string;
  /** Workers to start (default 1). */
  workers?: number;
  /** The Connect group (group.id); its internal topics are named after it. */
  groupId?: string;
  /** Replication factor of the internal topics (default 1; 3 on a 3-broker cluster). */
  replicationFactor?: number;
  version?: string;
  /** Where workers write their logs and files; a fresh temp dir by default, removed on stop. */
  dataDir?: string;
  /** Extra worker properties. */
  config?: Record<string, string>;
  /** Workers that ask for basic auth (BasicAuthSecurityRestExtension, one user). */
  basicAuth?: { username: string; password: string };
  /** An https REST listener with this PKCS12 key store (e.g. the broker certificate of tls.ts, for 127.0.0.1). */
  tls?: { p12: string; password: string; caFile: string };
  log?: (line: string) => void;
}

export interface ConnectWorker {
  id: number;
  port: number;
  url: string;
  dir: string;
}

export class ConnectGroup {
  readonly workers: ConnectWorker[] = [];
  private procs = new Map<number, ChildProcess>();
  private exitHook = () => this.killAll();
  /** Seconds each worker took from spawn to a REST API that serves GET /connectors. */
  readonly startSeconds: number[] = [];

  private constructor(
    readonly groupId: string,
    readonly bootstrap: string,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly props: Record<string, string>,
    private readonly version: string,
    private readonly log: (line: string) => void,
    private readonly jvm: string[] = [],
    private readonly basicAuth?: ConnectOptions['basicAuth'],
    private readonly tls?: ConnectOptions['tls'],
  ) {}

  static async start(opts: ConnectOptions): Promise<ConnectGroup> {
    const log = opts.log ?? (() => {});
    const version = opts.version ?? kafkaVersion();
    ensureKafka(log, version);
    const groupId = opts.groupId ?? `connect-${Date.now().toString(36)}`;
    const ownsDataDir = !opts.dataDir;
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kafka-connect-'));
    mkdirSync(dataDir, { recursive: true });
    const rf = String(opts.replicationFactor ?? 1);
    const props: Record<string, string> = {
      'bootstrap.servers': opts.bootstrap,
      'group.id': groupId,
      'config.storage.topic': `${groupId}-configs`,
      'offset.storage.topic': `${groupId}-offsets`,
      'status.storage.topic': `${groupId}-status`,
      'config.storage.replication.factor': rf,
      'offset.storage.replication.factor': rf,
      'status.storage.replication.factor': rf,
      'offset.storage.partitions': '5',
      'status.storage.partitions': '3',
      // Plain text in and out: a FileStreamSource's lines arrive as they are in the file.
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'offset.flush.interval.ms': '1000',
      // A worker that leaves gets its tasks reassigned after 5 s instead of the default 5 min.
      'scheduled.rebalance.max.delay.ms': '5000',
      'plugin.discovery': 'service_load',
      'rest.advertised.host.name': '127.0.0.1',
      ...opts.config,
    };
    const jvm: string[] = [];
    if (opts.basicAuth) {
      const creds = join(dataDir, 'rest-users.properties');
      writeFileSync(creds, `${opts.basicAuth.username}: ${opts.basicAuth.password}\n`, { mode: 0o600 });
      const jaas = join(dataDir, 'rest-jaas.conf');
      writeFileSync(jaas, `KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n  file="${creds}";\n};\n`);
      props['rest.extension.classes'] = 'org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension';
      jvm.push(`-Djava.security.auth.login.config=${jaas}`);
    }
    if (opts.tls) {
      Object.assign(props, {
        'rest.advertised.listener': 'https',
        'listeners.https.ssl.keystore.type': 'PKCS12',
        'listeners.https.ssl.keystore.location': opts.tls.p12,
        'listeners.https.ssl.keystore.password': opts.tls.password,
        'listeners.https.ssl.key.password': opts.tls.password,
      });
    }
    const group = new ConnectGroup(groupId, opts.bootstrap, dataDir, ownsDataDir, props, version, log, jvm, opts.basicAuth, opts.tls);
    process.once('exit', group.exitHook);
    try {
      // One after the other: the first creates the internal topics, and two JVMs starting at once
      // on a shared 2-core machine take longer than two in a row.
      for (let i = 0; i < (opts.workers ?? 1); i++) await group.addWorker();
    } catch (err) {
      await group.stop();
      throw err;
    }
    log(
      `Kafka Connect group ${groupId}: ${group.workers.map((w) => w.url).join(', ')} (started in ${group.startSeconds.map((s) => `${s.toFixed(1)} s`).join(', ')})`,
    );
    return group;
  }

  /** Starts one more worker in the group and waits until its REST API answers. */
  async addWorker(): Promise<ConnectWorker> {
    const id = this.workers.length + 1;
    const port = await freePort();
    const w: ConnectWorker = { id, port, url: `${this.tls ? 'https' : 'http'}://127.0.0.1:${port}`, dir: join(this.dataDir, `worker-${id}`) };
    this.workers.push(w);
    await this.startWorker(id);
    return w;
  }

  worker(id: number): ConnectWorker {
    const w = this.workers.find((x) => x.id === id);
    if (!w) throw new Error(`no Connect worker ${id}`);
    return w;
  }

  isRunning(id: number): boolean {
    return this.procs.has(id);
  }

  /** Starts a stopped worker again on its port. */
  async startWorker(id: number, timeoutMs = 120_000): Promise<void> {
    if (this.procs.has(id)) return;
    const w = this.worker(id);
    mkdirSync(w.dir, { recursive: true });
    const file = join(w.dir, 'worker.properties');
    const props = { ...this.props, listeners: `${this.tls ? 'https' : 'http'}://127.0.0.1:${w.port}`, 'rest.advertised.port': String(w.port) };
    writeFileSync(
      file,
      `${Object.entries(props)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
    );
    const out = openSync(join(w.dir, 'stdout.log'), 'a');
    const started = Date.now();
    const child = spawn(
      'java',
      javaArgs('org.apache.kafka.connect.cli.ConnectDistributed', '384m', [`-Dkafka.logs.dir=${w.dir}`, ...this.jvm], this.version).concat([file]),
      {
        stdio: ['ignore', out, out],
        cwd: w.dir,
      },
    );
    closeSync(out);
    this.procs.set(id, child);
    child.once('exit', () => {
      if (this.procs.get(id) === child) this.procs.delete(id);
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`Connect worker ${id} exited early; see ${join(w.dir, 'server.log')}`);
      try {
        const res = await this.request(`${w.url}/connectors`);
        if (res.ok) {
          this.startSeconds.push((Date.now() - started) / 1000);
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Connect worker ${id} did not answer within ${timeoutMs / 1000} s; see ${join(w.dir, 'server.log')}`);
  }

  /** A GET on a worker's REST API with this group's CA and credentials. */
  async request(url: string): Promise<{ ok: boolean; status: number; text: string }> {
    const headers: Record<string, string> = {};
    if (this.basicAuth) headers.authorization = `Basic ${Buffer.from(`${this.basicAuth.username}:${this.basicAuth.password}`).toString('base64')}`;
    this.agent ??= this.tls ? new Agent({ connect: { ca: readFileSync(this.tls.caFile, 'utf8') } }) : undefined;
    const res = await undiciFetch(url, { headers, dispatcher: this.agent, signal: AbortSignal.timeout(2000) });
    return { ok: res.ok, status: res.status, text: await res.text() };
  }

  private agent: Agent | undefined;

  /** Stops one worker (SIGTERM: it leaves the group cleanly) and waits for its process to exit. */
  async stopWorker(id: number): Promise<void> {
    const p = this.procs.get(id);
    if (!p) return;
    await terminate(p, 30_000);
    this.procs.delete(id);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => terminate(p, 20_000)));
    this.procs.clear();
    process.removeListener('exit', this.exitHook);
    await this.agent?.close();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    this.log(`Kafka Connect group ${this.groupId} stopped`);
  }

  private killAll(): void {
    for (const p of this.procs.values()) p.kill('SIGKILL');
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
