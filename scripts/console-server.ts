/**
 * Starts `next start` for the console, the one way `npm start`, the demo and the tests do.
 *
 * Node's HTTP server refuses request heads over 16 KiB, and closes the socket while the
 * client is still sending: a list page's summary call within the API's documented limits
 * (8,000 characters of group ids, which percent-encode to up to 12 bytes each) would get
 * a reset connection instead of an answer. The console raises the limit to 128 KiB, so
 * every request the OpenAPI document allows reaches the API and gets its answer. The UI
 * itself keeps its URLs under 8 KiB, which proxies in front of it accept too.
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './kafka/cluster';

export const MAX_HTTP_HEADER_BYTES = 128 * 1024;

export function spawnConsoleServer(opts: { host: string; port: number | string; env: NodeJS.ProcessEnv; stdio: StdioOptions }): ChildProcess {
  const nodeOptions = [opts.env.NODE_OPTIONS, `--max-http-header-size=${MAX_HTTP_HEADER_BYTES}`].filter(Boolean).join(' ');
  return spawn(join(projectRoot, 'node_modules', '.bin', 'next'), ['start', '--hostname', opts.host, '--port', String(opts.port)], {
    cwd: projectRoot,
    stdio: opts.stdio,
    env: { ...opts.env, NODE_OPTIONS: nodeOptions },
  });
}
