/**
 * Kafka's CLI tools for Playwright specs. Playwright compiles specs to CommonJS, which
 * cannot load scripts/kafka/cluster.ts (it uses import.meta), so the tools run through
 * the project's shell entry (tsx scripts/kafka/cli.ts tool ...) in a child process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export const cliKafka = {
  get bootstrap(): string {
    const v = process.env.KAFKA_TEST_BROKERS;
    if (!v) throw new Error('KAFKA_TEST_BROKERS is not set: run the browser tests through npm test');
    return v;
  },
  toolOk(tool: string, args: string[], input?: string): Promise<string> {
    return runCli([tool, '--bootstrap-server', this.bootstrap, ...args], input);
  },
};

/**
 * Kafka's CLI against the secured cluster as one of its principals (admin by default), with that
 * principal's --command-config (see startSecuredCluster in test-env.ts).
 */
export function secureToolOk(tool: string, args: string[], who = 'admin', input?: string): Promise<string> {
  const v = process.env.KAFKA_TEST_SECURE;
  if (!v) throw new Error('KAFKA_TEST_SECURE is not set: run the browser tests through npm test');
  const info = JSON.parse(v) as { bootstrap: string; clientConfigs: Record<string, string> };
  return runCli([tool, '--bootstrap-server', info.bootstrap, '--command-config', info.clientConfigs[who], ...args], input);
}

function runCli(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'kafka', 'cli.ts'), 'tool', ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.slice(0, 1).join(' ')} exited ${code}:\n${err}${out}`))));
    child.stdin.end(input ?? '');
  });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface RunningCli {
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A long-running process through the shell entry (`run NAME ARGS` for a console consumer,
 * `wordcount BOOTSTRAP APP_ID` for the Streams demo), in its own process group: stop() sends it
 * SIGTERM, and the entry stops its JVM before it exits.
 */
export function startCli(args: string[]): RunningCli {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'kafka', 'cli.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    output: () => out,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          if (pattern.test(out)) return resolve();
          if (child.exitCode !== null) return reject(new Error(`${args[0]} exited ${child.exitCode}:\n${out}`));
          if (Date.now() > deadline) return reject(new Error(`${args[0]} did not print ${pattern} within ${timeoutMs} ms:\n${out}`));
          setTimeout(check, 200);
        };
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {}
      }, 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
