import { z } from 'zod';

/**
 * Client quotas (what `kafka-configs --entity-type users|clients|ips` manages). An entity
 * names a user, a client id, both, or an IP; a name of null is that type's default
 * (--entity-default).
 */
export const CLIENT_QUOTA_KEYS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate'] as const;
export const IP_QUOTA_KEYS = ['connection_creation_rate'] as const;
export const QUOTA_KEYS = [...CLIENT_QUOTA_KEYS, ...IP_QUOTA_KEYS] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

const entityName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'No control characters')
  .nullable();

export const quotaEntity = z
  .object({ user: entityName.optional(), clientId: entityName.optional(), ip: entityName.optional() })
  .strict()
  .superRefine((e, ctx) => {
    const has = (k: 'user' | 'clientId' | 'ip') => e[k] !== undefined;
    if (!has('user') && !has('clientId') && !has('ip')) ctx.addIssue({ code: 'custom', message: 'Name a user, a client id, both, or an IP' });
    if (has('ip') && (has('user') || has('clientId')))
      ctx.addIssue({ code: 'custom', path: ['ip'], message: 'An IP quota stands alone (no user or client id)' });
    if (e.ip && !/^[0-9A-Fa-f:.]+$/.test(e.ip)) ctx.addIssue({ code: 'custom', path: ['ip'], message: 'An IP address' });
  });
export type QuotaEntity = z.infer<typeof quotaEntity>;

export const quotaValues = z.partialRecord(z.enum(QUOTA_KEYS), z.number().finite().positive());
export type QuotaValues = z.infer<typeof quotaValues>;

export const quotaEntry = z.object({ entity: quotaEntity, values: quotaValues });
export type QuotaEntry = z.infer<typeof quotaEntry>;

export const quotaListQuery = z.object({ entityType: z.enum(['user', 'client-id', 'ip', 'all']).default('all') });
export const quotaList = z.object({ entries: z.array(quotaEntry) });
export type QuotaList = z.infer<typeof quotaList>;

export const alterQuotaBody = z
  .object({
    entity: quotaEntity,
    set: quotaValues.default({}),
    remove: z.array(z.enum(QUOTA_KEYS)).max(QUOTA_KEYS.length).default([]),
    validateOnly: z.boolean().default(false),
  })
  .strict()
  .superRefine((b, ctx) => {
    const keys = [...Object.keys(b.set), ...b.remove];
    if (keys.length === 0) ctx.addIssue({ code: 'custom', path: ['set'], message: 'Set or remove at least one quota' });
    const allowed: readonly string[] = b.entity.ip !== undefined ? IP_QUOTA_KEYS : CLIENT_QUOTA_KEYS;
    for (const k of keys)
      if (!allowed.includes(k))
        ctx.addIssue({
          code: 'custom',
          path: ['set'],
          message: `${k} does not apply to ${b.entity.ip !== undefined ? 'IPs' : 'users and client ids'}: use ${allowed.join(', ')}`,
        });
    for (const k of b.remove) if (k in b.set) ctx.addIssue({ code: 'custom', path: ['remove'], message: `${k} is both set and removed` });
  });
export type AlterQuotaInput = z.infer<typeof alterQuotaBody>;

export const alterQuotaOutcome = z.object({
  entity: quotaEntity,
  before: quotaValues,
  after: quotaValues.nullable().describe('null for validateOnly'),
  validateOnly: z.boolean(),
  command: z.string(),
});
export type AlterQuotaOutcome = z.infer<typeof alterQuotaOutcome>;
