/**
 * What every benchmark needs to measure the console the way it runs: a console config file
 * with sign-in on (one admin user with a random password, a random session secret, the
 * audit file in the bench's temp dir), a sign-in through the real login route, and the
 * headers the API asks of a signed-in client.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../lib/auth/passwords';

export interface BenchCluster {
  id: string;
  name?: string;
  bootstrapServers: string[];
  /** A secured cluster's settings, as the console config takes them. */
  ssl?: { enabled: boolean; caFile?: string };
  sasl?: { mechanism: string; username: string; password: string };
  schemaRegistry?: { url: string };
}

/** Sends the login request: `fetch` over HTTP, or a route handler called in-process. */
export type Send = (request: Request) => Promise<Response>;

export interface BenchConsole {
  /** The console config file, for KAFKA_CONSOLE_CONFIG. */
  configFile: string;
  /** The audit trail the console writes (logins included). */
  auditFile: string;
  /** Signs in as the bench's admin at `baseUrl` and returns the Cookie header value. */
  signIn(baseUrl: string, send?: Send): Promise<string>;
}

export const BENCH_USER = 'bench-admin';

/** Writes `console.json` into `dir` (the bench's temp dir, removed by the bench). */
export async function writeBenchConsole(dir: string, clusters: BenchCluster[]): Promise<BenchConsole> {
  const password = randomBytes(18).toString('base64url');
  const configFile = join(dir, 'console.json');
  const auditFile = join(dir, 'audit.jsonl');
  const config = {
    auth: {
      users: [{ username: BENCH_USER, passwordHash: await hashPassword(password), roles: ['admin'] }],
      // One session serves the whole run and the benches ignore refreshed cookies: the
      // longest idle time, so a long fill does not sign them out halfway.
      session: { secret: { value: randomBytes(32).toString('hex') }, idleMinutes: 24 * 60 },
    },
    audit: { file: auditFile },
    clusters,
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
  return {
    configFile,
    auditFile,
    async signIn(baseUrl, send = (r) => fetch(r)) {
      const res = await send(
        new Request(new URL('/api/auth/login', baseUrl), {
          method: 'POST',
          headers: requestHeaders(null, 'POST', baseUrl),
          body: JSON.stringify({ username: BENCH_USER, password }),
        }),
      );
      if (res.status !== 200) throw new Error(`sign-in at ${baseUrl} failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      if (!cookie.startsWith('kc_session=')) throw new Error(`sign-in at ${baseUrl} set no session cookie`);
      return cookie;
    },
  };
}

/**
 * Headers of a signed-in request: the session cookie; for anything but GET also the
 * console's own Origin and a JSON body type, as the API requires of changes.
 */
export function requestHeaders(cookie: string | null, method: string, baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { ...extra };
  if (cookie) h.cookie = cookie;
  if (method !== 'GET' && method !== 'HEAD') {
    h.origin = new URL(baseUrl).origin;
    h['content-type'] = 'application/json';
  }
  return h;
}

/** The session cookie for a browser context (`context.addCookies`), scoped to the console's URL. */
export function browserCookie(cookie: string, baseUrl: string): { name: string; value: string; url: string } {
  const i = cookie.indexOf('=');
  return { name: cookie.slice(0, i), value: cookie.slice(i + 1), url: new URL(baseUrl).origin };
}

/** Waits until the console answers at all (any status: the API wants a session). */
export async function waitForConsole(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await (await fetch(new URL('/api/auth/me', baseUrl))).arrayBuffer();
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl} did not answer within ${timeoutMs / 1000} s`);
}

/** The p-th percentile (nearest rank) of some timings; NaN for none. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** A numeric `--name N` command-line option, or the default. */
export function numberArg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/**
 * lib/kafka/* import 'server-only', which only loads under the react-server condition: a bench
 * that calls route handlers in-process runs itself again under it (call first, at the top).
 */
export function runUnderReactServer(): void {
  if (process.execArgv.some((a) => a.includes('react-server'))) return;
  const r = spawnSync(process.execPath, ['--conditions=react-server', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

/**
 * `count` topics named bench-00000, bench-00001, ... (`batch` per CreateTopics call, one
 * replica each, `partitionsOf(i)` partitions), then waits until every one has leaders.
 */
export async function createManyTopics(bootstrap: string[], count: number, batch: number, partitionsOf: (i: number) => number): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'bench-topics', brokers: bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let i = 0; i < count; i += batch) {
      const topics = [];
      for (let j = i; j < Math.min(count, i + batch); j++)
        topics.push({ topic: `bench-${String(j).padStart(5, '0')}`, numPartitions: partitionsOf(j), replicationFactor: 1 });
      await admin.createTopics({ topics, waitForLeaders: false, timeout: 120_000 });
      process.stdout.write(`\r  created ${Math.min(count, i + batch)} / ${count}`);
    }
    process.stdout.write('\n');
    const deadline = Date.now() + 180_000;
    for (;;) {
      const md = await admin.fetchTopicMetadata();
      const ready = md.topics.filter((t) => t.name.startsWith('bench-') && t.partitions.every((p) => p.leader >= 0)).length;
      if (ready >= count) break;
      if (Date.now() > deadline) throw new Error(`only ${ready} of ${count} topics have leaders after 3 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * What a fresh cluster answers while it creates and loads __consumer_offsets, worth a retry:
 * COORDINATOR_LOAD_IN_PROGRESS (14), COORDINATOR_NOT_AVAILABLE (15), NOT_COORDINATOR (16).
 */
const COORDINATOR_NOT_READY = new Set([14, 15, 16]);

export async function retryWhileCoordinatorLoads<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 50 || !COORDINATOR_NOT_READY.has((err as { code?: unknown }).code as number)) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
