#!/usr/bin/env node
// Entry point of `npm test`, `npm run demo` and `npm run kafka`: installs the npm
// dependencies when they are missing or stale (and, for test and demo, the system commands
// they run), then runs scripts/<command>.ts with tsx.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000) {
  process.stderr.write('Installing npm dependencies (npm ci)...\n');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const [command, ...args] = process.argv.slice(2);
const scripts = { test: 'scripts/test.ts', demo: 'scripts/demo.ts', kafka: 'scripts/kafka/cli.ts', console: 'scripts/console.ts', start: 'scripts/start.ts' };
if (!scripts[command]) {
  process.stderr.write(`usage: node scripts/run.mjs ${Object.keys(scripts).join('|')} [args]\n`);
  process.exit(2);
}
// The commands the tests and the demo run besides Node's: installed when missing.
const systemPackages = { test: ['chromium', 'kcat', 'openssl'], demo: ['openssl'] }[command];
if (systemPackages && !args.includes('--help')) {
  const res = spawnSync('bash', [join(root, 'scripts', 'system-packages.sh'), ...systemPackages], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
// `start` and `console` load the console's own config code, which is marked server-only.
const conditions = command === 'start' || command === 'console' ? ['--conditions=react-server'] : [];
const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [...conditions, join(root, scripts[command]), ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
