import { describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadClusters, loadConsoleConfig, publicCluster, resolvePassword } from './config';

function configFile(content: unknown): string {
  const f = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'clusters.json');
  writeFileSync(f, JSON.stringify(content));
  return f;
}

describe('loadClusters', () => {
  test('KAFKA_BROKERS gives one cluster named local', () => {
    expect(loadClusters({ KAFKA_BROKERS: 'a:9092, b:9093' })).toEqual([
      {
        id: 'local',
        name: 'local',
        bootstrapServers: ['a:9092', 'b:9093'],
        readOnly: false,
        connect: [],
        history: { enabled: true, intervalSeconds: 30, rawRetentionHours: 24, downsampledRetentionDays: 30 },
      },
    ]);
  });

  test('nothing configured is a clear error', () => {
    expect(() => loadClusters({})).toThrow(/KAFKA_BROKERS/);
  });

  test('a config file lists several clusters with structured SASL', () => {
    const file = configFile({
      clusters: [
        {
          id: 'prod',
          name: 'Production',
          bootstrapServers: ['p:9092'],
          sasl: { mechanism: 'scram-sha-512', username: 'ops', passwordEnv: 'PROD_PW' },
          ssl: { enabled: true },
        },
        { id: 'dev', bootstrapServers: ['d:9092'] },
      ],
    });
    const clusters = loadClusters({ KAFKA_CONSOLE_CONFIG: file });
    expect(clusters.map((c) => c.id)).toEqual(['prod', 'dev']);
    expect(resolvePassword(clusters[0].sasl!, { PROD_PW: 's3cret' })).toBe('s3cret');
    const pub = publicCluster(clusters[0]);
    expect(JSON.stringify(pub)).not.toMatch(/s3cret|PROD_PW|ops/);
    expect(pub.security).toEqual({ ssl: true, sasl: 'scram-sha-512' });
  });

  test.each([
    [{ clusters: [{ id: 'x', bootstrapServers: ['nohostport'] }] }, /host:port/],
    [{ clusters: [{ id: 'x', bootstrapServers: ['a:1'], properties: { 'sasl.jaas.config': 'x' } }] }, /properties|Unrecognized/i],
    [
      {
        clusters: [
          { id: 'x', bootstrapServers: ['a:1'] },
          { id: 'x', bootstrapServers: ['b:1'] },
        ],
      },
      /twice/,
    ],
    [{ clusters: [{ id: 'x', bootstrapServers: ['a:1'], sasl: { mechanism: 'plain', username: 'u' } }] }, /exactly one/],
  ])('rejects invalid config %#', (content, message) => {
    const file = configFile(content);
    expect(() => loadClusters({ KAFKA_CONSOLE_CONFIG: file })).toThrow(ConfigError);
    expect(() => loadClusters({ KAFKA_CONSOLE_CONFIG: file })).toThrow(message);
  });
});

describe('loadConsoleConfig', () => {
  test('a file that is not valid JSON is reported by position, never by its contents', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'bad.json');
    writeFileSync(
      f,
      '{"clusters": [{"id": "p", "bootstrapServers": ["p:9092"], "sasl": {"mechanism": "plain", "username": "u", "password": s3cr3t-Passw0rd}}]}',
    );
    let message = '';
    try {
      loadConsoleConfig({ KAFKA_CONSOLE_CONFIG: f });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not valid JSON \(line 1, column \d+\)/);
    expect(message).not.toMatch(/s3cr3t|Passw0rd/);
  });

  test('sign-in is on by default; auth.mode none must be written out', () => {
    expect(loadConsoleConfig({ KAFKA_BROKERS: 'a:9092' }).auth.mode).toBe('signin');
    expect(
      loadConsoleConfig({ KAFKA_CONSOLE_CONFIG: configFile({ auth: { mode: 'none' }, clusters: [{ id: 'a', bootstrapServers: ['a:1'] }] }) }).auth.mode,
    ).toBe('none');
  });

  test('a plain password in a user entry is refused', () => {
    const f = configFile({
      auth: { users: [{ username: 'alice', passwordHash: 'hunter2', roles: ['admin'] }] },
      clusters: [{ id: 'a', bootstrapServers: ['a:1'] }],
    });
    expect(() => loadConsoleConfig({ KAFKA_CONSOLE_CONFIG: f })).toThrow(/scrypt hash/);
  });

  test('a grant naming an unknown cluster is refused', () => {
    const f = configFile({
      auth: { users: [{ username: 'alice', passwordHash: `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`, roles: ['operator@nope'] }] },
      clusters: [{ id: 'a', bootstrapServers: ['a:1'] }],
    });
    expect(() => loadConsoleConfig({ KAFKA_CONSOLE_CONFIG: f })).toThrow(/no cluster with id nope/);
  });
});
