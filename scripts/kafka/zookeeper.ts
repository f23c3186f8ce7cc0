/**
 * A real ZooKeeper ensemble for ZooKeeper-mode Kafka (3.9 and older): N nodes of the
 * ZooKeeper release that Kafka release depends on (QuorumPeerMain from its own jars), each
 * with a myid file and the `server.N` lines on free loopback ports, the admin server off (they
 * would all bind 8080). Ready when every node answers `srvr` as leader or follower.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { freePort, kafkaClasspath, logArgs, terminate } from './cluster';

export interface ZooKeeperNode {
  id: number;
  clientPort: number;
  peerPort: number;
  electionPort: number;
  dir: string;
}

export interface EnsembleOptions {
  /** The Kafka release whose jars (and so whose ZooKeeper) to run. */
  version: string;
  nodes: number;
  /** Appended to the connect string, e.g. /kafka01 ('' for none). */
  chroot: string;
  dataDir: string;
  log?: (line: string) => void;
}

/** ZooKeeper's `srvr` four-letter word: the node's mode (leader, follower, standalone), or null when it does not answer. */
export function zookeeperMode(port: number, timeoutMs = 2000): Promise<string | null> {
  return new Promise((resolve) => {
    const s = new Socket();
    let out = '';
    s.setTimeout(timeoutMs, () => s.destroy());
    s.on('data', (d) => {
      out += d;
    });
    s.on('error', () => resolve(null));
    s.on('close', () => resolve(/Mode: (\w+)/.exec(out)?.[1] ?? null));
    s.connect(port, '127.0.0.1', () => s.end('srvr'));
  });
}

export class ZooKeeperEnsemble {
  private procs = new Map<number, ChildProcess>();

  private constructor(
    readonly nodes: ZooKeeperNode[],
    private readonly opts: EnsembleOptions,
  ) {}

  /** zookeeper.connect for the brokers: every node, then the chroot. */
  get connect(): string {
    return `${this.nodes.map((n) => `127.0.0.1:${n.clientPort}`).join(',')}${this.opts.chroot}`;
  }

  static async start(opts: EnsembleOptions): Promise<ZooKeeperEnsemble> {
    if (opts.chroot && !/^\/[\w.-]+(\/[\w.-]+)*$/.test(opts.chroot)) throw new Error(`not a ZooKeeper chroot: ${opts.chroot}`);
    const nodes: ZooKeeperNode[] = [];
    for (let id = 1; id <= opts.nodes; id++) {
      nodes.push({ id, clientPort: await freePort(), peerPort: await freePort(), electionPort: await freePort(), dir: join(opts.dataDir, `zk-${id}`) });
    }
    const ensemble = new ZooKeeperEnsemble(nodes, opts);
    const started = Date.now();
    try {
      for (const n of nodes) {
        mkdirSync(join(n.dir, 'data'), { recursive: true });
        writeFileSync(join(n.dir, 'data', 'myid'), `${n.id}\n`);
        writeFileSync(join(n.dir, 'zoo.cfg'), ensemble.config(n));
        ensemble.spawnNode(n);
      }
      await ensemble.waitReady();
    } catch (err) {
      await ensemble.stop();
      throw err;
    }
    opts.log?.(`ZooKeeper ensemble of ${nodes.length} ready at ${ensemble.connect} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return ensemble;
  }

  private config(n: ZooKeeperNode): string {
    const lines = [
      'tickTime=2000',
      'initLimit=10',
      'syncLimit=5',
      `dataDir=${join(n.dir, 'data')}`,
      `clientPort=${n.clientPort}`,
      'clientPortAddress=127.0.0.1',
      'admin.enableServer=false',
      '4lw.commands.whitelist=srvr,ruok,stat,mntr',
      'maxClientCnxns=0',
    ];
    if (this.nodes.length > 1) for (const s of this.nodes) lines.push(`server.${s.id}=127.0.0.1:${s.peerPort}:${s.electionPort}`);
    return `${lines.join('\n')}\n`;
  }

  private spawnNode(n: ZooKeeperNode): void {
    const out = openSync(join(n.dir, 'stdout.log'), 'a');
    const child = spawn(
      'java',
      [
        '-Xmx256m',
        '-Xms64m',
        '-XX:+UseG1GC',
        '-XX:TieredStopAtLevel=1',
        '-Djava.awt.headless=true',
        `-Dkafka.logs.dir=${n.dir}`,
        ...logArgs(this.opts.version),
        '-cp',
        kafkaClasspath(this.opts.version),
        'org.apache.zookeeper.server.quorum.QuorumPeerMain',
        join(n.dir, 'zoo.cfg'),
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    this.procs.set(n.id, child);
    child.once('exit', () => {
      if (this.procs.get(n.id) === child) this.procs.delete(n.id);
    });
  }

  node(id: number): ZooKeeperNode {
    const n = this.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no ZooKeeper node ${id}`);
    return n;
  }

  isRunning(id: number): boolean {
    return this.procs.has(id);
  }

  /** Each node's mode as `srvr` tells it (null: not answering). */
  async modes(): Promise<Map<number, string | null>> {
    const entries = await Promise.all(this.nodes.map(async (n) => [n.id, this.procs.has(n.id) ? await zookeeperMode(n.clientPort) : null] as const));
    return new Map(entries);
  }

  /** Waits until every running node serves as leader or follower (standalone for one node). */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const serving = this.nodes.length > 1 ? ['leader', 'follower'] : ['standalone'];
    while (Date.now() < deadline) {
      for (const [id, p] of this.procs) {
        if (p.exitCode !== null) throw new Error(`ZooKeeper node ${id} exited early; see ${join(this.node(id).dir, 'stdout.log')} and server.log beside it`);
      }
      const modes = await this.modes();
      const running = [...this.procs.keys()];
      if (running.every((id) => serving.includes(modes.get(id) ?? ''))) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`the ZooKeeper ensemble did not form within ${timeoutMs / 1000} s; logs under ${this.opts.dataDir}`);
  }

  /** Stops one node and waits for its process to exit. */
  async stopNode(id: number): Promise<void> {
    const p = this.procs.get(id);
    if (!p) return;
    await terminate(p, 15_000);
    this.procs.delete(id);
  }

  /** Starts a stopped node again (same ports and data) and waits until it serves again. */
  async startNode(id: number): Promise<void> {
    if (this.procs.has(id)) return;
    this.spawnNode(this.node(id));
    await this.waitReady();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => terminate(p, 15_000)));
    this.procs.clear();
  }

  /** For the process exit hook: no waiting. */
  killAll(): void {
    for (const p of this.procs.values()) p.kill('SIGKILL');
  }
}
