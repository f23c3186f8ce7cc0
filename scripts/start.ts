/**
 * `npm start`: checks the configuration, then serves the built console with `next start`
 * on HOST (default 127.0.0.1) and PORT (default 3000). A console without sign-in
 * (auth.mode none) refuses any address but loopback.
 */
import { spawnConsoleServer } from './console-server';
import { startupProblem } from '../lib/startup';

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
const env = { ...process.env, KAFKA_CONSOLE_BIND: host };
const problem = startupProblem(env);
if (problem) {
  process.stderr.write(`Kafka Console cannot start: ${problem}\n`);
  process.exit(1);
}
const child = spawnConsoleServer({ host, port, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
