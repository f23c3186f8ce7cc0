/**
 * Messages benchmarks, the console and kcat side by side on one fresh 1-node Kafka and
 * one built console (`next start` on a free port with sign-in on, read over HTTP with
 * fetch as the bench's admin, signed in once through the real login route):
 *
 *   latency     produce at 1,000 records/s (kafkajs, acks=1); per record, produce-ack to
 *               SSE event of the live tail vs produce-ack to the line from
 *               `kcat -C -o end -u`, both reading the same topic at the same time; and the
 *               time from opening a tail (last=1) to its first record.
 *   throughput  1 KB records produced by `kcat -P` as fast as the broker takes them while a
 *               live tail and `kcat -C -o end` read the topic; records/s each delivered,
 *               records the tail skipped, and the server's peak RSS.
 *   search      1,000,000 records of 1 KB (filled with `kcat -P`, timed), 10 of them hold a
 *               needle; console search over SSE vs `kcat -C -e -o beginning | grep -c`.
 *   avro        schema-registry records against plain ones, in the same run: 1 KB records
 *               as Avro (a real registry, scripts/kafka/registry.ts; the console decodes each)
 *               and as JSON, the same fields; live-tail records/s while a producer writes
 *               them, and search records/s over the filled topic (the Avro search matches
 *               the decoded JSON). Target: Avro at least half the plain rate.
 *
 * Requires a current build (`npx next build`) and kcat on the PATH.
 *
 *   npx tsx bench/messages.ts [--only latency,throughput,search,avro] [--seconds 20]
 *                             [--throughput-records 500000] [--search-records 1000000]
 *                             [--avro-records 200000]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { KafkaCluster, freePort, projectRoot } from '../scripts/kafka/cluster';
import { parseSse } from '../lib/sse-parse';
import { pct, requestHeaders, waitForConsole, writeBenchConsole } from './support';
import { SchemaRegistry } from '../scripts/kafka/registry';
import { compile, frame } from '../lib/schema-registry/codec';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const ONLY = new Set(opt('only', 'latency,throughput,search,avro').split(','));
const AVRO_RECORDS = Number(opt('avro-records', '200000'));
const LATENCY_SECONDS = Number(opt('seconds', '20'));
const THROUGHPUT_RECORDS = Number(opt('throughput-records', '500000'));
const SEARCH_RECORDS = Number(opt('search-records', '1000000'));
const PARTITIONS = 6;
const RECORD_BYTES = 1024;

const log = (l = '') => process.stdout.write(`${l}\n`);
const load = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function table(head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const [n, r] of cells.entries()) {
    log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    if (n === 0) log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '-');

// --- processes -------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** RSS in bytes of a process and all its descendants (Linux /proc). */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, pp] of parent) if (pp === pids[i]) pids.push(pid);
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

class RssSampler {
  max = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.max = treeRss(pid);
    this.timer = setInterval(() => (this.max = Math.max(this.max, treeRss(this.pid))), 100);
  }
  stop(): number {
    clearInterval(this.timer);
    this.max = Math.max(this.max, treeRss(this.pid));
    return this.max;
  }
}

/** The session cookie of the signed-in bench user, sent with every request. */
let cookie = '';

async function startConsole(brokers: string[], dir: string, registryUrl?: string): Promise<{ base: string; proc: ChildProcess }> {
  if (!existsSync(join(projectRoot, '.next', 'BUILD_ID'))) throw new Error('No build: run `npx next build` first');
  const bench = await writeBenchConsole(dir, [{ id: 'local', bootstrapServers: brokers, ...(registryUrl ? { schemaRegistry: { url: registryUrl } } : {}) }]);
  const port = await freePort();
  const proc = track(
    spawn(process.execPath, [join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--hostname', '127.0.0.1', '--port', String(port)], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, KAFKA_CONSOLE_CONFIG: bench.configFile, NEXT_TELEMETRY_DISABLED: '1', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitForConsole(base, 60_000);
  cookie = await bench.signIn(base);
  const res = await fetch(`${base}/api/clusters`, { headers: requestHeaders(cookie, 'GET', base) });
  if (!res.ok) throw new Error(`GET /api/clusters as the bench user answered ${res.status}: ${await res.text()}`);
  return { base, proc };
}

// --- SSE over HTTP ---------------------------------------------------------------------

interface SseHandlers {
  /** Called for every event with its raw data (JSON text). */
  onEvent?: (event: string, data: string) => void;
  /** Counted without parsing: `event: message` blocks, and the counts of `skipped` events. */
  onMessages?: (n: number, skipped: number) => void;
  /** The response headers arrived: the tail's start positions are fixed. */
  onOpen?: () => void;
}

/** Opens an SSE URL; resolves when the stream ends or `signal` aborts. */
async function readSse(url: string, signal: AbortSignal, h: SseHandlers): Promise<void> {
  const res = await fetch(url, { signal, headers: requestHeaders(cookie, 'GET', url, { accept: 'text/event-stream' }) });
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  h.onOpen?.();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      if (h.onEvent) {
        const parsed = parseSse(buf);
        buf = parsed.rest;
        for (const e of parsed.events) h.onEvent(e.event, e.data);
      } else {
        const cut = buf.lastIndexOf('\n\n');
        if (cut < 0) continue;
        const whole = buf.slice(0, cut + 2);
        buf = buf.slice(cut + 2);
        let n = 0;
        for (let i = whole.indexOf('event: message\n'); i >= 0; i = whole.indexOf('event: message\n', i + 15)) n++;
        let skipped = 0;
        for (const m of whole.matchAll(/event: skipped\ndata: (.*)\n/g)) skipped += (JSON.parse(m[1]) as { count: number }).count;
        h.onMessages?.(n, skipped);
      }
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    reader.releaseLock();
  }
}

/** kcat -C, one callback per chunk of lines. */
function kcatConsume(args: string[], onLines: (lines: string[]) => void): ChildProcess {
  const child = track(spawn('kcat', ['-C', '-q', ...args], { stdio: ['ignore', 'pipe', 'inherit'] }));
  let rest = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    onLines(parts);
  });
  return child;
}

/** kcat -P fed by a generator, as fast as the broker takes it. Resolves with the elapsed ms. */
function kcatProduce(bootstrap: string, topic: string, count: number, line: (i: number) => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(
      spawn(
        'kcat',
        [
          '-P',
          '-b',
          bootstrap,
          '-t',
          topic,
          '-z',
          'none',
          '-X',
          'linger.ms=20',
          '-X',
          'batch.size=1000000',
          '-X',
          'queue.buffering.max.kbytes=1048576',
          '-X',
          'acks=1',
        ],
        {
          stdio: ['pipe', 'ignore', 'inherit'],
        },
      ),
    );
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`kcat -P exited ${code}`))));
    const stdin = child.stdin!;
    let i = 0;
    const write = () => {
      while (i < count) {
        let chunk = '';
        for (let j = 0; j < 256 && i < count; j++, i++) chunk += line(i) + '\n';
        if (!stdin.write(chunk)) return void stdin.once('drain', write);
      }
      stdin.end();
    };
    write();
  });
}

const filler = 'x'.repeat(RECORD_BYTES);
/** A 1 KB line: an id, then filler; `needle` inside the ones that should match. */
const kbLine = (i: number, needle?: string) => {
  const head = needle ? `rec-${i}-${needle}-` : `rec-${i}-`;
  return head + filler.slice(head.length);
};

async function createTopic(cluster: KafkaCluster, topic: string, partitions = PARTITIONS): Promise<void> {
  await cluster.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', String(partitions), '--replication-factor', '1']);
}

/** Waits until `kcat -L` shows the topic with leaders for all partitions (librdkafka caches metadata). */
async function waitKcatReady(bootstrap: string, topic: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const r = spawnSync('kcat', ['-L', '-b', bootstrap, '-t', topic], { encoding: 'utf8' });
    if (r.status === 0 && /leader \d+/.test(r.stdout) && !/leader -1/.test(r.stdout)) return;
    await sleep(250);
  }
}

// --- latency ---------------------------------------------------------------------------

async function latency(cluster: KafkaCluster, base: string, producer: Producer): Promise<void> {
  const topic = 'bench-latency';
  await createTopic(cluster, topic);
  await waitKcatReady(cluster.bootstrap, topic);
  await producer.send({ topic, messages: Array.from({ length: PARTITIONS * 10 }, (_, i) => ({ key: `warm-${i}`, value: 'warm' })) });

  // Time from opening a tail to its first record (last=1: one existing record per partition).
  const firstRecord: number[] = [];
  const firstStarted: number[] = [];
  for (let run = 0; run < 10; run++) {
    const ac = new AbortController();
    const t0 = performance.now();
    await readSse(`${base}/api/clusters/local/topics/${topic}/messages/tail?last=1`, ac.signal, {
      onEvent: (event) => {
        if (event === 'progress' && firstStarted.length === run) firstStarted.push(performance.now() - t0);
        if (event === 'message') {
          firstRecord.push(performance.now() - t0);
          ac.abort();
        }
      },
    });
  }

  const ackAt = new Map<string, number>();
  const seenConsole = new Map<string, number>();
  const seenKcat = new Map<string, number>();
  const probes = new Set<string>();
  const acks: number[] = [];
  const ac = new AbortController();
  let tailStarted!: () => void;
  const started = new Promise<void>((r) => (tailStarted = r));
  const tail = readSse(`${base}/api/clusters/local/topics/${topic}/messages/tail`, ac.signal, {
    onEvent: (event, data) => {
      const now = performance.now();
      if (event === 'progress') tailStarted();
      if (event !== 'message') return;
      const key = (JSON.parse(data) as { key: { data: string } | null }).key?.data;
      if (key?.startsWith('lat-')) seenConsole.set(key, now);
    },
  });
  const kcat = kcatConsume(['-b', cluster.bootstrap, '-t', topic, '-o', 'end', '-u', '-f', '%k\n'], (lines) => {
    const now = performance.now();
    for (const k of lines) {
      if (k.startsWith('lat-')) seenKcat.set(k, now);
      else if (k.startsWith('probe-')) probes.add(k);
    }
  });
  await started;
  // kcat has no "ready" signal: probe with records until it prints one.
  for (let i = 0; !probes.has(`probe-${i - 1}`) && i < 100; i++) {
    await producer.send({ topic, acks: 1, messages: [{ key: `probe-${i}`, value: 'probe' }] });
    await sleep(100);
  }

  const total = LATENCY_SECONDS * 1000;
  const t0 = performance.now();
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  while (sent < total) {
    const due = Math.min(total, Math.floor(performance.now() - t0));
    if (due > sent) {
      const keys = Array.from({ length: due - sent }, (_, j) => `lat-${sent + j}`);
      sent = due;
      const sentAt = performance.now();
      const p = producer
        .send({ topic, acks: 1, messages: keys.map((key) => ({ key, value: `{"sent":${Date.now()},"pad":"${'p'.repeat(64)}"}` })) })
        .then(() => {
          const now = performance.now();
          acks.push(now - sentAt);
          for (const k of keys) ackAt.set(k, now);
        });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await sleep(1);
  }
  await Promise.all(inflight);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (seenConsole.size < total || seenKcat.size < total)) await sleep(100);
  const elapsed = (performance.now() - t0) / 1000;
  ac.abort();
  await tail.catch(() => undefined);
  await stopChild(kcat);

  const lat = (seen: Map<string, number>) => [...ackAt].filter(([k]) => seen.has(k)).map(([k, t]) => seen.get(k)! - t);
  const c = lat(seenConsole);
  const k = lat(seenKcat);
  log(
    `\nTail latency: ${total} records at 1,000/s over ${elapsed.toFixed(1)} s, ${PARTITIONS} partitions, produce-ack (kafkajs, acks=1) to delivery [${load()}]`,
  );
  table(
    ['reader', 'received', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    [
      ['console live tail (SSE)', `${seenConsole.size}/${total}`, fmt(pct(c, 50), 1), fmt(pct(c, 90), 1), fmt(pct(c, 99), 1), fmt(Math.max(...c), 1)],
      ['kcat -C -o end -u', `${seenKcat.size}/${total}`, fmt(pct(k, 50), 1), fmt(pct(k, 90), 1), fmt(pct(k, 99), 1), fmt(Math.max(...k), 1)],
    ],
  );
  log(
    `  (negative: the record reached the reader before the producer saw its ack; produce send -> ack p50 ${fmt(pct(acks, 50), 1)} ms, p99 ${fmt(pct(acks, 99), 1)} ms)`,
  );
  log(`  target p50 <= 30 ms, p99 <= 150 ms: ${pct(c, 50) <= 30 && pct(c, 99) <= 150 && seenConsole.size === total ? 'met' : 'NOT met'}`);
  log(
    `  open tail (last=1) -> first record: median ${fmt(pct(firstRecord, 50), 1)} ms, max ${fmt(Math.max(...firstRecord), 1)} ms; -> first event: median ${fmt(pct(firstStarted, 50), 1)} ms (10 opens)`,
  );
}

// --- throughput ------------------------------------------------------------------------

async function throughput(cluster: KafkaCluster, base: string, serverPid: number): Promise<void> {
  const topic = 'bench-throughput';
  await createTopic(cluster, topic);
  await waitKcatReady(cluster.bootstrap, topic);
  const ac = new AbortController();
  const stat = { console: { n: 0, first: 0, last: 0 }, kcat: { n: 0, first: 0, last: 0 } };
  let skipped = 0;
  const count = (s: { n: number; first: number; last: number }, n: number) => {
    if (!n) return;
    const now = performance.now();
    if (!s.n) s.first = now;
    s.n += n;
    s.last = now;
  };
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  const tail = readSse(`${base}/api/clusters/local/topics/${topic}/messages/tail`, ac.signal, {
    onOpen: opened,
    onMessages: (n, s) => {
      skipped += s;
      count(stat.console, n);
    },
  });
  const kcat = kcatConsume(['-b', cluster.bootstrap, '-t', topic, '-o', 'end'], (lines) => count(stat.kcat, lines.length));
  await open;
  // kcat has no "ready" signal; it is assigned well within this.
  await sleep(2000);
  const rss = new RssSampler(serverPid);
  const fillMs = await kcatProduce(cluster.bootstrap, topic, THROUGHPUT_RECORDS, (i) => kbLine(i));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (stat.console.n < THROUGHPUT_RECORDS || stat.kcat.n < THROUGHPUT_RECORDS)) {
    const before = stat.console.n + stat.kcat.n;
    await sleep(2000);
    if (stat.console.n + stat.kcat.n === before) break;
  }
  const maxRss = rss.stop();
  ac.abort();
  await tail.catch(() => undefined);
  await stopChild(kcat);

  const rate = (s: { n: number; first: number; last: number }) => (s.n > 1 ? s.n / ((s.last - s.first) / 1000) : NaN);
  log(`\nTail throughput: ${fmt(THROUGHPUT_RECORDS)} records of 1 KB produced by kcat -P while both read from the end [${load()}]`);
  log(`  produced in ${(fillMs / 1000).toFixed(1)} s = ${fmt(THROUGHPUT_RECORDS / (fillMs / 1000))} records/s (the upper bound for both readers)`);
  table(
    ['reader', 'delivered', 'skipped (told)', 'records/s', 'MB/s'],
    [
      ['console live tail (SSE)', fmt(stat.console.n), fmt(skipped), fmt(rate(stat.console)), fmt((rate(stat.console) * RECORD_BYTES) / 1e6, 1)],
      ['kcat -C -o end', fmt(stat.kcat.n), '-', fmt(rate(stat.kcat)), fmt((rate(stat.kcat) * RECORD_BYTES) / 1e6, 1)],
    ],
  );
  log(`  console server peak RSS ${fmt(maxRss / 1024 / 1024)} MB (next start process tree)`);
  log(`  target >= 50,000 records/s, RSS < 400 MB: ${rate(stat.console) >= 50_000 && maxRss < 400 * 1024 * 1024 ? 'met' : 'NOT met'}`);
}

// --- search ----------------------------------------------------------------------------

async function search(cluster: KafkaCluster, base: string, serverPid: number): Promise<void> {
  const topic = 'bench-search';
  const needle = 'NeedleZq7';
  await createTopic(cluster, topic);
  await waitKcatReady(cluster.bootstrap, topic);
  const every = Math.floor(SEARCH_RECORDS / 10);
  const fillMs = await kcatProduce(cluster.bootstrap, topic, SEARCH_RECORDS, (i) => kbLine(i, i % every === every / 2 ? needle : undefined));
  log(
    `\nSearch: filled ${fmt(SEARCH_RECORDS)} records of 1 KB (${PARTITIONS} partitions) with kcat -P in ${(fillMs / 1000).toFixed(1)} s = ${fmt(SEARCH_RECORDS / (fillMs / 1000))} records/s`,
  );

  const viaKcat = () =>
    new Promise<{ ms: number; matches: number }>((resolve, reject) => {
      const t0 = performance.now();
      const sh = track(
        spawn('sh', ['-c', `kcat -C -q -e -o beginning -b ${cluster.bootstrap} -t ${topic} | grep -c ${needle}`], { stdio: ['ignore', 'pipe', 'inherit'] }),
      );
      let out = '';
      sh.stdout!.on('data', (d) => (out += d));
      sh.once('error', reject);
      sh.once('exit', () => resolve({ ms: performance.now() - t0, matches: Number(out.trim()) }));
    });
  const viaConsole = async () => {
    const t0 = performance.now();
    let matches = 0;
    let scanned = 0;
    let reason = '';
    await readSse(
      `${base}/api/clusters/local/topics/${topic}/messages/search?q=${needle}&from=oldest&limit=1000&maxRecords=1000000000&maxSeconds=600`,
      new AbortController().signal,
      {
        onEvent: (event, data) => {
          if (event === 'message') matches++;
          if (event === 'done') {
            const d = JSON.parse(data) as { scanned: number; reason: string };
            scanned = d.scanned;
            reason = d.reason;
          }
        },
      },
    );
    return { ms: performance.now() - t0, matches, scanned, reason };
  };

  const rows: (string | number)[][] = [];
  const rates = { console: [] as number[], kcat: [] as number[] };
  const rss = new RssSampler(serverPid);
  for (let run = 1; run <= 2; run++) {
    const k = await viaKcat();
    rates.kcat.push(SEARCH_RECORDS / (k.ms / 1000));
    rows.push([`kcat -C -e | grep -c (run ${run})`, fmt(SEARCH_RECORDS), k.matches, fmt(k.ms / 1000, 2), fmt(SEARCH_RECORDS / (k.ms / 1000))]);
    const c = await viaConsole();
    if (c.reason !== 'end') throw new Error(`search ended with ${c.reason}`);
    rates.console.push(c.scanned / (c.ms / 1000));
    rows.push([`console search (SSE) (run ${run})`, fmt(c.scanned), c.matches, fmt(c.ms / 1000, 2), fmt(c.scanned / (c.ms / 1000))]);
  }
  const maxRss = rss.stop();
  log(`  filter: value contains "${needle}" (exactly 10 records) [${load()}]`);
  table(['reader', 'scanned', 'matches', 'seconds', 'records/s'], rows);
  const ratio = Math.max(...rates.console) / Math.max(...rates.kcat);
  log(`  console server peak RSS ${fmt(maxRss / 1024 / 1024)} MB; best console rate / best kcat rate = ${ratio.toFixed(2)}`);
  log(`  target >= 0.5 of kcat's rate: ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
}

// --- Avro against plain ----------------------------------------------------------------

const AVRO_SCHEMA = {
  type: 'record',
  name: 'Reading',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'sensor', type: 'string' },
    { name: 'celsius', type: 'double' },
    { name: 'ok', type: 'boolean' },
    { name: 'payload', type: 'string' },
  ],
};

/** The same ~1 KB value as Avro (framed) and as JSON; `needle` in the payload of the few a search finds. */
function benchValue(i: number, needle?: string): Record<string, unknown> {
  const head = needle ? `r${i}-${needle}-` : `r${i}-`;
  return { id: i, sensor: `sensor-${i % 50}`, celsius: 20 + (i % 100) / 10, ok: i % 7 !== 0, payload: head + filler.slice(0, 930 - head.length) };
}

async function avroVsPlain(cluster: KafkaCluster, base: string, producer: Producer, registryUrl: string): Promise<void> {
  const res = await fetch(`${registryUrl}/subjects/bench-avro-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(AVRO_SCHEMA) }),
  });
  if (!res.ok) throw new Error(`registering the bench schema: ${res.status} ${await res.text()}`);
  const id = ((await res.json()) as { id: number }).id;
  const codec = compile({ schema: JSON.stringify(AVRO_SCHEMA), schemaType: 'AVRO', references: [] });
  const needle = 'NeedleAv9';
  const every = Math.floor(AVRO_RECORDS / 10);
  const encode = {
    avro: (i: number) => frame(id, codec.encode(benchValue(i, i % every === every / 2 ? needle : undefined))),
    plain: (i: number) => Buffer.from(JSON.stringify(benchValue(i, i % every === every / 2 ? needle : undefined))),
  };
  log(`
Avro vs plain JSON: ${fmt(AVRO_RECORDS)} records each (Avro ${encode.avro(1).length} bytes, JSON ${encode.plain(1).length} bytes) [${load()}]`);
  const rows: (string | number)[][] = [];
  const rates: Record<string, { tail: number; search: number }> = {};
  for (const kind of ['plain', 'avro'] as const) {
    const topic = `bench-${kind}`;
    await createTopic(cluster, topic);
    // Live tail while a producer writes the records (batches of 1,000, acks=1).
    const ac = new AbortController();
    const stat = { n: 0, first: 0, last: 0, skipped: 0, decoded: 0 };
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const tail = readSse(`${base}/api/clusters/local/topics/${topic}/messages/tail`, ac.signal, {
      onOpen: opened,
      onMessages: (n, s) => {
        stat.skipped += s;
        if (!n) return;
        const now = performance.now();
        if (!stat.n) stat.first = now;
        stat.n += n;
        stat.last = now;
      },
    });
    await open;
    await sleep(1000);
    const t0 = performance.now();
    for (let i = 0; i < AVRO_RECORDS; i += 1000) {
      const n = Math.min(1000, AVRO_RECORDS - i);
      await producer.send({ topic, acks: 1, messages: Array.from({ length: n }, (_, j) => ({ key: `k${(i + j) % 100}`, value: encode[kind](i + j) })) });
    }
    const produceMs = performance.now() - t0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && stat.n + stat.skipped < AVRO_RECORDS) {
      const before = stat.n;
      await sleep(2000);
      if (stat.n === before) break;
    }
    ac.abort();
    await tail.catch(() => undefined);
    const tailRate = stat.n > 1 ? stat.n / ((stat.last - stat.first) / 1000) : NaN;
    // Search the filled topic for the needle (decoded JSON for Avro).
    const s0 = performance.now();
    let matches = 0;
    let scanned = 0;
    let sample = '';
    await readSse(
      `${base}/api/clusters/local/topics/${topic}/messages/search?q=${needle}&from=oldest&limit=1000&maxRecords=1000000000&maxSeconds=600`,
      new AbortController().signal,
      {
        onEvent: (event, data) => {
          if (event === 'message') {
            matches++;
            sample ||= data;
          }
          if (event === 'done') scanned = (JSON.parse(data) as { scanned: number }).scanned;
        },
      },
    );
    const searchRate = scanned / ((performance.now() - s0) / 1000);
    if (kind === 'avro' && !(JSON.parse(sample) as { valueSchema?: { json?: unknown } }).valueSchema?.json) throw new Error('the Avro search did not decode');
    rates[kind] = { tail: tailRate, search: searchRate };
    rows.push([
      kind === 'avro' ? 'Avro, decoded' : 'plain JSON',
      fmt(AVRO_RECORDS / (produceMs / 1000)),
      `${fmt(stat.n)} (+${fmt(stat.skipped)} skipped)`,
      fmt(tailRate),
      `${matches}/10`,
      fmt(searchRate),
    ]);
  }
  table(['records', 'produced/s', 'tail delivered', 'tail records/s', 'search matches', 'search records/s'], rows);
  const tailRatio = rates.avro.tail / rates.plain.tail;
  const searchRatio = rates.avro.search / rates.plain.search;
  log(
    `  Avro / plain: tail ${tailRatio.toFixed(2)}, search ${searchRatio.toFixed(2)}; target >= 0.5: ${tailRatio >= 0.5 && searchRatio >= 0.5 ? 'met' : 'NOT met'}`,
  );
}

// --- main ------------------------------------------------------------------------------

async function main(): Promise<void> {
  const r = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('kcat is required on the PATH');
  log(`Messages benchmarks (${[...ONLY].join(', ')}) [${load()}]`);
  const [cluster, registry] = await Promise.all([KafkaCluster.start({ nodes: 1, log }), ONLY.has('avro') ? SchemaRegistry.start({ log }) : null]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-messages-'));
  let server: ChildProcess | null = null;
  let kafka: Kafka | null = null;
  let producer: Producer | null = null;
  try {
    const started = await startConsole(cluster.brokers, dir, registry?.url);
    server = started.proc;
    log(`Console at ${started.base} (pid ${server.pid})`);
    kafka = new Kafka({ brokers: cluster.brokers, clientId: 'bench', logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    if (ONLY.has('latency')) await latency(cluster, started.base, producer);
    if (ONLY.has('throughput')) await throughput(cluster, started.base, server.pid!);
    if (ONLY.has('search')) await search(cluster, started.base, server.pid!);
    if (registry) await avroVsPlain(cluster, started.base, producer, registry.url);
    log(`\n${load()}`);
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await Promise.all([...children].map(stopChild));
    await Promise.all([cluster.stop(), registry?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const c of children) c.kill('SIGKILL');
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
