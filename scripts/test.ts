/**
 * `npm test`: unit tests, API integration tests against a real 3-broker Kafka, then
 * Playwright in Chromium against the built console and the same Kafka. Ends with one
 * line `N passed, N failed` and exits non-zero on any failure.
 *
 * Last, the compatibility suite: the API test files that make sense on every Kafka generation,
 * run again on other releases and on ZooKeeper mode (the kinds in COMPAT_KINDS).
 *
 *   npm test                      everything (compatibility suite on 3.9.2 ZooKeeper)
 *   npm test -- --only unit,api   some phases (lint, unit, api, e2e, fuzz, compat)
 *   npm test -- --skip-build      reuse an existing .next build for the e2e phase
 *   npm run test:compat           the compatibility suite on every kind (--kinds all)
 *   npm test -- --only compat --kinds 3.1.2:zookeeper
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, projectRoot } from './kafka/cluster';
import { startTestEnvironment, type TestEnvironment } from '../e2e/support/test-env';
import { kindLabel, type KafkaKind } from '../e2e/support/kind';
import { startOidcForConsole } from '../e2e/support/oidc-provider';
import { spawnConsoleServer } from './console-server';
import { runFuzz } from './fuzz';

type Phase = 'lint' | 'unit' | 'api' | 'e2e' | 'fuzz' | 'compat';
const args = process.argv.slice(2);
const onlyArg = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const phases = new Set<Phase>((onlyArg?.split(',') as Phase[] | undefined) ?? ['lint', 'unit', 'api', 'e2e', 'fuzz', 'compat']);

/**
 * The API test files every Kafka generation must pass (overview, topics, configs, groups and
 * resets, browse, produce, search, live tail, a broker down); the full suite runs them all on
 * the pinned release. Tests inside them that check one generation's feature ask `testKind`.
 */
const COMPAT_FILES = [
  'e2e/api/overview.test.ts',
  'e2e/api/topics.test.ts',
  'e2e/api/configs.test.ts',
  'e2e/api/groups.test.ts',
  'e2e/api/reset-offsets.test.ts',
  'e2e/api/offsets.test.ts',
  'e2e/api/messages.test.ts',
  'e2e/api/messages-reader.test.ts',
  'e2e/api/stream-events.test.ts',
  'e2e/api/broker-down.test.ts',
  'e2e/api/zookeeper.test.ts',
  'e2e/api/leaders.test.ts',
  'e2e/api/storage.test.ts',
  'e2e/api/history-sampling.test.ts',
];
/** Every kind `npm run test:compat` runs; `npm test` runs the first ZooKeeper one. */
const COMPAT_KINDS: KafkaKind[] = [
  { version: '4.3.1', mode: 'kraft' },
  { version: '3.9.2', mode: 'zookeeper' },
  { version: '3.1.2', mode: 'zookeeper' },
  { version: '2.8.2', mode: 'zookeeper' },
];
const kindsArg = args.includes('--kinds') ? args[args.indexOf('--kinds') + 1] : undefined;
const compatKinds: KafkaKind[] =
  kindsArg === 'all'
    ? COMPAT_KINDS
    : kindsArg
      ? kindsArg.split(',').map((k) => {
          const [version, mode = 'kraft'] = k.split(':');
          if (mode !== 'kraft' && mode !== 'zookeeper') throw new Error(`--kinds: ${k}: the mode is kraft or zookeeper`);
          return { version, mode };
        })
      : [COMPAT_KINDS[1]];
const skipBuild = args.includes('--skip-build');
const resultsDir = join(projectRoot, '.cache', 'test-results');
const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const children = new Set<ChildProcess>();
let env: TestEnvironment | null = null;
let server: ChildProcess | null = null;
let oidc: { stop(): Promise<void> } | null = null;

function say(line: string) {
  process.stdout.write(`\n=== ${line}\n`);
}

function run(cmd: string, argv: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    children.add(child);
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

function readVitest(file: string, code: number): Tally {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      success: boolean;
    };
    const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function readPlaywright(file: string, code: number): Tally {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };
    const failed = r.stats.unexpected + r.stats.flaky + (code !== 0 && r.stats.unexpected === 0 ? 1 : 0);
    return { passed: r.stats.expected, failed, skipped: r.stats.skipped };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function add(t: Tally, phase: string) {
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
  process.stdout.write(`--- ${phase}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}\n`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function cleanup() {
  for (const c of children) c.kill('SIGTERM');
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await oidc?.stop();
  oidc = null;
  await env?.stop();
  env = null;
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();

  if (phases.has('lint')) {
    // Biome (lint and format, biome.jsonc) and the type checker: one check each.
    say('Lint, format and types (biome check, tsc)');
    const checks = [await run(bin('biome'), ['check', '.']), await run(bin('tsc'), ['--noEmit', '-p', '.'])];
    add({ passed: checks.filter((c) => c === 0).length, failed: checks.filter((c) => c !== 0).length, skipped: 0 }, 'lint');
  }

  if (phases.has('unit')) {
    say('Unit tests (vitest)');
    const out = join(resultsDir, 'unit.json');
    const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
    add(readVitest(out, code), 'unit');
  }

  if (phases.has('api') || phases.has('e2e') || phases.has('fuzz')) {
    say('Starting a real 3-broker Kafka cluster');
    env = await startTestEnvironment((l) => process.stdout.write(`${l}\n`));
  }

  if (phases.has('api') && env) {
    say('API integration tests (vitest, real Kafka)');
    const out = join(resultsDir, 'api.json');
    const code = await run(
      bin('vitest'),
      ['run', '--config', 'vitest.integration.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
      env.env,
    );
    add(readVitest(out, code), 'api');
  }

  if ((phases.has('e2e') || phases.has('fuzz')) && env) {
    try {
      if (!skipBuild || !existsSync(join(projectRoot, '.next', 'BUILD_ID'))) {
        say('Building the console (next build)');
        const code = await run(bin('next'), ['build']);
        if (code !== 0) throw new Error('next build failed');
      }
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      // A real OpenID provider in-process, and the console configured to sign in with it too.
      const withOidc = await startOidcForConsole({ consoleOrigin: baseUrl, configFile: env.env.KAFKA_CONSOLE_CONFIG });
      oidc = withOidc;
      const consoleEnv = { ...process.env, ...env.env, ...withOidc.env, KAFKA_CONSOLE_BIND: '127.0.0.1' };
      say(`Starting the console on 127.0.0.1:${port}`);
      server = spawnConsoleServer({ host: '127.0.0.1', port, env: consoleEnv, stdio: ['ignore', 'inherit', 'inherit'] });
      await waitForHttp(`${baseUrl}/login`, 60_000);
      if (phases.has('e2e')) {
        say('Browser tests (Playwright, Chromium)');
        const out = join(resultsDir, 'e2e.json');
        const code = await run(bin('playwright'), ['test'], { ...env.env, ...withOidc.env, BASE_URL: baseUrl, PLAYWRIGHT_JSON: out });
        add(readPlaywright(out, code), 'e2e');
      }
      if (phases.has('fuzz')) {
        // Last: its failed sign-ins lock this machine's address out of signing in for a minute.
        say('API fuzzing (Schemathesis over /api/openapi.json, as the operator)');
        try {
          add({ ...(await runFuzz(baseUrl, { users: env.env.KAFKA_TEST_USERS })), skipped: 0 }, 'fuzz');
        } catch (err) {
          process.stdout.write(`fuzz phase failed: ${err instanceof Error ? err.message : String(err)}\n`);
          add({ passed: 0, failed: 1, skipped: 0 }, 'fuzz');
        }
      }
    } catch (err) {
      process.stdout.write(`e2e phase failed: ${err instanceof Error ? err.message : String(err)}\n`);
      add({ passed: 0, failed: 1, skipped: 0 }, 'e2e');
    }
  }

  await cleanup();

  if (phases.has('compat')) {
    for (const kind of compatKinds) {
      say(`Compatibility suite on ${kindLabel(kind)}`);
      try {
        env = await startTestEnvironment((l) => process.stdout.write(`${l}\n`), kind);
        const out = join(resultsDir, `compat-${kind.version}-${kind.mode}.json`);
        const code = await run(
          bin('vitest'),
          ['run', '--config', 'vitest.integration.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...COMPAT_FILES],
          env.env,
        );
        add(readVitest(out, code), `compat ${kindLabel(kind)}`);
      } catch (err) {
        process.stdout.write(`compatibility suite on ${kindLabel(kind)} failed: ${err instanceof Error ? err.message : String(err)}\n`);
        add({ passed: 0, failed: 1, skipped: 0 }, `compat ${kindLabel(kind)}`);
      }
      await cleanup();
    }
  }
  process.stdout.write(`\nTook ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
  return total.failed > 0 ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    process.stdout.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    await cleanup();
    process.stdout.write(`${total.passed} passed, ${total.failed + 1} failed\n`);
    process.exit(1);
  },
);
