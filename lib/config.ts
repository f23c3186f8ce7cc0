import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { jsonErrorAt } from '@/lib/json-position';
import { oidcSchema, secretRef, userSchema } from '@/lib/auth/config-schema';

/**
 * Which clusters the console manages: `KAFKA_BROKERS` for one cluster, or a JSON file
 * named by `KAFKA_CONSOLE_CONFIG` listing several. Security settings are structured
 * fields; free-form client properties are deliberately not accepted.
 */
const saslSchema = z
  .object({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1),
    password: z.string().optional(),
    passwordEnv: z.string().optional(),
    passwordFile: z.string().optional(),
  })
  .strict()
  .refine((s) => [s.password, s.passwordEnv, s.passwordFile].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of password, passwordEnv or passwordFile',
  });

const sslSchema = z
  .object({
    enabled: z.boolean().default(true),
    caFile: z.string().optional(),
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    rejectUnauthorized: z.boolean().default(true),
  })
  .strict();

export const clusterConfigSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, 'letters, digits, - and _ only'),
    name: z.string().min(1).optional(),
    bootstrapServers: z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port')).min(1),
    ssl: sslSchema.optional(),
    sasl: saslSchema.optional(),
    /** Nobody may change anything on this cluster through the console, whatever their role. */
    readOnly: z.boolean().default(false),
  })
  .strict();

const authSchema = z
  .object({
    /** "none" turns sign-in off; it must be written out, and the console then listens on loopback only. */
    mode: z.enum(['signin', 'none']).default('signin'),
    /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
    trustForwardedFor: z.boolean().default(false),
    users: z.array(userSchema).default([]),
    oidc: oidcSchema.optional(),
    session: z
      .object({
        secret: secretRef.optional(),
        idleMinutes: z.number().int().min(1).max(24 * 60).default(60),
        maxHours: z.number().int().min(1).max(24 * 30).default(12),
      })
      .strict()
      .default({ idleMinutes: 60, maxHours: 12 }),
  })
  .strict()
  .superRefine((a, ctx) => {
    const names = new Set<string>();
    a.users.forEach((u, i) => {
      if (names.has(u.username)) ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `user ${u.username} is listed twice` });
      names.add(u.username);
    });
  });

const auditSchema = z
  .object({
    /** Append-only JSON lines; relative paths are resolved from the console's working directory. */
    file: z.string().min(1).default('.kafka-console/audit.jsonl'),
    /**
     * Also write every entry to a Kafka topic (JSON, keyed by entry id), so several console
     * instances share one trail; the audit page then reads it from there. Created on first
     * use if missing: 1 partition, cleanup.policy=delete, the broker's default retention
     * (create it yourself first for a longer one). The file is written as well.
     */
    topic: z.object({ cluster: z.string().min(1), topic: z.string().min(1).max(249) }).strict().optional(),
  })
  .strict();

const limitsSchema = z
  .object({
    maxBodyBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    streamsPerUser: z.number().int().min(1).max(1000).default(4),
    streamsTotal: z.number().int().min(1).max(10_000).default(32),
  })
  .strict();

const fileSchema = z
  .object({
    /** The URL users reach the console at (https://kafka.example.com); its host joins the Host allow-list. */
    publicUrl: z.url().optional(),
    auth: authSchema.optional(),
    audit: auditSchema.optional(),
    limits: limitsSchema.optional(),
    clusters: z.array(clusterConfigSchema).min(1),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema> & { name: string };
export type AuthConfig = z.infer<typeof authSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type SecretRef = z.infer<typeof secretRef>;

export interface ConsoleConfig {
  /** The file it came from, if any (the user command writes to it). */
  file: string | null;
  publicUrl: string | null;
  auth: AuthConfig;
  audit: AuditConfig;
  limits: LimitsConfig;
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
  let parsed: z.infer<typeof fileSchema>;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ConfigError(`cannot read console config ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'read failed')}`);
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
  if (parsed.audit?.topic && !ids.has(parsed.audit.topic.cluster)) throw new ConfigError(`audit.topic.cluster: no cluster with id ${parsed.audit.topic.cluster}`);
  return {
    file: file ?? null,
    publicUrl: parsed.publicUrl ?? null,
    auth,
    audit: parsed.audit ?? auditSchema.parse({}),
    limits: parsed.limits ?? limitsSchema.parse({}),
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
export function publicCluster(c: ClusterConfig) {
  return {
    id: c.id,
    name: c.name,
    bootstrapServers: c.bootstrapServers,
    security: { ssl: Boolean(c.ssl?.enabled), sasl: c.sasl ? c.sasl.mechanism : null },
    readOnly: c.readOnly,
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

