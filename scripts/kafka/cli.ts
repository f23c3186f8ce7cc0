/**
 * Shell entry for the project's Kafka:
 *   scripts/kafka.sh fetch [--kafka V]                 download Kafka's jars (once per version)
 *   scripts/kafka.sh start [--nodes N] [--kafka V] [--zookeeper | --secure]
 *                                                       run a local cluster until Ctrl-C (KRaft, or
 *                                                       3 ZooKeeper nodes + N brokers under /kafka01,
 *                                                       or KRaft with SASL_SSL, mutual TLS and ACLs:
 *                                                       prints a console config file that connects)
 *   scripts/kafka.sh tool [--kafka V] NAME ARGS...     run a Kafka CLI tool (kafka-topics, ...)
 *   scripts/kafka.sh run [--kafka V] NAME ARGS...      run a long-running CLI tool (a console consumer)
 *                                                       until SIGTERM or Ctrl-C, its output passed through
 *   scripts/kafka.sh wordcount [--kafka V] BOOTSTRAP APPLICATION_ID
 *                                                       run Kafka's WordCount Streams demo as streams group
 *                                                       APPLICATION_ID (group.protocol=streams) until SIGTERM
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKafka, KafkaCluster, kafkaHome, kafkaVersion, runTool, spawnTool, stopTool } from './cluster';
import { startWordCount } from './streams-app';

/** Takes `--kafka V` out of the arguments. */
function versionOption(args: string[]): { version: string; rest: string[] } {
  const i = args.indexOf('--kafka');
  if (i < 0) return { version: kafkaVersion(), rest: args };
  const version = args[i + 1];
  if (!version) throw new Error('--kafka takes a version, e.g. 3.9.2');
  return { version, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...all] = argv;
  const { version, rest } = versionOption(all);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  switch (cmd) {
    case 'fetch':
      ensureKafka(log, version);
      process.stdout.write(`${kafkaHome(version)}\n`);
      return 0;
    case 'start': {
      const i = rest.indexOf('--nodes');
      const nodes = i >= 0 ? Number(rest[i + 1]) : 1;
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 5) throw new Error('--nodes takes 1 to 5');
      const zookeeper = rest.includes('--zookeeper');
      const secure = rest.includes('--secure');
      const cluster = await KafkaCluster.start(
        zookeeper
          ? { nodes: i >= 0 ? nodes : 3, version, mode: 'zookeeper', zookeeperNodes: 3, chroot: '/kafka01', log }
          : secure
            ? { nodes, version, log, security: 'sasl_ssl', scramUsers: ['console'], clientCerts: ['console'], superUsers: ['User:console'] }
            : { nodes, version, log },
      );
      process.stdout.write(`KAFKA_BROKERS=${cluster.bootstrap}\n`);
      if (cluster.zookeeper) process.stdout.write(`ZOOKEEPER_CONNECT=${cluster.zookeeper.connect}\n`);
      if (secure) writeSecureConfig(cluster);
      await new Promise<void>((resolve) => {
        // Ctrl-C reaches this process twice (from the terminal and relayed by npm's runner): a
        // second signal must not end it before every broker has stopped (SIGKILL after 20 s).
        let stopping = false;
        const stop = () => {
          if (stopping) return;
          stopping = true;
          void cluster.stop().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      return 0;
    }
    case 'tool': {
      const [tool, ...args] = rest;
      const res = await runTool(tool, args, process.stdin.isTTY ? undefined : await readStdin(), version);
      process.stdout.write(res.stdout);
      process.stderr.write(res.stderr);
      return res.code;
    }
    case 'run': {
      const [tool, ...args] = rest;
      const child = spawnTool(tool, args, version);
      child.stdout?.pipe(process.stdout);
      child.stderr?.pipe(process.stderr);
      return untilStopped(() => stopTool(child), new Promise((r) => child.once('exit', (code) => r(code ?? 1))));
    }
    case 'wordcount': {
      const [bootstrap, applicationId] = rest;
      if (!bootstrap || !applicationId) throw new Error('wordcount takes BOOTSTRAP APPLICATION_ID');
      const app = startWordCount(bootstrap, applicationId, {}, version);
      app.process.stdout?.pipe(process.stdout);
      app.process.stderr?.pipe(process.stderr);
      process.stderr.write(`WordCount started as streams group ${applicationId}\n`);
      return untilStopped(() => app.stop(), new Promise((r) => app.process.once('exit', (code) => r(code ?? 1))));
    }
    default:
      process.stderr.write(
        'usage: scripts/kafka.sh fetch [--kafka V] | start [--nodes N] [--kafka V] [--zookeeper | --secure] | tool [--kafka V] NAME ARGS... | run [--kafka V] NAME ARGS... | wordcount [--kafka V] BOOTSTRAP APPLICATION_ID\n',
      );
      return 2;
  }
}

/** Waits for SIGTERM / SIGINT (then stops the process and answers 0) or for the process to end by itself (its exit code). */
function untilStopped(stop: () => Promise<void>, exited: Promise<number>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      void stop().then(() => resolve(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void exited.then((code) => {
      if (!stopping) resolve(code);
    });
  });
}

/** For a secured cluster: a console config that connects over SASL_SSL and over mutual TLS, and the admin's CLI config. */
function writeSecureConfig(cluster: KafkaCluster): void {
  const tls = cluster.tls as NonNullable<KafkaCluster['tls']>;
  const passwordFile = join(cluster.dataDir, 'console-password.txt');
  writeFileSync(passwordFile, `${cluster.passwords.console}\n`, { mode: 0o600 });
  const configFile = join(cluster.dataDir, 'console.json');
  const ssl = { enabled: true, caFile: tls.caFile };
  const config = {
    auth: { mode: 'none' },
    clusters: [
      { id: 'secure', name: 'SASL_SSL', bootstrapServers: cluster.brokers, ssl, sasl: { mechanism: 'scram-sha-512', username: 'console', passwordFile } },
      {
        id: 'secure-mtls',
        name: 'Mutual TLS',
        bootstrapServers: cluster.mtlsBrokers,
        ssl: { ...ssl, certFile: tls.clients.console.cert, keyFile: tls.clients.console.key },
      },
    ],
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  process.stdout.write(`KAFKA_CONSOLE_CONFIG=${configFile}\n`);
  process.stdout.write(`KAFKA_ADMIN_CONFIG=${cluster.clientConfig()}   # --command-config for Kafka's CLI as the super user admin\n`);
}

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
