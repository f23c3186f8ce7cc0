/**
 * The curl equivalents of the schema-registry calls the console makes, for the UI. Pure.
 * Credentials are placeholders ($SCHEMA_REGISTRY_PASSWORD, $SCHEMA_REGISTRY_TOKEN): the
 * console never sends them to the browser.
 */
export interface CurlTarget {
  /** The registry's API base, ending with "/". */
  url: string;
  auth: 'basic' | 'bearer' | null;
  username: string | null;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function auth(t: CurlTarget): string {
  if (t.auth === 'basic') return ` -u ${q(`${t.username ?? ''}:`)}"$SCHEMA_REGISTRY_PASSWORD"`;
  if (t.auth === 'bearer') return ' -H "Authorization: Bearer $SCHEMA_REGISTRY_TOKEN"';
  return '';
}

export function curl(t: CurlTarget, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): string {
  const url = `${t.url}${path}`;
  const m = method === 'GET' ? '' : ` -X ${method}`;
  const data = body === undefined ? '' : ` -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data ${q(JSON.stringify(body))}`;
  return `curl -s${m}${auth(t)}${data} ${q(url)}`;
}

const s = encodeURIComponent;

export const curlFor = {
  subjects: (t: CurlTarget) => curl(t, 'GET', 'subjects'),
  version: (t: CurlTarget, subject: string, version: number | string) => curl(t, 'GET', `subjects/${s(subject)}/versions/${version}`),
  setCompatibility: (t: CurlTarget, subject: string | null, compatibility: string) =>
    curl(t, 'PUT', subject === null ? 'config' : `config/${s(subject)}`, { compatibility }),
  check: (t: CurlTarget, subject: string, body: Record<string, unknown>) =>
    curl(t, 'POST', `compatibility/subjects/${s(subject)}/versions/latest?verbose=true`, body),
  register: (t: CurlTarget, subject: string, body: Record<string, unknown>) => curl(t, 'POST', `subjects/${s(subject)}/versions`, body),
  delete: (t: CurlTarget, subject: string, permanent: boolean) =>
    permanent
      ? `${curl(t, 'DELETE', `subjects/${s(subject)}`)} && ${curl(t, 'DELETE', `subjects/${s(subject)}?permanent=true`)}`
      : curl(t, 'DELETE', `subjects/${s(subject)}`),
};

/** A line diff of two texts (longest common subsequence), for comparing versions. Bounded: beyond 4000 lines each, a plain listing. */
export function lineDiff(a: string, b: string): { kind: 'same' | 'add' | 'del'; text: string }[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length > 4000 || y.length > 4000) return [...x.map((text) => ({ kind: 'del' as const, text })), ...y.map((text) => ({ kind: 'add' as const, text }))];
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: { kind: 'same' | 'add' | 'del'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: 'same', text: x[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'del', text: x[i++] });
    else out.push({ kind: 'add', text: y[j++] });
  }
  while (i < n) out.push({ kind: 'del', text: x[i++] });
  while (j < m) out.push({ kind: 'add', text: y[j++] });
  return out;
}

/** A schema's text laid out for reading: JSON (Avro, JSON Schema) pretty-printed, Protobuf as it is. */
export function prettySchema(text: string, type: string): string {
  if (type === 'PROTOBUF') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Tokens for highlighting: JSON keys, strings, numbers and literals; Protobuf keywords, strings, numbers, comments. */
export function highlight(text: string, type: string): { text: string; tone: 'key' | 'string' | 'number' | 'keyword' | 'comment' | null }[] {
  const re =
    type === 'PROTOBUF'
      ? /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*")|\b(syntax|package|import|option|message|enum|oneof|map|repeated|optional|required|reserved|service|rpc|returns|extend|true|false)\b|\b(\d+)\b/g
      : /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  const out: { text: string; tone: 'key' | 'string' | 'number' | 'keyword' | 'comment' | null }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), tone: null });
    if (type === 'PROTOBUF') {
      out.push({ text: m[0], tone: m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'keyword' : 'number' });
    } else if (m[1]) {
      out.push({ text: m[1], tone: m[2] ? 'key' : 'string' });
      if (m[2]) out.push({ text: m[2], tone: null });
    } else out.push({ text: m[0], tone: m[3] ? 'keyword' : 'number' });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), tone: null });
  return out;
}
