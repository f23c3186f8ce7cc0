/**
 * Fuzzes every operation of /api/openapi.json with Schemathesis, signed in as the operator
 * test user: no response may be a server error, every status, content type and body must
 * be one the document declares, and no response may carry a stack trace.
 *
 *   npx tsx scripts/fuzz.ts http://127.0.0.1:3000     (needs KAFKA_TEST_USERS)
 *
 * Schemathesis comes from PyPI into .cache/venv (once). The run works on a topic and a
 * consumer group of its own (named fuzz-<id>, removed afterwards as the admin test user);
 * creating topics and adding partitions are only validated by Kafka, never carried out, so
 * the fuzzer cannot flood the cluster with topics of thousands of partitions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { projectRoot } from './kafka/cluster';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** Operations the fuzzer leaves alone: an endless stream, and signing out (it would end the run's session). */
export const EXCLUDED_OPERATIONS = ['tailMessages', 'logout'];

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'unsupported_method',
];

/** What a response must never contain: a frame of a stack trace, or the names of the server's internals. */
const STACK_MARKERS: [string, RegExp][] = [
  ['a stack frame', /\bat .{0,200}\.(?:js|ts|tsx|mjs|cjs):\d+/],
  ['node_modules', /node_modules/],
  ['KafkaJS', /KafkaJS/],
];

export interface FuzzOptions {
  /** Examples per operation (default 25). */
  maxExamples?: number;
  workers?: number;
  /** The configured cluster to work on (default "local"). */
  cluster?: string;
  /** JSON list of { username, password }; default $KAFKA_TEST_USERS. Needs "operator" and "admin". */
  users?: string;
  /** Where reports go (default .cache/fuzz). */
  outDir?: string;
  seed?: number;
  log?: (line: string) => void;
}

export interface FuzzResult {
  passed: number;
  failed: number;
}

const venv = join(projectRoot, '.cache', 'venv');
const st = join(venv, 'bin', 'st');

/** Creates .cache/venv and installs the pinned Schemathesis into it, unless it is there already. */
export function ensureSchemathesis(log: (line: string) => void = () => {}): string {
  const installed = existsSync(st) ? spawnSync(st, ['--version'], { encoding: 'utf8' }).stdout : '';
  if (installed.includes(SCHEMATHESIS_VERSION)) return st;
  if (!existsSync(join(venv, 'bin', 'python'))) {
    log(`Creating a Python virtual environment in ${venv}`);
    const r = spawnSync(process.env.FUZZ_PYTHON ?? 'python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('python3 -m venv failed: install Python 3.10+ with its venv module (Debian: apt-get install python3-venv)');
  }
  log(`Installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI`);
  const r = spawnSync(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`pip install schemathesis==${SCHEMATHESIS_VERSION} failed`);
  return st;
}

/**
 * Two workers where Python's ast module is thread-safe (3.13+); one before that, where
 * Hypothesis, describing strategies from their source, fails now and then with "AST
 * constructor recursion depth mismatch" when two threads parse at once.
 */
function defaultWorkers(log: (line: string) => void): number {
  const out = spawnSync(join(venv, 'bin', 'python'), ['-c', 'import sys; print(sys.version_info >= (3, 13))'], { encoding: 'utf8' }).stdout.trim();
  if (out === 'True') return 2;
  log('One Schemathesis worker: Python before 3.13 cannot parse source in two threads at once (set FUZZ_PYTHON to a newer python3 for two)');
  return 1;
}

function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`Refusing to fuzz ${url.origin}: only a console on this machine (127.0.0.1, localhost, ::1) may be fuzzed`);
  }
  return url;
}

interface Session {
  cookie: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

async function signIn(base: URL, users: { username: string; password: string }[], username: string): Promise<Session> {
  const user = users.find((u) => u.username === username);
  if (!user) throw new Error(`No test user "${username}" in KAFKA_TEST_USERS`);
  const login = () =>
    fetch(new URL('/api/auth/login', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base.origin },
      body: JSON.stringify(user),
    });
  let res = await login();
  // Failed sign-ins (another run's fuzzing of this route) lock sign-in for a minute.
  for (let waited = 0; res.status === 429 && waited < 70; waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    res = await login();
  }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('kc_session='));
  if (res.status !== 200 || !cookie) throw new Error(`Signing in as ${username} failed: HTTP ${res.status}`);
  return {
    cookie,
    async call(method, path, body) {
      const r = await fetch(new URL(path, base), {
        method,
        headers: { cookie, origin: base.origin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as never };
    },
  };
}

function expectStatus(what: string, res: { status: number; body: unknown }, ...ok: number[]) {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** A topic with a few records and a consumer group with committed offsets, for the fuzzer to aim at. */
async function createFixtures(operator: Session, cluster: string, name: string): Promise<{ brokers: number[] }> {
  const c = encodeURIComponent(cluster);
  const overview = await operator.call<{ brokers?: { id: number }[] }>('GET', `/api/clusters/${c}/overview`);
  expectStatus('Reading the cluster overview', overview, 200);
  const brokers = (overview.body.brokers ?? []).map((b) => b.id);
  // Replicated, so that a broker restarting meanwhile leaves every partition a leader.
  const replicationFactor = Math.max(1, Math.min(3, brokers.length));
  expectStatus('Creating the fuzz topic', await operator.call('POST', `/api/clusters/${c}/topics`, { name, partitions: 2, replicationFactor }), 201);
  for (let i = 0; i < 4; i++) {
    const record = { key: `k${i}`, value: `{"n":${i}}`, partition: i % 2 };
    // A new topic's leaders take a moment to be known everywhere.
    let res = await operator.call('POST', `/api/clusters/${c}/topics/${name}/messages`, record);
    for (let attempt = 0; res.status === 404 && attempt < 20; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      res = await operator.call('POST', `/api/clusters/${c}/topics/${name}/messages`, record);
    }
    expectStatus('Producing to the fuzz topic', res, 200);
  }
  // The API changes offsets only of groups that exist; a commit outside any generation creates one.
  const clusters = await operator.call<{ clusters: { id: string; bootstrapServers: string[] }[] }>('GET', '/api/clusters');
  const bootstrap = clusters.body.clusters.find((x) => x.id === cluster)?.bootstrapServers;
  if (!bootstrap) throw new Error(`No cluster ${cluster} in GET /api/clusters`);
  const kafkaAdmin = new Kafka({ clientId: 'kafka-console-fuzz', brokers: bootstrap, logLevel: logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
  try {
    await kafkaAdmin.setOffsets({ groupId: name, topic: name, partitions: [0, 1].map((partition) => ({ partition, offset: '1' })) });
  } finally {
    await kafkaAdmin.disconnect();
  }
  return { brokers };
}

async function removeFixtures(admin: Session, cluster: string, name: string, extraTopics: string[]): Promise<string[]> {
  const c = encodeURIComponent(cluster);
  const problems: string[] = [];
  const group = await admin.call('DELETE', `/api/clusters/${c}/groups/${name}`, { confirm: name });
  if (![200, 404].includes(group.status)) problems.push(`deleting group ${name}: HTTP ${group.status}`);
  for (const topic of [name, ...extraTopics]) {
    const t = encodeURIComponent(topic);
    const r = await admin.call('DELETE', `/api/clusters/${c}/topics/${t}`, { confirm: topic });
    if (![200, 404].includes(r.status)) problems.push(`deleting topic ${topic}: HTTP ${r.status}`);
  }
  return problems;
}

const toml = (v: unknown): string => JSON.stringify(v);

/**
 * Requests the document calls valid that the server may still refuse, because the reason
 * depends on Kafka's state or on several parameters at once (which a schema per parameter
 * cannot say). Each is documented on its operation.
 */
const REFUSED_WHEN_VALID: Record<string, { status: number; why: string }[]> = {
  browseMessages: [
    { status: 400, why: 'from=offset without offset (or timestamp), or a cursor no page returned' },
    { status: 422, why: 'an offset beyond the end of the chosen partitions' },
  ],
  searchMessages: [
    { status: 400, why: 'from=offset without offset (or timestamp), or a cursor no page returned' },
    { status: 422, why: 'an offset beyond the end of the chosen partitions' },
  ],
  listTopics: [{ status: 400, why: 'regex=true with a pattern that is not a safe regular expression' }],
  createTopic: [{ status: 422, why: 'a replication factor above the broker count, a config Kafka refuses' }],
  addPartitions: [{ status: 422, why: 'no more partitions than the topic has' }],
  setTopicConfig: [{ status: 422, why: 'a config name or value Kafka refuses; a security config without confirm' }],
  deleteTopicConfig: [{ status: 422, why: 'a security config without confirm (the topic name)' }],
  previewResetOffsets: [{ status: 422, why: 'a shift on a partition with no committed offset' }],
  executeResetOffsets: [{ status: 422, why: "an offset outside the partition's range" }],
  generateReassignment: [{ status: 422, why: 'a broker not in the cluster, a replication factor above the broker count, or nothing to move' }],
  previewReassignment: [{ status: 422, why: 'a broker not in the cluster, or the same partition twice with different replicas' }],
  executeReassignment: [{ status: 422, why: 'a broker not in the cluster, or the same partition twice with different replicas' }],
  verifyReassignment: [{ status: 422, why: 'a broker not in the cluster' }],
  checkSchemaCompatibility: [{ status: 422, why: 'schema text that is not a valid schema of its type' }],
  registerSchema: [{ status: 422, why: 'schema text that is not a valid schema of its type' }],
  produceMessage: [{ status: 422, why: 'a key or value that does not fit the schema of the subject it is to be encoded with' }],
  previewShareResetOffsets: [{ status: 422, why: 'a group that is not a share group, a shift, or an offset outside the log' }],
  executeShareResetOffsets: [{ status: 422, why: 'a group that is not a share group, or an offset outside the log' }],
};

/**
 * Real topic configs for the config routes to change on the run's topic; none that would make
 * producing to it fail for the rest of the run (min.insync.replicas above its one replica).
 */
const TOPIC_CONFIGS = ['retention.ms', 'retention.bytes', 'segment.ms', 'cleanup.policy', 'max.message.bytes', 'compression.type', 'message.timestamp.type'];

/**
 * Schemathesis's default (5xx is not_a_server_error's to report); 431: a URL of long multi-byte
 * values can pass Node.js's 16 KB; 413: a body the schema allows (many long array items) can pass
 * the API's 1 MiB body cap, which a JSON Schema cannot state (both documented).
 */
const POSITIVE_DEFAULT = ['2xx', '3xx', '401', '403', '404', '409', '413', '429', '431', '5xx'];

/**
 * Schemathesis's configuration: path parameters mostly name the run's own topic, group and
 * the real brokers (sometimes anything else); topic creation and partition growth are only
 * validated; values seen in responses are not reused, so the run stays on this cluster
 * (the test configuration also lists unreachable clusters, whose 503s the API tests cover).
 */
function schemathesisConfig(opts: { cluster: string; name: string; brokers: number[] }): string {
  const lines = [
    // An oversized body (413) or URL (431) is refused before it is parsed.
    '[checks.negative_data_rejection]',
    `expected-statuses = ${toml(['400', '401', '403', '404', '405', '406', '409', '413', '415', '422', '428', '429', '431', '5xx'])}`,
    '[checks.positive_data_acceptance]',
    `expected-statuses = ${toml(POSITIVE_DEFAULT)}`,
    '',
    '[phases.coverage.extra-data-sources]',
    'responses = false',
    '[phases.fuzzing.extra-data-sources]',
    'responses = false',
    '',
    '[dictionaries.clusters]',
    `values = ${toml([opts.cluster])}`,
    '[dictionaries.topics]',
    `values = ${toml([opts.name])}`,
    '[dictionaries.groups]',
    `values = ${toml([opts.name])}`,
    '[dictionaries.brokers]',
    `values = ${toml(opts.brokers.map(String))}`,
    '[dictionaries.configs]',
    `values = ${toml(TOPIC_CONFIGS)}`,
    '',
    '[parameters]',
    `"path.cluster" = { dictionary = "clusters", probability = 0.9 }`,
    `"path.topic" = { dictionary = "topics", probability = 0.8 }`,
    `"path.group" = { dictionary = "groups", probability = 0.8 }`,
    `"path.broker" = { dictionary = "brokers", probability = 0.8 }`,
    `"path.name" = { dictionary = "configs", probability = 0.7 }`,
    `"body.scope.topic" = { dictionary = "topics", probability = 0.8 }`,
    `"body.offsets[*].topic" = { dictionary = "topics", probability = 0.8 }`,
    '',
    '[[operations]]',
    `include-operation-id = ${toml(['createTopic', 'addPartitions'])}`,
    `parameters = { "body.validateOnly" = true }`,
    '',
    '[[operations]]',
    `include-operation-id = "searchMessages"`,
    'max-stream-events = 50',
    '',
    // Its failed sign-ins lock this address out of signing in for a minute (a documented 429):
    // npm test runs it last, after the browser tests have signed in.
  ];
  for (const [id, refusals] of Object.entries(REFUSED_WHEN_VALID)) {
    lines.push(
      `# ${id}: ${refusals.map((r) => `${r.status} for ${r.why}`).join('; ')}`,
      '[[operations]]',
      `include-operation-id = ${toml(id)}`,
      `checks.positive_data_acceptance.expected-statuses = ${toml([...POSITIVE_DEFAULT, ...refusals.map((r) => String(r.status))])}`,
      '',
    );
  }
  return lines.join('\n');
}

export interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content?: { text?: string; encoding?: string } };
}

function harEntries(file: string): HarEntry[] {
  if (!existsSync(file)) return [];
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log?: { entries?: HarEntry[] } };
  return har.log?.entries ?? [];
}

function bodyText(e: HarEntry): string {
  const c = e.response.content;
  if (!c?.text) return '';
  return c.encoding === 'base64' ? Buffer.from(c.text, 'base64').toString('utf8') : c.text;
}

/** Every response Schemathesis saw that carries a stack frame or an internal name. */
export function stackTraceLeaks(entries: HarEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const text = bodyText(e);
    for (const [what, re] of STACK_MARKERS) {
      const m = re.exec(text);
      if (m)
        out.push(
          `${e.request.method} ${e.request.url} -> ${e.response.status}: ${what} (${JSON.stringify(text.slice(Math.max(0, m.index - 60), m.index + 80))})`,
        );
    }
  }
  return out;
}

/** Topics the fuzzer really created (it should only have validated). */
export function createdTopics(entries: HarEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.request.method !== 'POST' || e.response.status !== 201 || !/\/api\/clusters\/[^/]+\/topics$/.test(new URL(e.request.url).pathname)) continue;
    try {
      const b = JSON.parse(bodyText(e)) as { name?: string; created?: boolean };
      if (b.created && b.name) out.push(b.name);
    } catch {
      // not JSON: reported by the content checks
    }
  }
  return out;
}

/** Operations from the JUnit report (one test case each): passed when none of its examples failed or errored. */
export function junitTally(xml: string): { passed: number; failed: string[] } {
  let passed = 0;
  const failed: string[] = [];
  for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const name = /name="([^"]*)"/.exec(m[1])?.[1] ?? '?';
    const inner = m[3] ?? '';
    if (/<(failure|error)\b/.test(inner)) failed.push(name.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    else if (!/<skipped\b/.test(inner)) passed++;
  }
  return { passed, failed };
}

function runSchemathesis(bin: string, argv: string[], cwd: string, log: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bin, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false', NO_COLOR: '1' } });
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        log(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      if (buf) log(buf);
      resolve(code ?? 1);
    });
  });
}

/**
 * Fuzzes the console at `baseUrl` (which must be on this machine). Passed and failed count
 * operations; a stack trace in any response, or a topic the fuzzer managed to create, is
 * one more failure each.
 */
export async function runFuzz(baseUrl: string, opts: FuzzOptions = {}): Promise<FuzzResult> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const base = assertLoopback(baseUrl);
  const cluster = opts.cluster ?? 'local';
  const users = JSON.parse(opts.users ?? process.env.KAFKA_TEST_USERS ?? '[]') as { username: string; password: string }[];
  const outDir = opts.outDir ?? join(projectRoot, '.cache', 'fuzz');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const bin = ensureSchemathesis(log);
  const workers = opts.workers ?? defaultWorkers(log);
  const operator = await signIn(base, users, 'operator');
  const admin = await signIn(base, users, 'admin');
  const name = `fuzz-${Date.now().toString(36)}`;
  let har: HarEntry[] = [];
  const failures: string[] = [];
  let tally: { passed: number; failed: string[] } | null = null;
  try {
    const { brokers } = await createFixtures(operator, cluster, name);
    const config = join(outDir, 'schemathesis.toml');
    writeFileSync(config, schemathesisConfig({ cluster, name, brokers }));
    const argv = [
      '--config-file',
      config,
      'run',
      new URL('/api/openapi.json', base).href,
      '--header',
      `Cookie: ${operator.cookie}`,
      '--header',
      `Origin: ${base.origin}`,
      '--checks',
      CHECKS.join(','),
      '--exclude-operation-id-regex',
      `^(${EXCLUDED_OPERATIONS.join('|')})$`,
      '--max-examples',
      String(opts.maxExamples ?? 25),
      '--workers',
      String(workers),
      '--request-timeout',
      '30',
      '--phases',
      'examples,coverage,fuzzing',
      '--generation-database',
      'none',
      '--generation-with-security-parameters',
      'false',
      '--report',
      'junit,har',
      '--report-junit-path',
      join(outDir, 'junit.xml'),
      '--report-har-path',
      join(outDir, 'har.json'),
      '--no-color',
      ...(opts.seed !== undefined ? ['--seed', String(opts.seed)] : []),
    ];
    const started = Date.now();
    // Run in the report folder: Schemathesis keeps a cache in its working directory.
    const code = await runSchemathesis(bin, argv, outDir, log);
    log(`Schemathesis exited with ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const junit = join(outDir, 'junit.xml');
    tally = existsSync(junit) ? junitTally(readFileSync(junit, 'utf8')) : null;
    har = harEntries(join(outDir, 'har.json'));
    if (!tally) failures.push(`Schemathesis wrote no JUnit report (exit code ${code})`);
    else if (code !== 0 && tally.failed.length === 0)
      failures.push(`Schemathesis exited with ${code} without a failing operation (an error of the run itself)`);
  } finally {
    const created = createdTopics(har);
    if (created.length) failures.push(`The fuzzer created topics it should only have validated: ${created.join(', ')}`);
    failures.push(...(await removeFixtures(admin, cluster, name, created)).map((p) => `Cleanup: ${p}`));
  }
  const leaks = stackTraceLeaks(har);
  if (leaks.length) failures.push(`${leaks.length} response(s) carry internals:\n  ${leaks.slice(0, 20).join('\n  ')}`);
  log(`Scanned ${har.length} responses for stack traces and internal names: ${leaks.length} found`);
  for (const f of failures) log(`FAIL ${f}`);
  for (const op of tally?.failed ?? []) log(`FAIL ${op}`);
  const result = { passed: tally?.passed ?? 0, failed: (tally?.failed.length ?? 0) + failures.length };
  log(`fuzz: ${result.passed} passed, ${result.failed} failed`);
  return result;
}

async function main(): Promise<number> {
  const baseUrl = process.argv[2];
  if (!baseUrl) {
    process.stderr.write('usage: npx tsx scripts/fuzz.ts <console base URL, e.g. http://127.0.0.1:3000> [max examples]\n');
    return 2;
  }
  const maxExamples = process.argv[3] ? Number(process.argv[3]) : undefined;
  const r = await runFuzz(baseUrl, { maxExamples });
  return r.failed > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
