import 'server-only';
import { consoleConfig } from '@/lib/config';
import { ApiError } from '@/lib/errors';
import type { Principal } from '@/lib/auth/session';
import { alterOneConfig, describeConfigs } from '@/lib/kafka/configs';
import { getGroup } from '@/lib/kafka/groups/describe';
import { executeReset } from '@/lib/kafka/groups/reset';
import { executeShareReset } from '@/lib/kafka/groups/share-reset';
import type { UndoOutcome, UndoPlan } from '@/lib/schemas/audit';
import { clients } from '@/lib/kafka/registry';
import { connectTargets, findAuditEntry, registryTarget, undoDenied } from './trail';
import { requireRegistry } from '@/lib/schema-registry/client';
import { currentCompatibility, removeSubjectCompatibility, setCompatibility } from '@/lib/schema-registry/subjects';
import { getConnector, updateConfig } from '@/lib/connect/connectors';
import { configDiff } from '@/lib/connect/curl';
import { configChangedSince, offsetsChangedSince, planUndo, quotaChangedSince } from './undo-plan';
import { createAcls, deleteAcls, describeAcls } from '@/lib/kafka/acls';
import { alterQuota, quotaValuesOf } from '@/lib/kafka/quotas';
import { bindingKey } from '@/lib/acl/wizards';

/** Undos in progress in this process, so a double click cannot run one twice. */
const inProgress = new Set<string>();

/**
 * POST /api/audit/{id}/undo: writes back the state an entry recorded as "before". Refused
 * (409) when the entry was undone already, holds no usable before-state, or Kafka no longer
 * shows the state the change left (a later change would be reverted with it); refused (403)
 * without the permission of the operation that made the change.
 */
export async function undoAuditEntry(id: string, principal: Principal): Promise<UndoOutcome> {
  if (inProgress.has(id)) throw new ApiError('conflict', `An undo of entry ${id} is already running`);
  inProgress.add(id);
  try {
    const config = consoleConfig();
    const { entry, undoneBy } = await findAuditEntry(id);
    if (undoneBy) throw new ApiError('conflict', `Entry ${id} was already undone by ${undoneBy.user ?? 'someone'} at ${undoneBy.time} (entry ${undoneBy.id})`);
    const bootstrap = config.clusters.find((c) => c.id === entry.cluster)?.bootstrapServers.join(',') ?? '<bootstrap>';
    const check = planUndo(entry, bootstrap, connectTargets(config, entry.cluster), registryTarget(config, entry.cluster));
    if (!check.possible) throw new ApiError('conflict', check.reason);
    const denied = undoDenied(config, principal.grants, entry);
    if (denied) throw new ApiError('forbidden', `${denied}; ${principal.user} does not have it`);
    const base = {
      undoOf: entry.id,
      action: entry.action,
      cluster: check.plan.cluster,
      resource: entry.resource ?? null,
      summary: check.plan.summary,
      cli: check.plan.cli,
    };
    const plan: UndoPlan = check.plan;
    if (plan.kind === 'config') {
      const c = await clients(plan.cluster);
      const current = (await describeConfigs(c, plan.resourceType, plan.resourceName)).configs.find((x) => x.name === plan.config) ?? null;
      const changed = configChangedSince(plan, current);
      if (changed) throw new ApiError('conflict', changed);
      const outcome = await alterOneConfig(c, plan.resourceType, plan.resourceName, plan.config, plan.op, plan.value, false);
      return { ...base, kind: 'config', outcome };
    }
    if (plan.kind === 'acls') {
      const c = await clients(plan.cluster);
      if (plan.op === 'create') return { ...base, kind: 'acls', outcome: await createAcls(c, plan.bindings) };
      const present = new Set((await describeAcls(c, { patternType: 'any' })).map(bindingKey));
      const still = plan.bindings.filter((b) => present.has(bindingKey(b)));
      if (still.length === 0) throw new ApiError('conflict', 'None of the bindings this change created exists any more: they were deleted since');
      return { ...base, kind: 'acls', outcome: await deleteAcls(c, still) };
    }
    if (plan.kind === 'quota') {
      const c = await clients(plan.cluster);
      const changed = quotaChangedSince(plan, await quotaValuesOf(c, plan.entity));
      if (changed) throw new ApiError('conflict', changed);
      return { ...base, kind: 'quota', outcome: await alterQuota(c, { entity: plan.entity, set: plan.set, remove: plan.remove, validateOnly: false }) };
    }
    if (plan.kind === 'compatibility') {
      const registry = requireRegistry(plan.cluster);
      const now = await currentCompatibility(registry, plan.subject);
      if (now !== plan.expected)
        throw new ApiError(
          'conflict',
          `The compatibility level is ${now ?? 'not set'} now, not ${plan.expected} as this change left it: it was changed again since; undo the later change first`,
        );
      const outcome =
        plan.op === 'delete' || plan.level === null
          ? await removeSubjectCompatibility(registry, plan.subject as string)
          : await setCompatibility(registry, plan.subject, plan.level);
      return { ...base, kind: 'compatibility', outcome };
    }
    if (plan.kind === 'connector-config') {
      const now = (await getConnector(plan.cluster, plan.connect, plan.connector)).config;
      const changed = configDiff(plan.expected, now);
      if (changed.length)
        throw new ApiError(
          'conflict',
          `Connector ${plan.connector} was changed again since (${changed.map((d) => d.key).join(', ')}): undo the later change first, or edit it by hand`,
        );
      return { ...base, kind: 'connector-config', outcome: await updateConfig(plan.cluster, plan.connect, plan.connector, plan.config) };
    }
    const group = await getGroup(plan.cluster, plan.group);
    const changed = offsetsChangedSince(plan, new Map(group.partitions.map((p) => [`${p.topic}:${p.partition}`, p.committed])));
    if (changed) throw new ApiError('conflict', changed);
    const outcome = plan.share ? await executeShareReset(plan.cluster, plan.group, plan.writes) : await executeReset(plan.cluster, plan.group, plan.writes);
    return { ...base, kind: 'offsets', outcome };
  } finally {
    inProgress.delete(id);
  }
}
