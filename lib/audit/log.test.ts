import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAuditSink, auditActor, recordAudit, type AuditInput } from './log';

const dir = mkdtempSync(join(tmpdir(), 'audit-log-'));
const file = join(dir, 'nested', 'audit.jsonl');
const configKey = Symbol.for('kafka-console.config');
const stateKey = Symbol.for('kafka-console.audit');

beforeAll(() => {
  const config = join(dir, 'console.json');
  writeFileSync(config, JSON.stringify({ auth: { mode: 'none' }, audit: { file }, clusters: [{ id: 'c', bootstrapServers: ['127.0.0.1:1'] }] }));
  process.env.KAFKA_CONSOLE_CONFIG = config;
  delete (globalThis as Record<symbol, unknown>)[configKey];
  delete (globalThis as Record<symbol, unknown>)[stateKey];
});
afterAll(() => {
  delete process.env.KAFKA_CONSOLE_CONFIG;
  delete (globalThis as Record<symbol, unknown>)[configKey];
  delete (globalThis as Record<symbol, unknown>)[stateKey];
  rmSync(dir, { recursive: true, force: true });
});

const input = (n: number): AuditInput => ({
  actor: { user: `u${n}`, via: 'local', roles: [] },
  action: 'test',
  params: { n, pad: 'x'.repeat(n * 37) },
  result: { status: 200, ok: true },
});

describe('recordAudit', () => {
  test('creates the file 0600 and keeps 500 concurrent entries whole, one per line, in call order', async () => {
    const entries = await Promise.all(Array.from({ length: 500 }, (_, i) => recordAudit(input(i))));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    const parsed = lines.map((l) => JSON.parse(l) as { id: string; params: { n: number } });
    expect(parsed.map((p) => p.params.n)).toEqual(entries.map((_, i) => i));
    expect(new Set(parsed.map((p) => p.id)).size).toBe(500);
  });

  test('appends to what is there and narrows a file others can read to 0600', async () => {
    delete (globalThis as Record<symbol, unknown>)[stateKey];
    chmodSync(file, 0o644);
    const before = readFileSync(file, 'utf8');
    await recordAudit(input(1));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length).trimEnd().split('\n')).toHaveLength(1);
  });

  test('waits for the other sinks, and goes on without one that fails', async () => {
    const seen: string[] = [];
    addAuditSink(async (e) => {
      await new Promise((r) => setTimeout(r, 50));
      seen.push(e.id);
    });
    addAuditSink(async () => {
      throw new Error('sink down');
    });
    const e = await recordAudit(input(2));
    expect(seen).toEqual([e.id]);
    expect(readFileSync(file, 'utf8')).toContain(e.id);
  });
});

describe('auditActor', () => {
  test('writes grants out with their prefixes', () => {
    expect(
      auditActor({
        user: 'team-a',
        via: 'local',
        grants: [
          { role: 'viewer', cluster: '*' },
          { role: 'operator', cluster: 'local', topicPrefix: 'team-a.', groupPrefix: 'team-a.' },
        ],
      }),
    ).toEqual({
      user: 'team-a',
      via: 'local',
      roles: ['viewer@*', 'operator@local topics:team-a.* groups:team-a.*'],
    });
    expect(auditActor(null)).toEqual({ user: null, via: null, roles: [] });
  });
});
