/**
 * Shell entry for the project's Kafka:
 *   scripts/kafka.sh fetch                 download Kafka's jars (once)
 *   scripts/kafka.sh start [--nodes N]     run a local KRaft cluster until Ctrl-C
 *   scripts/kafka.sh tool NAME ARGS...     run a Kafka CLI tool (kafka-topics, ...)
 */
import { ensureKafka, KafkaCluster, kafkaHome, runTool } from './cluster';

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  switch (cmd) {
    case 'fetch':
      ensureKafka(log);
      process.stdout.write(`${kafkaHome()}\n`);
      return 0;
    case 'start': {
      const i = rest.indexOf('--nodes');
      const nodes = i >= 0 ? Number(rest[i + 1]) : 1;
      if (!Number.isInteger(nodes) || nodes < 1 || nodes > 5) throw new Error('--nodes takes 1 to 5');
      const cluster = await KafkaCluster.start({ nodes, log });
      process.stdout.write(`KAFKA_BROKERS=${cluster.bootstrap}\n`);
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
      const res = await runTool(tool, args, process.stdin.isTTY ? undefined : await readStdin());
      process.stdout.write(res.stdout);
      process.stderr.write(res.stderr);
      return res.code;
    }
    default:
      process.stderr.write('usage: scripts/kafka.sh fetch | start [--nodes N] | tool NAME ARGS...\n');
      return 2;
  }
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
