/**
 * A real schema registry for development, tests and the demo: Apicurio Registry
 * (`io.apicurio:apicurio-registry-app`, the `all` tar.gz from Maven Central) with its
 * in-memory storage, on loopback on free ports. The console talks to it only through the
 * Confluent-compatible API it serves under /apis/ccompat/v7, as it would to Confluent
 * Schema Registry, Karapace or Redpanda's registry.
 *
 * Apicurio 3 needs Java 21 or newer; Kafka runs on the PATH's Java 17, so the registry's
 * JVM is looked for separately: $JAVA21_HOME, then every JDK under /usr/lib/jvm (newest first).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, projectRoot, terminate } from './cluster';

export const APICURIO_VERSION = '3.3.3';

const JVM_DIR = '/usr/lib/jvm';

function javaMajor(java: string): number {
  const res = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${res.stderr}${res.stdout}`);
  return m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
}

/** The `java` of a JDK 21 or newer, or a clear error naming where it was looked for. */
export function findJava21(env: Record<string, string | undefined> = process.env): string {
  const candidates: string[] = [];
  if (env.JAVA21_HOME) candidates.push(join(env.JAVA21_HOME, 'bin', 'java'));
  if (existsSync(JVM_DIR)) {
    for (const d of readdirSync(JVM_DIR).sort().reverse()) candidates.push(join(JVM_DIR, d, 'bin', 'java'));
  }
  if (env.JAVA_HOME) candidates.push(join(env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  let best: { java: string; major: number } | null = null;
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue;
    const major = javaMajor(java);
    if (major >= 21 && (!best || major > best.major)) best = { java, major };
  }
  if (!best) {
    throw new Error(
      `Apicurio Registry ${APICURIO_VERSION} needs Java 21 or newer, and none was found (looked at $JAVA21_HOME, ${JVM_DIR}/*, $JAVA_HOME and the PATH). ` +
        'Install a JDK 21+ (Debian: apt-get install openjdk-21-jdk-headless, or a Temurin 21/25) or set JAVA21_HOME to one.',
    );
  }
  return best.java;
}

/** Downloads and unpacks the registry once; later calls return its folder at once. */
export function ensureRegistry(log: (line: string) => void = () => {}, version = APICURIO_VERSION): string {
  const home = join(projectRoot, '.cache', 'apicurio', version);
  const marker = join(home, '.complete');
  if (existsSync(marker)) return home;
  log(`Fetching Apicurio Registry ${version} from Maven Central (one time)...`);
  const started = Date.now();
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const res = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy', `-Dartifact=io.apicurio:apicurio-registry-app:${version}:tar.gz:all`, `-DoutputDirectory=${home}`],
    // Maven writes its messages to stdout: to stderr here, so a caller's stdout stays its own.
    { stdio: ['ignore', 2, 'inherit'], cwd: home },
  );
  if (res.error) throw new Error('Maven (`mvn`) is required to fetch Apicurio Registry from Maven Central.');
  if (res.status !== 0) throw new Error(`Fetching Apicurio Registry ${version} with Maven failed (exit ${res.status}).`);
  const archive = join(home, `apicurio-registry-app-${version}-all.tar.gz`);
  const untar = spawnSync('tar', ['xzf', archive, '-C', home], { stdio: 'inherit' });
  if (untar.status !== 0) throw new Error(`Unpacking ${archive} failed`);
  rmSync(archive);
  if (!existsSync(join(home, 'quarkus-run.jar'))) throw new Error(`${archive} has no quarkus-run.jar`);
  writeFileSync(marker, new Date().toISOString());
  log(`Fetched Apicurio Registry ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return home;
}

export interface RegistryOptions {
  log?: (line: string) => void;
  /** Where its log goes; a temp file by default. */
  logFile?: string;
}

export class SchemaRegistry {
  private constructor(
    /** The Confluent-compatible API: what the console's config names as schemaRegistry.url. */
    readonly url: string,
    readonly port: number,
    readonly startMs: number,
    private readonly proc: ChildProcess,
    private readonly log: (line: string) => void,
  ) {}

  static async start(opts: RegistryOptions = {}): Promise<SchemaRegistry> {
    const log = opts.log ?? (() => {});
    const java = findJava21();
    const home = ensureRegistry(log);
    const [port, management] = [await freePort(), await freePort()];
    const logFile = opts.logFile ?? join(home, `registry-${port}.log`);
    const out = openSync(logFile, 'w');
    const started = Date.now();
    const proc = spawn(
      java,
      [
        '-Xmx384m',
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        `-Dquarkus.http.host=127.0.0.1`,
        `-Dquarkus.http.port=${port}`,
        // Its management interface (health, metrics) defaults to port 9000: never a fixed port here.
        `-Dquarkus.management.host=127.0.0.1`,
        `-Dquarkus.management.port=${management}`,
        '-Dquarkus.log.level=WARN',
        '-Dquarkus.log.category."io.quarkus".level=INFO',
        '-jar',
        join(home, 'quarkus-run.jar'),
      ],
      { cwd: home, stdio: ['ignore', out, out], detached: false },
    );
    closeSync(out);
    const url = `http://127.0.0.1:${port}/apis/ccompat/v7`;
    const exitHook = () => proc.kill('SIGKILL');
    process.once('exit', exitHook);
    proc.once('exit', () => process.removeListener('exit', exitHook));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`Apicurio Registry exited with ${proc.exitCode} while starting; see ${logFile}`);
      try {
        const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`Apicurio Registry did not answer within 120 s; see ${logFile}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const ms = Date.now() - started;
    log(`Apicurio Registry ${APICURIO_VERSION} up in ${(ms / 1000).toFixed(1)} s at ${url}`);
    return new SchemaRegistry(url, port, ms, proc, log);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async stop(): Promise<void> {
    await terminate(this.proc, 10_000);
    this.log('Schema registry stopped');
  }
}
