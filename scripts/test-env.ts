/**
 * Keeps the test environment (3-broker Kafka, control endpoint, console config) running
 * for fast iteration: prints the variables to export, then waits for Ctrl-C.
 *   npx tsx scripts/test-env.ts > /tmp/env.sh &   then   source /tmp/env.sh
 *   npx tsx scripts/test-env.ts --kafka 3.9.2 --zookeeper > /tmp/env.sh &   the compatibility suite's
 * vitest.integration.config.mts and `next dev` reuse it when these are exported.
 */
import { startTestEnvironment } from '../e2e/support/test-env';
import { kafkaVersion } from './kafka/cluster';

async function main() {
  const args = process.argv.slice(2);
  const version = args.includes('--kafka') ? args[args.indexOf('--kafka') + 1] : undefined;
  const mode = args.includes('--zookeeper') ? 'zookeeper' : 'kraft';
  const kind = version || mode === 'zookeeper' ? ({ version: version ?? kafkaVersion(), mode } as const) : undefined;
  const env = await startTestEnvironment((l) => process.stderr.write(`${l}\n`), kind);
  for (const [k, v] of Object.entries(env.env)) process.stdout.write(`export ${k}='${v}'\n`);
  process.stderr.write('Test environment ready; Ctrl-C stops it.\n');
  await new Promise<void>((resolve) => {
    const stop = () => void env.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

void main();
