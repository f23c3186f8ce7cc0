import 'server-only';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { ApiError } from '@/lib/errors';
import { consoleConfig, resolveSecret, type ClusterConfig } from '@/lib/config';
import type { SchemaRegistryConfig } from '@/lib/schemas/config';

/**
 * The one way the console talks to a schema registry: the Confluent-compatible REST API,
 * over node:http(s) with a timeout and a cap on the response size. Credentials are added
 * here and never leave the server; errors name the registry's own message and error code,
 * never the credentials or the raw socket error.
 */

/** Responses larger than this are refused (a schema list or a big schema is well below it). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface RegistryErrorBody {
  error_code?: number;
  message?: string;
}

/** A registry answer that was not 2xx: its status and the registry's own error code and message. */
export class RegistryHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number | null,
    message: string,
    /** The registry's method: a read it refuses as invalid asked for something it cannot hold. */
    readonly method: string,
  ) {
    super(message);
    this.name = 'RegistryHttpError';
  }
}

/** The registry could not be reached, timed out or answered with something that is not JSON. */
export class RegistryUnavailable extends Error {
  name = 'RegistryUnavailable';
}

export class RegistryClient {
  private readonly base: URL;
  private readonly headers: Record<string, string>;
  private readonly ca?: Buffer;

  constructor(
    readonly clusterId: string,
    readonly config: SchemaRegistryConfig,
    env: Record<string, string | undefined> = process.env,
  ) {
    this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    this.headers = { accept: 'application/vnd.schemaregistry.v1+json, application/json' };
    if (config.basicAuth) {
      const password = resolveSecret(config.basicAuth.password, 'schema registry password', env);
      this.headers.authorization = `Basic ${Buffer.from(`${config.basicAuth.username}:${password}`).toString('base64')}`;
    } else if (config.bearerToken) {
      this.headers.authorization = `Bearer ${resolveSecret(config.bearerToken, 'schema registry token', env)}`;
    }
    if (config.caFile) this.ca = readFileSync(config.caFile);
  }

  /** The URL of a path (relative to the configured base), for the curl equivalents. */
  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.base).toString();
  }

  /** What the curl equivalents put for the credentials: a placeholder, never the secret. */
  get authHint(): string | null {
    if (this.config.basicAuth) return `-u '${this.config.basicAuth.username}:$SCHEMA_REGISTRY_PASSWORD'`;
    if (this.config.bearerToken) return `-H 'Authorization: Bearer $SCHEMA_REGISTRY_TOKEN'`;
    return null;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.send('GET', path)) as T;
  }

  async send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const opts: RequestOptions = {
      method,
      headers: {
        ...this.headers,
        ...(payload ? { 'content-type': 'application/vnd.schemaregistry.v1+json', 'content-length': String(payload.length) } : {}),
      },
      timeout: this.config.timeoutMs,
      ...(this.ca ? { ca: this.ca } : {}),
    };
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new RegistryUnavailable(`the schema registry's answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new RegistryUnavailable(`the schema registry did not answer within ${this.config.timeoutMs} ms`)));
      req.on('error', (err) => reject(err));
      req.end(payload);
    }).catch((err: unknown) => {
      if (err instanceof RegistryUnavailable) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new RegistryUnavailable(
        code === 'ECONNREFUSED'
          ? `the schema registry at ${this.base.host} refused the connection`
          : code === 'ENOTFOUND'
            ? `the schema registry host ${this.base.hostname} does not resolve`
            : /CERT|SSL|TLS/.test(code ?? '')
              ? `TLS to the schema registry failed (${code}); check schemaRegistry.caFile`
              : `cannot reach the schema registry at ${this.base.host} (${code ?? 'connection failed'})`,
      );
    });
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (status >= 200 && status < 300)
          throw new RegistryUnavailable(`the schema registry answered ${method} ${url.pathname} with something that is not JSON`);
      }
    }
    if (status >= 200 && status < 300) return parsed;
    const e = (parsed ?? {}) as RegistryErrorBody;
    if (status === 401 || status === 403)
      throw new RegistryHttpError(
        status,
        e.error_code ?? null,
        `the schema registry refused the console's credentials (HTTP ${status}); check schemaRegistry in the console config`,
        method,
      );
    const message = typeof e.message === 'string' && e.message ? e.message.slice(0, 2000) : `HTTP ${status}`;
    throw new RegistryHttpError(status, typeof e.error_code === 'number' ? e.error_code : null, message, method);
  }
}

/** Registry errors as API errors: the registry's reason with a fitting status. */
export function toApiError(err: unknown): unknown {
  if (err instanceof RegistryUnavailable) return new ApiError('unavailable', `Schema registry unavailable: ${err.message}`);
  if (err instanceof RegistryHttpError) {
    const code = err.errorCode;
    // Confluent's codes: 40401 subject, 40402 version, 40403 schema not found; 409 incompatible;
    // 42201 invalid schema, 42202 invalid version, 42203 invalid compatibility level.
    if (err.status === 404) return new ApiError('not_found', err.message, { details: { registryErrorCode: code } });
    if (err.status === 409) return new ApiError('conflict', err.message, { details: { registryErrorCode: code } });
    // A read the registry refuses as invalid (a subject name it does not allow, say) names
    // nothing it holds: not found, with its reason.
    if ((err.status === 422 || err.status === 400) && err.method === 'GET')
      return new ApiError('not_found', `Not in the schema registry: ${err.message}`, { details: { registryErrorCode: code } });
    if (err.status === 422 || err.status === 400) return new ApiError('unprocessable', err.message, { field: 'schema', details: { registryErrorCode: code } });
    if (err.status === 401 || err.status === 403) return new ApiError('unavailable', err.message);
    return new ApiError('unavailable', `Schema registry error: ${err.message}`);
  }
  return err;
}

const clientsKey = Symbol.for('kafka-console.schema-registries');
type GlobalWithRegistries = typeof globalThis & { [clientsKey]?: Map<string, RegistryClient> };

/** The registry client of a cluster, or null when none is configured. */
export function registryFor(clusterId: string): RegistryClient | null {
  const cluster: ClusterConfig | undefined = consoleConfig().clusters.find((c) => c.id === clusterId);
  if (!cluster?.schemaRegistry) return null;
  const g = globalThis as GlobalWithRegistries;
  g[clientsKey] ??= new Map();
  let c = g[clientsKey].get(clusterId);
  if (!c) {
    c = new RegistryClient(clusterId, cluster.schemaRegistry);
    g[clientsKey].set(clusterId, c);
  }
  return c;
}

/** The registry of a cluster, or a 404 naming the setting when none is configured. */
export function requireRegistry(clusterId: string): RegistryClient {
  const c = registryFor(clusterId);
  if (!c) throw new ApiError('not_found', `No schema registry is configured for cluster ${clusterId} (schemaRegistry in the console config)`);
  return c;
}
