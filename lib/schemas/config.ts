import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { topicName } from './common';

/** The console config file (KAFKA_CONSOLE_CONFIG), read by lib/config.ts. First: who may sign in and with which roles. */
const role = z.enum(ROLES);
const prefix = z.string().max(249);

export const grantSchema = z.union([
  z.string().regex(/^(viewer|operator|admin)(@[a-zA-Z0-9][a-zA-Z0-9_-]{0,63})?$/, 'a role (viewer, operator, admin), optionally @cluster-id'),
  z.object({ role, cluster: z.string().min(1).optional(), topics: prefix.optional(), groups: prefix.optional() }).strict(),
]);

export type GrantConfig = z.infer<typeof grantSchema>;

export const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43,}$/;

export const userSchema = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}$/, 'letters, digits, ".", "_", "@" and "-"'),
    /** scrypt hash written by `npm run console -- user add`; plain passwords are refused. */
    passwordHash: z.string().regex(PASSWORD_HASH, 'a scrypt hash written by `npm run console -- user add` (plain passwords are not accepted)'),
    roles: z.array(grantSchema).min(1),
  })
  .strict();

/** One secret given exactly one way: inline (discouraged), from an environment variable or from a file. */
export const secretRef = z
  .object({ value: z.string().min(1).optional(), env: z.string().min(1).optional(), file: z.string().min(1).optional() })
  .strict()
  .refine((s) => [s.value, s.env, s.file].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of value, env or file' });

export const oidcSchema = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1),
    /** Omit for a public client (PKCE only). */
    clientSecret: secretRef.optional(),
    scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).default(['openid', 'profile', 'email']),
    /** Dotted path of the claim that lists the user's groups or roles: roles, groups, realm_access.roles. */
    rolesClaim: z.string().min(1).default('roles'),
    usernameClaim: z.string().min(1).default('preferred_username'),
    /** Claim value (an IdP group or role) → console grants. A claim value that is a role name maps to that role. */
    roleMapping: z.record(z.string(), z.array(grantSchema)).default({}),
    /** Grants every signed-in OIDC user gets, even with no mapped claim (default none: such users are refused). */
    defaultRoles: z.array(grantSchema).default([]),
    label: z.string().min(1).default('Sign in with single sign-on'),
    /** Only for an identity provider on loopback in tests and demos: allow http:// */
    allowHttpIssuer: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!o.allowHttpIssuer && !o.issuer.startsWith('https://'))
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'the issuer must be https:// (allowHttpIssuer only for loopback tests)' });
  });

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

/** Lag history: the server samples offsets and keeps them (lib/history/). */
export const historySchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Seconds between sampling rounds (a round that overruns it doubles the wait, up to 8x). */
    intervalSeconds: z.number().min(1).max(3600).default(30),
    /** Every sample is kept this long ... */
    rawRetentionHours: z.number().min(1).max(744).default(24),
    /** ... and one per 5 minutes this long. */
    downsampledRetentionDays: z.number().min(1).max(3650).default(30),
    /**
     * For several console instances on one cluster: one of them samples at a time (it holds
     * partition 0 of this topic in the consumer group "<topic>.sampler") and writes the
     * samples to this topic; every instance reads them from it into its own store. Created
     * on first use (1 partition, retention as long as the downsampled history).
     */
    topic: topicName.optional(),
  })
  .strict();

/**
 * A Kafka Connect cluster (distributed workers in one group) that works with a Kafka cluster:
 * any worker's REST URL (the workers forward to the leader), optional basic auth (the password
 * from env or file like SASL's) and the CA that signed an https worker's certificate.
 */
export const connectClusterSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, 'letters, digits, - and _ only'),
    url: z.url().refine((u) => /^https?:\/\//.test(u), 'an http:// or https:// URL'),
    basicAuth: z
      .object({
        username: z.string().min(1),
        password: z.string().optional(),
        passwordEnv: z.string().optional(),
        passwordFile: z.string().optional(),
      })
      .strict()
      .refine((s) => [s.password, s.passwordEnv, s.passwordFile].filter((v) => v !== undefined).length === 1, {
        message: 'give exactly one of password, passwordEnv or passwordFile',
      })
      .optional(),
    caFile: z.string().min(1).optional(),
    /** Seconds to wait for a worker's answer (default 10). */
    timeoutSeconds: z.number().int().min(1).max(300).default(10),
  })
  .strict();

/**
 * The cluster's schema registry: any that serves the Confluent-compatible REST API
 * (Confluent Schema Registry, Karapace, Redpanda, Apicurio under /apis/ccompat/v7).
 * Credentials stay on the server.
 */
export const schemaRegistrySchema = z
  .object({
    url: z.url().refine((u) => /^https?:\/\//.test(u), 'an http:// or https:// URL'),
    basicAuth: z
      .object({ username: z.string().min(1), password: secretRef })
      .strict()
      .optional(),
    bearerToken: secretRef.optional(),
    /** PEM file of the CA that signed the registry's certificate (https). */
    caFile: z.string().min(1).optional(),
    /** Per request. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  })
  .strict()
  .refine((r) => !(r.basicAuth && r.bearerToken), { message: 'give basicAuth or bearerToken, not both' });

export const clusterConfigSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/, 'letters, digits, - and _ only'),
    name: z.string().min(1).optional(),
    bootstrapServers: z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port')).min(1),
    ssl: sslSchema.optional(),
    sasl: saslSchema.optional(),
    /** The Kafka Connect clusters whose workers keep their topics on this cluster. */
    connect: z
      .array(connectClusterSchema)
      .max(32)
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((c, i) => {
          if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Connect cluster ${c.name} is listed twice` });
          seen.add(c.name);
        });
      }),
    schemaRegistry: schemaRegistrySchema.optional(),
    /** Nobody may change anything on this cluster through the console, whatever their role. */
    readOnly: z.boolean().default(false),
    history: historySchema.default({ enabled: true, intervalSeconds: 30, rawRetentionHours: 24, downsampledRetentionDays: 30 }),
    /**
     * The brokers' authorizer settings, for the ACL explainer: Kafka's API does not reveal them
     * (DescribeConfigs masks super.users as sensitive). Copy super.users and
     * allow.everyone.if.no.acl.found from the brokers' server.properties.
     */
    authorizer: z
      .object({
        superUsers: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*:.+$/, 'a principal, e.g. User:admin'))
          .max(100)
          .default([]),
        allowEveryoneIfNoAclFound: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict();

export const authSchema = z
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
        idleMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(60),
        maxHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30)
          .default(12),
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

export const auditSchema = z
  .object({
    /** Append-only JSON lines; relative paths are resolved from the console's working directory. */
    file: z.string().min(1).default('.kafka-console/audit.jsonl'),
    /**
     * Also write every entry to a Kafka topic (JSON, keyed by entry id), so several console
     * instances share one trail; the audit page then reads it from there. Created on first
     * use if missing: 1 partition, cleanup.policy=delete, the broker's default retention
     * (create it yourself first for a longer one). The file is written as well.
     */
    topic: z
      .object({ cluster: z.string().min(1), topic: topicName })
      .strict()
      .optional(),
  })
  .strict();

export const limitsSchema = z
  .object({
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    streamsPerUser: z.number().int().min(1).max(1000).default(4),
    streamsTotal: z.number().int().min(1).max(10_000).default(32),
  })
  .strict();

export const fileSchema = z
  .object({
    /** The URL users reach the console at (https://kafka.example.com); its host joins the Host allow-list. */
    publicUrl: z.url().optional(),
    auth: authSchema.optional(),
    audit: auditSchema.optional(),
    limits: limitsSchema.optional(),
    /** Where the console keeps its lag history (one directory per cluster below it); relative to the working directory. */
    dataDir: z.string().min(1).default('.kafka-console'),
    clusters: z.array(clusterConfigSchema).min(1),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema> & { name: string };
export type ConnectClusterConfig = z.infer<typeof connectClusterSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type HistoryConfig = z.infer<typeof historySchema>;
export type SecretRef = z.infer<typeof secretRef>;
export type SchemaRegistryConfig = z.infer<typeof schemaRegistrySchema>;
export type ConfigFile = z.infer<typeof fileSchema>;
