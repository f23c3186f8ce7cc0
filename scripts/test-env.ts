/**
 * Keeps the test environment (3-broker Kafka, control endpoint, console config) running
 * for fast iteration: prints the variables to export, then waits for Ctrl-C.
 *   npx tsx scripts/test-env.ts > /tmp/env.sh &   then   source /tmp/env.sh
 * vitest.integration.config.mts and `next dev` reuse it when these are exported.
 */
import { startTestEnvironment } from '../e2e/support/test-env';

async function main() {
  const env = await startTestEnvironment((l) => process.stderr.write(`${l}\n`));
  for (const [k, v] of Object.entries(env.env)) process.stdout.write(`export ${k}='${v}'\n`);
  process.stderr.write('Test environment ready; Ctrl-C stops it.\n');
  await new Promise<void>((resolve) => {
    const stop = () => void env.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

void main();
