import type { AlterConfigOutcome } from '@/lib/schemas/configs';

/**
 * Config keys whose change needs a typed confirmation in the API: listeners, security
 * and quotas (a wrong value locks clients or brokers out).
 */
const SECURITY_KEY =
  /listener|security|ssl|sasl|authorizer|principal|super\.users|quota|acl|scram|password|jaas|delegation\.token|connections\.max|max\.connections|throttled/i;

export function touchesSecurity(configName: string): boolean {
  return SECURITY_KEY.test(configName);
}

/** The audit trail's before and after of one config change (sensitive values are already masked). */
export function configAudit(r: unknown): { resource: string; before: unknown; after: unknown; secretValue: boolean } {
  const o = r as AlterConfigOutcome;
  return {
    resource: `${o.resource.type} ${o.resource.name}`,
    secretValue: Boolean(o.config?.sensitive || o.previous?.sensitive),
    before: { config: o.name, ...o.previous },
    after: o.validateOnly
      ? undefined
      : { config: o.name, value: o.config?.value ?? null, isOverride: o.config?.isOverride ?? false, sensitive: o.config?.sensitive ?? false },
  };
}
