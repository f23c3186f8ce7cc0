import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

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
  })
  .strict();

const fileSchema = z.object({ clusters: z.array(clusterConfigSchema).min(1) }).strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema> & { name: string };

export class ConfigError extends Error {}

function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadClusters(env: Record<string, string | undefined> = process.env): ClusterConfig[] {
  const file = env.KAFKA_CONSOLE_CONFIG;
  let clusters: z.infer<typeof clusterConfigSchema>[];
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`cannot read cluster config ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`invalid cluster config ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    clusters = parsed.data.clusters;
  } else {
    const brokers = parseBrokers(env.KAFKA_BROKERS ?? '');
    if (brokers.length === 0) throw new ConfigError('no cluster configured: set KAFKA_BROKERS=host:port[,host:port] or KAFKA_CONSOLE_CONFIG=clusters.json');
    clusters = [clusterConfigSchema.parse({ id: env.KAFKA_CLUSTER_ID ?? 'local', name: env.KAFKA_CLUSTER_NAME, bootstrapServers: brokers })];
  }
  const ids = new Set<string>();
  for (const c of clusters) {
    if (ids.has(c.id)) throw new ConfigError(`cluster id ${c.id} is listed twice`);
    ids.add(c.id);
  }
  return clusters.map((c) => ({ ...c, name: c.name ?? c.id }));
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
  };
}
