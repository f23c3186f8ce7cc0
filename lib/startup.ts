import { loadConsoleConfig, type ConsoleConfig } from '@/lib/config';
import { isLoopbackHost } from '@/lib/public-url';

/**
 * Checks made before the console serves anything: the config must load, and a console
 * without sign-in (auth.mode none) only ever listens on a loopback address. Returns the
 * reason to refuse, or null.
 */
export function startupProblem(env: Record<string, string | undefined> = process.env): string | null {
  let config: ConsoleConfig;
  try {
    config = loadConsoleConfig(env);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (config.auth.mode === 'none') {
    const bind = env.KAFKA_CONSOLE_BIND;
    if (!bind || !isLoopbackHost(bind)) {
      return `auth.mode is "none" (no sign-in), so the console only listens on a loopback address; ${bind ? `it was asked to listen on "${bind}"` : 'its listen address is unknown (it was not started by npm start)'}. Start it with HOST=127.0.0.1 npm start, or configure sign-in`;
    }
  }
  return null;
}
