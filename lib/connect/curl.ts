/**
 * The `curl` call against a Connect worker's REST API that does what a console action does,
 * for scripting. Pure (the UI builds it): the password is never known here, so basic auth is
 * written with shell variables the user sets.
 */
const q = (s: string) => (/^[a-zA-Z0-9._:,=/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const enc = encodeURIComponent;

export interface CurlTarget {
  url: string;
  basicAuth: boolean;
}

export function curl(target: CurlTarget, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): string {
  const parts = ['curl -sS'];
  if (method !== 'GET') parts.push(`-X ${method}`);
  if (target.basicAuth) parts.push('-u "$CONNECT_USER:$CONNECT_PASSWORD"');
  if (body !== undefined) parts.push("-H 'Content-Type: application/json'", `--data ${q(JSON.stringify(body))}`);
  parts.push(q(`${target.url.replace(/\/+$/, '')}${path}`));
  return parts.join(' ');
}

/** The worker calls behind each console action on a connector. */
export const connectCurl = {
  list: (t: CurlTarget) => curl(t, 'GET', '/connectors?expand=status&expand=info'),
  status: (t: CurlTarget, name: string) => curl(t, 'GET', `/connectors/${enc(name)}/status`),
  create: (t: CurlTarget, name: string, config: Record<string, string>) => curl(t, 'POST', '/connectors', { name, config }),
  validate: (t: CurlTarget, plugin: string, config: Record<string, string>) => curl(t, 'PUT', `/connector-plugins/${enc(plugin)}/config/validate`, config),
  config: (t: CurlTarget, name: string, config: Record<string, string>) => curl(t, 'PUT', `/connectors/${enc(name)}/config`, config),
  pause: (t: CurlTarget, name: string) => curl(t, 'PUT', `/connectors/${enc(name)}/pause`),
  resume: (t: CurlTarget, name: string) => curl(t, 'PUT', `/connectors/${enc(name)}/resume`),
  stop: (t: CurlTarget, name: string) => curl(t, 'PUT', `/connectors/${enc(name)}/stop`),
  restart: (t: CurlTarget, name: string, o: { includeTasks: boolean; onlyFailed: boolean }) =>
    curl(t, 'POST', `/connectors/${enc(name)}/restart?includeTasks=${o.includeTasks}&onlyFailed=${o.onlyFailed}`),
  restartTask: (t: CurlTarget, name: string, task: number) => curl(t, 'POST', `/connectors/${enc(name)}/tasks/${task}/restart`),
  delete: (t: CurlTarget, name: string) => curl(t, 'DELETE', `/connectors/${enc(name)}`),
  offsets: (t: CurlTarget, name: string) => curl(t, 'GET', `/connectors/${enc(name)}/offsets`),
  alterOffsets: (t: CurlTarget, name: string, offsets: unknown[]) => curl(t, 'PATCH', `/connectors/${enc(name)}/offsets`, { offsets }),
  resetOffsets: (t: CurlTarget, name: string) => curl(t, 'DELETE', `/connectors/${enc(name)}/offsets`),
};

/** What changes between two configs: keys added, removed and changed, sorted by key. */
export function configDiff(before: Record<string, string>, after: Record<string, string>): { key: string; before: string | null; after: string | null }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((k) => ({ key: k, before: k in before ? before[k] : null, after: k in after ? after[k] : null }));
}
