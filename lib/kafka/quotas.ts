import 'server-only';
import { quotaCommand } from '@/lib/quota-command';
import type { AlterQuotaInput, AlterQuotaOutcome, QuotaEntity, QuotaEntry, QuotaList, QuotaValues } from '@/lib/schemas/quotas';
import { checkError, errorType, KafkaResponseError, send } from './protocol';
import { AlterClientQuotasApi } from './protocol/generated/alter-client-quotas';
import { DescribeClientQuotasApi } from './protocol/generated/describe-client-quotas';
import type { ClusterClients } from './registry';

/**
 * Client quotas through DescribeClientQuotas and AlterClientQuotas. A change names only the
 * keys the user set or removed; every other quota of the entity stays as it was.
 */
const TYPES = { user: 'user', clientId: 'client-id', ip: 'ip' } as const;
type Part = keyof typeof TYPES;
const PARTS: Part[] = ['user', 'clientId', 'ip'];
const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;

function toWire(e: QuotaEntity): { entityType: string; entityName: string | null }[] {
  return PARTS.filter((p) => e[p] !== undefined).map((p) => ({ entityType: TYPES[p], entityName: e[p] ?? null }));
}

function fromWire(parts: { entityType: string; entityName: string | null }[]): QuotaEntity | null {
  const e: QuotaEntity = {};
  for (const p of parts) {
    const k = PARTS.find((x) => TYPES[x] === p.entityType);
    if (!k) return null;
    e[k] = p.entityName;
  }
  return e;
}

function values(vs: { key: string; value: number }[]): QuotaValues {
  return Object.fromEntries(vs.map((v) => [v.key, v.value])) as QuotaValues;
}

const order = (e: QuotaEntity) => PARTS.map((p) => (e[p] === undefined ? '\u0002' : e[p] === null ? '\u0001' : e[p])).join('\u0000');

export async function listQuotas(c: ClusterClients, entityType: 'user' | 'client-id' | 'ip' | 'all'): Promise<QuotaList> {
  const res = await send(c.cluster, { anyBroker: true }, DescribeClientQuotasApi, { components: [], strict: false });
  checkError(res.errorCode, res.errorMessage);
  const entries: QuotaEntry[] = [];
  for (const entry of res.entries ?? []) {
    const entity = fromWire(entry.entity);
    if (!entity) continue;
    if (entityType !== 'all' && !entry.entity.some((p) => p.entityType === entityType)) continue;
    entries.push({ entity, values: values(entry.values) });
  }
  entries.sort((a, b) => (order(a.entity) < order(b.entity) ? -1 : 1));
  return { entries };
}

/** The quotas set on exactly this entity (not inherited from defaults). */
export async function quotaValuesOf(c: ClusterClients, entity: QuotaEntity): Promise<QuotaValues> {
  return entityValues(c, entity);
}

async function entityValues(c: ClusterClients, entity: QuotaEntity): Promise<QuotaValues> {
  const res = await send(c.cluster, { anyBroker: true }, DescribeClientQuotasApi, {
    components: toWire(entity).map((p) => ({ entityType: p.entityType, matchType: p.entityName === null ? MATCH_DEFAULT : MATCH_EXACT, match: p.entityName })),
    strict: true,
  });
  checkError(res.errorCode, res.errorMessage);
  return values(res.entries?.[0]?.values ?? []);
}

export async function alterQuota(c: ClusterClients, input: AlterQuotaInput): Promise<AlterQuotaOutcome> {
  const before = await entityValues(c, input.entity);
  const res = await send(c.cluster, { anyBroker: true }, AlterClientQuotasApi, {
    entries: [
      {
        entity: toWire(input.entity),
        ops: [
          ...Object.entries(input.set).map(([key, value]) => ({ key, value: value as number, remove: false })),
          ...input.remove.map((key) => ({ key, value: 0, remove: true })),
        ],
      },
    ],
    validateOnly: input.validateOnly,
  });
  const r = res.entries[0];
  if (r?.errorCode) throw new KafkaResponseError(r.errorCode, errorType(r.errorCode), r.errorMessage);
  return {
    entity: input.entity,
    before,
    after: input.validateOnly ? null : await entityValues(c, input.entity),
    validateOnly: input.validateOnly,
    command: quotaCommand(c.config.bootstrapServers[0], input.entity, input.set, input.remove),
  };
}
