/**
 * The real cluster as tests see it: its brokers, Kafka's own CLI tools run against it,
 * and stopping or restarting one broker (through the control endpoint of test-env.ts).
 */
import { spawn } from 'node:child_process';
import { runTool, spawnTool, stopTool, type ToolResult } from '../../scripts/kafka/cluster';
import { testKind } from './kind';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run these tests through npm test or vitest.integration.config.mts`);
  return v;
}

export const testKafka = {
  get bootstrap(): string {
    return env('KAFKA_TEST_BROKERS');
  },
  get nodes(): { id: number; port: number }[] {
    return JSON.parse(env('KAFKA_TEST_NODES')) as { id: number; port: number }[];
  },
  async stopNode(id: number): Promise<void> {
    const res = await fetch(`${env('KAFKA_TEST_CONTROL')}/nodes/${id}/stop`, { method: 'POST' });
    if (!res.ok) throw new Error(`stopping node ${id} failed: ${await res.text()}`);
  },
  async startNode(id: number): Promise<void> {
    const res = await fetch(`${env('KAFKA_TEST_CONTROL')}/nodes/${id}/start`, { method: 'POST' });
    if (!res.ok) throw new Error(`starting node ${id} failed: ${await res.text()}`);
  },
  /** Stops or starts one node of the ZooKeeper ensemble (ZooKeeper-mode clusters only). */
  async zookeeperNode(id: number, action: 'stop' | 'start'): Promise<void> {
    const res = await fetch(`${env('KAFKA_TEST_CONTROL')}/zookeeper/${id}/${action}`, { method: 'POST' });
    if (!res.ok) throw new Error(`${action} ZooKeeper node ${id} failed: ${await res.text()}`);
  },
  /** Runs a Kafka CLI tool (kafka-topics, kafka-configs, ...) of the cluster's own version with --bootstrap-server set. */
  tool(tool: string, args: string[], input?: string): Promise<ToolResult> {
    return runTool(tool, ['--bootstrap-server', this.bootstrap, ...args], input, testKind.version);
  },
  /**
   * ZooKeeper's own CLI against the cluster's ensemble, under its chroot (ZooKeeper mode only).
   * `connect` narrows it to some nodes: with one node down, ZooKeeper 3.5's CLI may try that one
   * first and fail the command instead of waiting for another.
   */
  async zookeeperShell(args: string[], connect = env('KAFKA_TEST_ZOOKEEPER')): Promise<string> {
    const r = await runTool('zookeeper-shell', ['-server', connect, ...args], undefined, testKind.version);
    if (r.code !== 0) throw new Error(`zookeeper-shell ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  },
  /** `records` incompressible records of `size` bytes each, written with Kafka's own perf producer (acks=1). */
  async fill(topic: string, records: number, size = 1000): Promise<void> {
    await this.toolOk('kafka-producer-perf-test', [
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(size),
      '--throughput',
      '-1',
      '--producer-props',
      'acks=1',
      'compression.type=none',
    ]);
  },
  async toolOk(tool: string, args: string[], input?: string): Promise<string> {
    const r = await this.tool(tool, args, input);
    if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  },
};

/** A topic or group name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface RunningTool {
  /** Everything the tool printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output matches, rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a long-running Kafka CLI tool (e.g. kafka-console-consumer --group G) against the test cluster; stop it in `finally`. */
export function startTool(tool: string, args: string[]): RunningTool {
  const child = spawnTool(tool, ['--bootstrap-server', testKafka.bootstrap, ...args], testKind.version);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return {
    output: () => out,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          if (pattern.test(out)) return resolve();
          if (child.exitCode !== null) return reject(new Error(`${tool} exited ${child.exitCode}:\n${out}`));
          if (Date.now() > deadline) return reject(new Error(`${tool} did not print ${pattern} within ${timeoutMs} ms:\n${out}`));
          setTimeout(check, 200);
        };
        check();
      });
    },
    stop: () => stopTool(child),
  };
}

/** Runs kcat against the test cluster; resolves with its output, rejects with its error text. */
export function kcat(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', testKafka.bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat ${args.join(' ')} exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}
