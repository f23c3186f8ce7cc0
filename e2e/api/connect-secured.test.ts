/**
 * A Connect cluster behind https and basic auth, for real: one worker with an https REST
 * listener (a certificate from scripts/kafka/tls.ts) and BasicAuthSecurityRestExtension. The
 * console reaches it with the configured CA file and the password from a file; a wrong
 * password, an untrusted CA and no CA at all are each a 503 naming what to fix, for that
 * Connect cluster only; the password never appears in an answer or the audit trail.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectGroup } from '../../scripts/kafka/connect';
import { makeTlsFiles } from '../../scripts/kafka/tls';
import { api, reloadConsoleConfig } from '../support/api';
import { waitFor } from '../support/connect';
import { testKafka, uniqueName } from '../support/kafka';
import { testKind } from '../support/kind';
import { disconnectAll } from '@/lib/kafka/registry';

const C = '/api/clusters/local';
const dir = mkdtempSync(join(tmpdir(), 'connect-secured-'));
const password = `connect-${randomBytes(12).toString('hex')}`;
const originalConfig = process.env.KAFKA_CONSOLE_CONFIG as string;
let group: ConnectGroup | null = null;
let url = '';
let caFile = '';

beforeAll(async () => {
  const tls = makeTlsFiles(join(dir, 'tls'), []);
  caFile = tls.caFile;
  group = await ConnectGroup.start({
    bootstrap: testKafka.bootstrap,
    groupId: uniqueName('secured-connect'),
    replicationFactor: 3,
    version: testKind.version,
    basicAuth: { username: 'console', password },
    tls: { p12: tls.broker.p12, password: tls.storePassword, caFile: tls.caFile },
  });
  url = group.workers[0].url;
  const passwordFile = join(dir, 'connect-password.txt');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  const wrongFile = join(dir, 'wrong-password.txt');
  writeFileSync(wrongFile, 'not-the-password\n');
  const config = JSON.parse(readFileSync(originalConfig, 'utf8')) as { clusters: { id: string; connect?: unknown[] }[] };
  const local = config.clusters.find((c) => c.id === 'local') as { connect?: unknown[] };
  local.connect = [
    ...(local.connect ?? []),
    { name: 'secured', url, basicAuth: { username: 'console', passwordFile }, caFile: tls.caFile },
    { name: 'badpass', url, basicAuth: { username: 'console', passwordFile: wrongFile }, caFile: tls.caFile },
    { name: 'untrusted', url, basicAuth: { username: 'console', passwordFile }, caFile: tls.untrustedCaFile },
    { name: 'noca', url, basicAuth: { username: 'console', passwordFile } },
  ];
  const file = join(dir, 'clusters.json');
  writeFileSync(file, JSON.stringify(config));
  process.env.KAFKA_CONSOLE_CONFIG = file;
  reloadConsoleConfig();
}, 180_000);

afterAll(async () => {
  process.env.KAFKA_CONSOLE_CONFIG = originalConfig;
  reloadConsoleConfig();
  await group?.stop();
  await disconnectAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('https and basic auth', () => {
  test('the worker itself refuses a request without credentials (401) and plain http', async () => {
    const ca = readFileSync(caFile, 'utf8');
    const anonymous = await undiciFetch(`${url}/connectors`, { dispatcher: new Agent({ connect: { ca } }) });
    expect(anonymous.status).toBe(401);
    expect((await group?.request(`${url}/connectors`))?.status).toBe(200);
    await expect(fetch(`${url.replace('https:', 'http:')}/connectors`)).rejects.toThrow();
  });

  test('with the CA file and the password file: plugins, a connector created and RUNNING', async () => {
    const plugins = await api.get(`${C}/connect/secured/plugins`);
    expect(plugins.status).toBe(200);
    expect(plugins.body.plugins.map((p: { alias: string }) => p.alias)).toContain('FileStreamSink');
    const name = uniqueName('secured-sink');
    const topic = uniqueName('secured-topic');
    await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
    const created = await api.post(`${C}/connect/secured/connectors`, {
      name,
      config: { 'connector.class': 'FileStreamSink', topics: topic, file: join(group?.dataDir ?? dir, `${name}.txt`) },
    });
    expect(created.status).toBe(201);
    const direct = await waitFor(
      async () => group?.request(`${url}/connectors/${name}/status`),
      (r) => r?.status === 200 && JSON.parse(r.text).connector.state === 'RUNNING',
      60_000,
      'RUNNING on the secured worker',
    );
    expect(JSON.parse(direct?.text ?? '{}').connector.state).toBe('RUNNING');
    expect((await api.get(`${C}/connect/secured/connectors/${name}`)).body.connector.state).toBe('RUNNING');
  });

  test('a wrong password: 503 naming basicAuth', async () => {
    const res = await api.get(`${C}/connect/badpass/plugins`);
    expect(res.status).toBe(503);
    expect(res.body.error.details).toMatchObject({ connect: 'badpass', problem: 'auth', workerStatus: 401 });
    expect(res.body.error.message).toMatch(/check basicAuth/);
  });

  test('a CA that did not sign the certificate, or none: 503 naming caFile', async () => {
    for (const name of ['untrusted', 'noca']) {
      const res = await api.get(`${C}/connect/${name}/plugins`);
      expect(res.status, name).toBe(503);
      expect(res.body.error.details, name).toMatchObject({ connect: name, problem: 'tls' });
      expect(res.body.error.message).toMatch(/set caFile/);
    }
  });

  test('the list: each Connect cluster with its own state, the working ones listed', async () => {
    const res = await api.get(`${C}/connect`);
    expect(res.status).toBe(200);
    const states = Object.fromEntries(
      (res.body.connectClusters as { name: string; status: string; httpStatus: number }[]).map((s) => [s.name, [s.status, s.httpStatus]]),
    );
    expect(states).toMatchObject({
      main: ['ok', 200],
      secured: ['ok', 200],
      badpass: ['unreachable', 503],
      untrusted: ['unreachable', 503],
      down: ['unreachable', 503],
    });
    expect(res.body.connectors.some((k: { connect: string }) => k.connect === 'secured')).toBe(true);
  });

  test('the password is in no answer and not in the audit trail', async () => {
    const bodies = await Promise.all(['/api/clusters', `${C}/connect`, `${C}/connect/badpass/plugins`, '/api/openapi.json'].map((u) => api.get(u)));
    const clusters = bodies[0].body.clusters.find((c: { id: string }) => c.id === 'local');
    expect(clusters.connect.find((k: { name: string }) => k.name === 'secured')).toEqual({ name: 'secured', url, basicAuth: true, tls: true });
    for (const b of bodies) expect(JSON.stringify(b.body)).not.toContain(password);
    expect(readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8')).not.toContain(password);
  });
});
