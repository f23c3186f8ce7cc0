import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupProblem } from './startup';

const dir = mkdtempSync(join(tmpdir(), 'startup-'));
function file(config: unknown): string {
  const f = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify(config));
  return f;
}
const noAuth = file({ auth: { mode: 'none' }, clusters: [{ id: 'a', bootstrapServers: ['a:1'] }] });

describe('startupProblem', () => {
  test('without sign-in, only loopback addresses are allowed', () => {
    expect(startupProblem({ KAFKA_CONSOLE_CONFIG: noAuth, KAFKA_CONSOLE_BIND: '127.0.0.1' })).toBeNull();
    expect(startupProblem({ KAFKA_CONSOLE_CONFIG: noAuth, KAFKA_CONSOLE_BIND: '::1' })).toBeNull();
    expect(startupProblem({ KAFKA_CONSOLE_CONFIG: noAuth, KAFKA_CONSOLE_BIND: '0.0.0.0' })).toMatch(/only listens on a loopback address/);
    expect(startupProblem({ KAFKA_CONSOLE_CONFIG: noAuth })).toMatch(/listen address is unknown/);
  });

  test('with sign-in, any address; a broken config is reported', () => {
    expect(startupProblem({ KAFKA_BROKERS: 'a:1', KAFKA_CONSOLE_BIND: '0.0.0.0' })).toBeNull();
    expect(startupProblem({})).toMatch(/no cluster configured/);
  });

  test('npm start refuses to serve a console without sign-in on 0.0.0.0', () => {
    const res = spawnSync('node', ['scripts/run.mjs', 'start'], {
      env: { ...process.env, KAFKA_CONSOLE_CONFIG: noAuth, HOST: '0.0.0.0', PORT: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/cannot start: auth.mode is "none"/);
    // It starts a real `npm start` (node, the config check): seconds on a loaded machine.
  }, 35_000);
});
