import 'server-only';
import { readFileSync } from 'node:fs';
import { jsonErrorAt } from '@/lib/json-position';
import {
  auditSchema,
  authSchema,
  fileSchema,
  limitsSchema,
  type AuditConfig,
  type AuthConfig,
  type ConnectClusterConfig,
  type ClusterConfig,
  type ConfigFile,
  type LimitsConfig,
  type SecretRef,
} from '@/lib/schemas/config';
import type { PublicCluster } from '@/lib/schemas/clusters';

export type { AuditConfig, AuthConfig, ClusterConfig, ConnectClusterConfig, LimitsConfig, SecretRef };

export interface ConsoleConfig {
  /** The file it came from, if any (the user command writes to it). */
  file: string | null;
  publicUrl: string | null;
  auth: AuthConfig;
  audit: AuditConfig;
  limits: LimitsConfig;
  dataDir: string;
  clusters: ClusterConfig[];
}

export class ConfigError extends Error {}

function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads and checks the console's configuration. Errors never echo the file's contents (it may hold secrets). */
export function loadConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const file = env.KAFKA_CONSOLE_CONFIG;
  let parsed: ConfigFile;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ConfigError(
        `cannot read console config ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'read failed')}`,
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Node's message quotes the text around the error, which may be a password: give the position only.
      throw new ConfigError(`console config ${file} is not valid JSON${jsonErrorPosition(text)}`);
    }
    const result = fileSchema.safeParse(raw);
    if (!result.success) {
      throw new ConfigError(`invalid console config ${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    parsed = result.data;
  } else {
    const brokers = parseBrokers(env.KAFKA_BROKERS ?? '');
    if (brokers.length === 0) throw new ConfigError('no cluster configured: set KAFKA_BROKERS=host:port[,host:port] or KAFKA_CONSOLE_CONFIG=console.json');
    parsed = fileSchema.parse({ clusters: [{ id: env.KAFKA_CLUSTER_ID ?? 'local', name: env.KAFKA_CLUSTER_NAME, bootstrapServers: brokers }] });
  }
  const ids = new Set<string>();
  for (const c of parsed.clusters) {
    if (ids.has(c.id)) throw new ConfigError(`cluster id ${c.id} is listed twice`);
    ids.add(c.id);
  }
  const auth = parsed.auth ?? authSchema.parse({});
  if (auth.oidc) {
    for (const [claimValue, grants] of Object.entries(auth.oidc.roleMapping)) {
      for (const g of grants) checkGrantCluster(g, ids, `auth.oidc.roleMapping.${claimValue}`);
    }
  }
  for (const [i, u] of auth.users.entries()) for (const g of u.roles) checkGrantCluster(g, ids, `auth.users.${i}.roles`);
  if (parsed.audit?.topic && !ids.has(parsed.audit.topic.cluster))
    throw new ConfigError(`audit.topic.cluster: no cluster with id ${parsed.audit.topic.cluster}`);
  return {
    file: file ?? null,
    publicUrl: parsed.publicUrl ?? null,
    auth,
    audit: parsed.audit ?? auditSchema.parse({}),
    limits: parsed.limits ?? limitsSchema.parse({}),
    dataDir: env.KAFKA_CONSOLE_DATA_DIR ?? parsed.dataDir,
    clusters: parsed.clusters.map((c) => ({ ...c, name: c.name ?? c.id })),
  };
}

function checkGrantCluster(g: string | { cluster?: string }, ids: Set<string>, where: string): void {
  const cluster = typeof g === 'string' ? (g.split('@')[1] ?? '*') : (g.cluster ?? '*');
  if (cluster !== '*' && !ids.has(cluster)) throw new ConfigError(`${where}: no cluster with id ${cluster}`);
}

function jsonErrorPosition(text: string): string {
  const at = jsonErrorAt(text);
  return at ? ` (line ${at.line}, column ${at.column}); check for a missing quote or comma there` : '';
}

export function loadClusters(env: Record<string, string | undefined> = process.env): ClusterConfig[] {
  return loadConsoleConfig(env).clusters;
}

/** Reads a secret given by reference; the value is never logged. */
export function resolveSecret(ref: SecretRef, what: string, env: Record<string, string | undefined> = process.env): string {
  if (ref.value !== undefined) return ref.value;
  if (ref.env !== undefined) {
    const v = env[ref.env];
    if (v === undefined || v === '') throw new ConfigError(`environment variable ${ref.env} (${what}) is not set`);
    return v;
  }
  try {
    return readFileSync(ref.file as string, 'utf8').trim();
  } catch {
    throw new ConfigError(`cannot read ${what} from file ${ref.file}`);
  }
}

export function resolvePassword(sasl: NonNullable<ClusterConfig['sasl']>, env: Record<string, string | undefined> = process.env): string {
  if (sasl.password !== undefined) return sasl.password;
  if (sasl.passwordEnv !== undefined) {
    const v = env[sasl.passwordEnv];
    if (v === undefined) throw new ConfigError(`environment variable ${sasl.passwordEnv} (SASL password) is not set`);
    return v;
  }
  return readFileSync(sasl.passwordFile as string, 'utf8').trim();
}

/** What the browser may know about a cluster: never credentials. */
export function publicCluster(c: ClusterConfig): PublicCluster {
  return {
    id: c.id,
    name: c.name,
    bootstrapServers: c.bootstrapServers,
    security: { ssl: Boolean(c.ssl?.enabled), sasl: c.sasl ? c.sasl.mechanism : null },
    schemaRegistry: Boolean(c.schemaRegistry),
    readOnly: c.readOnly,
    connect: (c.connect ?? []).map((k) => ({ name: k.name, url: k.url, basicAuth: Boolean(k.basicAuth), tls: k.url.startsWith('https:') })),
  };
}

const configKey = Symbol.for('kafka-console.config');
type GlobalWithConfig = typeof globalThis & { [configKey]?: ConsoleConfig };

/** The configuration, read once per process (a globalThis singleton, so `next dev` reloads share it). */
export function consoleConfig(): ConsoleConfig {
  const g = globalThis as GlobalWithConfig;
  g[configKey] ??= loadConsoleConfig();
  return g[configKey];
}
