/**
 * A real Kafka Streams application for tests of streams groups (KIP-1071): Kafka's own WordCount
 * demo (org.apache.kafka.streams.examples.wordcount.WordCountDemo from kafka-streams-examples,
 * Maven Central), run with `group.protocol=streams`. It reads `streams-plaintext-input`, counts
 * words (a repartition topic and a changelog topic: two subtopologies) and writes
 * `streams-wordcount-output`. One app at a time: the demo's topic names are fixed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkJava, kafkaHome, kafkaVersion, logArgs, terminate } from './cluster';

const pomPath = join(dirname(fileURLToPath(import.meta.url)), 'streams-app.xml');

export const WORDCOUNT_INPUT = 'streams-plaintext-input';
export const WORDCOUNT_OUTPUT = 'streams-wordcount-output';

/** The demo's jars for a Kafka release, fetched once into .cache/kafka/<version>/streams-libs. */
export function ensureStreamsApp(version = kafkaVersion()): string {
  checkJava();
  const libs = join(kafkaHome(version), 'streams-libs');
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return libs;
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  const res = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pomPath, `-Dkafka.version=${version}`, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (res.error) throw new Error('Maven (`mvn`) is required to fetch kafka-streams-examples from Maven Central.');
  if (res.status !== 0) throw new Error(`Fetching kafka-streams-examples ${version} with Maven failed (exit ${res.status}).`);
  writeFileSync(marker, new Date().toISOString());
  return libs;
}

export interface StreamsApp {
  readonly applicationId: string;
  output(): string;
  /** Stops the app (SIGTERM: the demo's shutdown hook closes Kafka Streams, which leaves the group) and removes its state dir. */
  stop(): Promise<void>;
  readonly process: ChildProcess;
}

/** Starts the WordCount demo as streams group `applicationId` against `bootstrap`. */
export function startWordCount(bootstrap: string, applicationId: string, extra: Record<string, string> = {}, version = kafkaVersion()): StreamsApp {
  const libs = ensureStreamsApp(version);
  const dir = mkdtempSync(join(tmpdir(), 'kafka-streams-app-'));
  const props: Record<string, string> = {
    'application.id': applicationId,
    'bootstrap.servers': bootstrap,
    'group.protocol': 'streams',
    'state.dir': join(dir, 'state'),
    'replication.factor': '1',
    'commit.interval.ms': '500',
    'client.id': `${applicationId}-client`,
    ...extra,
  };
  const file = join(dir, 'app.properties');
  writeFileSync(
    file,
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const child = spawn(
    'java',
    [
      '-Xmx256m',
      '-Xms64m',
      '-XX:+UseG1GC',
      '-XX:TieredStopAtLevel=1',
      ...logArgs(version),
      `-Dkafka.logs.dir=${dir}`,
      '-cp',
      `${libs}/*`,
      'org.apache.kafka.streams.examples.wordcount.WordCountDemo',
      file,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return {
    applicationId,
    process: child,
    output: () => out,
    async stop() {
      await terminate(child, 20_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
