import 'server-only';
import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { ApiError } from '@/lib/errors';
import { ConfigError, consoleConfig, type ClusterConfig, type ConnectClusterConfig } from '@/lib/config';

/**
 * The one way the console talks to a Kafka Connect worker's REST API: undici's fetch with a
 * deadline, a cap on how much of an answer is read, basic auth and a CA file from the console
 * config. The worker's answers become ApiErrors naming the Connect cluster and its URL: a
 * worker that can't be reached is a 503, a rebalance in progress a 409; the password never
 * leaves this file.
 */

/** Largest answer read from a worker (a connector list with configs of a large Connect cluster fits). */
export const MAX_CONNECT_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface ConnectTarget {
  cluster: ClusterConfig;
  connect: ConnectClusterConfig;
}

/** The Connect cluster `name` of Kafka cluster `clusterId`, or a 404. */
export function connectTarget(clusterId: string, name: string): ConnectTarget {
  const cluster = consoleConfig().clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new ApiError('not_found', `No cluster ${clusterId} is configured`);
  const connect = (cluster.connect ?? []).find((c) => c.name === name);
  if (!connect)
    throw new ApiError('not_found', `Cluster ${clusterId} has no Connect cluster named ${name}`, {
      details: { known: (cluster.connect ?? []).map((c) => c.name) },
    });
  return { cluster, connect };
}

export function connectClusters(clusterId: string): ConnectTarget[] {
  const cluster = consoleConfig().clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new ApiError('not_found', `No cluster ${clusterId} is configured`);
  return (cluster.connect ?? []).map((connect) => ({ cluster, connect }));
}

const agents = new Map<string, Agent>();

function agentFor(c: ConnectClusterConfig): Agent | undefined {
  if (!c.caFile) return undefined;
  let agent = agents.get(c.caFile);
  if (!agent) {
    let ca: string;
    try {
      ca = readFileSync(c.caFile, 'utf8');
    } catch {
      throw new ConfigError(`cannot read the CA file ${c.caFile} of Connect cluster ${c.name}`);
    }
    agent = new Agent({ connect: { ca } });
    agents.set(c.caFile, agent);
  }
  return agent;
}

function authHeader(c: ConnectClusterConfig): string | undefined {
  const a = c.basicAuth;
  if (!a) return undefined;
  let password: string;
  if (a.password !== undefined) password = a.password;
  else if (a.passwordEnv !== undefined) {
    const v = process.env[a.passwordEnv];
    if (v === undefined) throw new ConfigError(`environment variable ${a.passwordEnv} (password of Connect cluster ${c.name}) is not set`);
    password = v;
  } else {
    try {
      password = readFileSync(a.passwordFile as string, 'utf8').trim();
    } catch {
      throw new ConfigError(`cannot read the password file of Connect cluster ${c.name}`);
    }
  }
  return `Basic ${Buffer.from(`${a.username}:${password}`).toString('base64')}`;
}

/** What the worker said, shortened: its `message` field when it has one. */
function workerMessage(text: string): string {
  let msg = text;
  try {
    const j = JSON.parse(text) as { message?: unknown };
    if (typeof j.message === 'string') msg = j.message;
  } catch {
    // not JSON: an HTML error page or a proxy's text
    msg = text.replace(/<[^>]*>/g, ' ');
  }
  msg = msg.replace(/\s+/g, ' ').trim();
  return msg.length > 600 ? `${msg.slice(0, 600)}…` : msg;
}

function where(c: ConnectClusterConfig): { connect: string; url: string } {
  return { connect: c.name, url: c.url };
}

async function readCapped(body: ReadableStream<Uint8Array> | null, c: ConnectClusterConfig): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_CONNECT_RESPONSE_BYTES) {
      await reader.cancel();
      throw new ApiError('unavailable', `Connect cluster ${c.name} (${c.url}) answered more than ${MAX_CONNECT_RESPONSE_BYTES / 1024 / 1024} MB`, {
        details: { ...where(c), problem: 'response_too_large' },
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface ConnectCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Statuses that are answers rather than errors (e.g. 404 for "no such connector yet"). */
  accept?: number[];
}

/** Calls the worker; resolves with the JSON it answered (null for an empty answer). */
export async function connectCall<T = unknown>(c: ConnectClusterConfig, path: string, call: ConnectCall = {}): Promise<T> {
  const r = await connectRequest(c, path, call);
  return r.json as T;
}

export async function connectRequest(c: ConnectClusterConfig, path: string, call: ConnectCall = {}): Promise<{ status: number; json: unknown }> {
  const url = `${c.url.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = authHeader(c);
  if (auth) headers.authorization = auth;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const timeoutMs = (c.timeoutSeconds ?? 10) * 1000;
  let res: Awaited<ReturnType<typeof fetch>>;
  let text: string;
  try {
    res = await fetch(url, {
      method: call.method ?? 'GET',
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      dispatcher: agentFor(c),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    text = await readCapped(res.body as ReadableStream<Uint8Array> | null, c);
  } catch (err) {
    if (err instanceof ApiError || err instanceof ConfigError) throw err;
    throw unreachable(c, err, timeoutMs);
  }
  if (res.status >= 200 && res.status < 300 && !(call.accept ?? []).includes(res.status)) {
    return { status: res.status, json: parseJson(text, c) };
  }
  if ((call.accept ?? []).includes(res.status)) return { status: res.status, json: text ? safeJson(text) : null };
  throw fromWorkerStatus(c, res.status, text);
}

function parseJson(text: string, c: ConnectClusterConfig): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('unavailable', `Connect cluster ${c.name} (${c.url}) did not answer JSON: is this a Kafka Connect worker's REST URL?`, {
      details: { ...where(c), problem: 'not_json' },
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function unreachable(c: ConnectClusterConfig, err: unknown, timeoutMs: number): ApiError {
  const e = err as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  let problem = 'unreachable';
  let why = 'cannot be reached';
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    problem = 'timeout';
    why = `did not answer within ${timeoutMs / 1000} s`;
  } else if (code === 'ECONNREFUSED') why = 'refused the connection (is a worker running there?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = 'has a host name that does not resolve';
  else if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    problem = 'tls';
    why = `presented a certificate the console does not trust (${code}); set caFile for this Connect cluster`;
  }
  return new ApiError('unavailable', `Connect cluster ${c.name} at ${c.url} ${why}`, { details: { ...where(c), problem } });
}

/** A worker's non-2xx answer as the console's error. */
export function fromWorkerStatus(c: ConnectClusterConfig, status: number, text: string): ApiError {
  const msg = workerMessage(text);
  const details = { ...where(c), workerStatus: status };
  const said = msg ? `: ${msg}` : '';
  // The workers' 409s: "already exists" for a name in use; otherwise a rebalance ("... no known
  // leader URL, likely because a rebalance is underway", "... stale configuration").
  if (status === 409 && !/already exists/i.test(msg))
    return new ApiError('conflict', `Connect cluster ${c.name} is rebalancing; try again shortly${said}`, {
      details: { ...details, problem: 'rebalancing' },
    });
  if (status === 409) return new ApiError('conflict', `Connect cluster ${c.name}${said}`, { details });
  if (status === 401 || status === 403)
    return new ApiError('unavailable', `Connect cluster ${c.name} refused the console's credentials (HTTP ${status}); check basicAuth in the console config`, {
      details: { ...details, problem: 'auth' },
    });
  if (status === 404) return new ApiError('not_found', `Connect cluster ${c.name}${said || ': not found'}`, { details });
  if (status === 400 || status === 422) return new ApiError('unprocessable', `Connect cluster ${c.name} refused the request${said}`, { details });
  if (status >= 300 && status < 400)
    return new ApiError('unavailable', `Connect cluster ${c.name} (${c.url}) redirected the request: give the worker's own REST URL`, { details });
  if (status === 503 || status === 502 || status === 504)
    return new ApiError('unavailable', `Connect cluster ${c.name} (${c.url}) is not ready (HTTP ${status})${said}`, {
      details: { ...details, problem: 'unavailable' },
    });
  return new ApiError('unavailable', `Connect cluster ${c.name} (${c.url}) failed the request (HTTP ${status})${said}`, { details });
}

/** Path segment encoding for connector and plugin names. */
export const seg = (s: string) => encodeURIComponent(s);
