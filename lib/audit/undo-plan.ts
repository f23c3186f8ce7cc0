import { cli, shareWritesCli } from '@/lib/cli-commands';
import type { AuditEntry, OffsetRow, UndoPlan } from '@/lib/schemas/audit';
import type { ConfigState } from '@/lib/schemas/configs';
import { z } from 'zod';
import { aclCommands } from '@/lib/acl/commands';
import { aclBinding, type AclBinding } from '@/lib/schemas/acls';
import { quotaEntity, quotaValues, type QuotaEntity, type QuotaKey, type QuotaValues } from '@/lib/schemas/quotas';
import { quotaCommand } from '@/lib/quota-command';
import { configDiff, connectCurl, type CurlTarget } from '@/lib/connect/curl';
import { curl as registryCurl, curlFor, type CurlTarget as RegistryTarget } from '@/lib/schema-registry/curl';
import { compatibilityLevel } from '@/lib/schemas/schema-registry';

/**
 * What undoing an audit entry would write, worked out from the entry alone: the config
 * value or offsets it recorded as "before", the state it left ("expected": an undo is
 * refused when Kafka no longer shows it, so a later change is never silently reverted),
 * and the equivalent CLI commands. Pure, so the page and the API agree and it is tested
 * on its own.
 */

/** Config edits, by operation id, and the kind of resource they change. */
const CONFIG_ACTIONS: Record<string, 'topic' | 'broker'> = {
  setTopicConfig: 'topic',
  deleteTopicConfig: 'topic',
  setBrokerConfig: 'broker',
  deleteBrokerConfig: 'broker',
};
const OFFSET_ACTIONS = new Set(['executeResetOffsets', 'executeShareResetOffsets', 'deleteShareTopicOffsets']);
/** Share groups' start offsets (AlterShareGroupOffsets / DeleteShareGroupOffsets), undone by writing them back. */
const SHARE_ACTIONS = new Set(['executeShareResetOffsets', 'deleteShareTopicOffsets']);
const ACL_ACTIONS = new Set(['createAcls', 'deleteAcls']);
const QUOTA_ACTIONS = new Set(['alterQuota']);
const CONNECTOR_CONFIG_ACTIONS = new Set(['updateConnectorConfig']);
const COMPATIBILITY_ACTIONS = new Set(['setGlobalCompatibility', 'setSubjectCompatibility']);

export type UndoCheck = { possible: true; plan: UndoPlan } | { possible: false; reason: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function asRows(v: unknown): OffsetRow[] | null {
  if (!Array.isArray(v)) return null;
  const rows: OffsetRow[] = [];
  for (const r of v) {
    const o = r as Partial<OffsetRow> | null;
    if (!o || typeof o.topic !== 'string' || typeof o.partition !== 'number' || !(o.offset === null || typeof o.offset === 'string')) return null;
    rows.push({ topic: o.topic, partition: o.partition, offset: o.offset });
  }
  return rows;
}

export function describeConfigState(s: Pick<ConfigState, 'value' | 'isOverride' | 'sensitive'>): string {
  if (!s.isOverride) return 'not overridden';
  if (s.sensitive) return 'overridden (sensitive value)';
  return `overridden with ${s.value === null ? 'no value' : JSON.stringify(s.value)}`;
}

function offsetCli(bootstrap: string, group: string, writes: OffsetRow[]): string[] {
  const byTarget = new Map<string, { topic: string; offset: string | null; partitions: number[] }>();
  for (const w of writes) {
    const k = `${w.topic}\u0000${w.offset ?? ''}`;
    const t = byTarget.get(k) ?? { topic: w.topic, offset: w.offset, partitions: [] };
    t.partitions.push(w.partition);
    byTarget.set(k, t);
  }
  return [...byTarget.values()].map((t) => {
    const parts = [...t.partitions].sort((a, b) => a - b);
    return t.offset === null ? cli.deleteOffsets(bootstrap, group, t.topic, parts) : cli.resetOffsetsTo(bootstrap, group, t.topic, parts, t.offset);
  });
}

/** Whether an entry can be undone, and if so exactly what the undo writes. */
export function planUndo(e: AuditEntry, bootstrap: string, connect: Record<string, CurlTarget> = {}, registry?: RegistryTarget): UndoCheck {
  const no = (reason: string): UndoCheck => ({ possible: false, reason });
  if (e.undoOf) return no('This entry is itself an undo; to make the change again, make it again where it was made');
  const type = CONFIG_ACTIONS[e.action];
  const undoable = [OFFSET_ACTIONS, ACL_ACTIONS, QUOTA_ACTIONS, CONNECTOR_CONFIG_ACTIONS, COMPATIBILITY_ACTIONS].some((set) => set.has(e.action));
  if (!type && !undoable)
    return no(
      `${e.action} cannot be undone here: only config changes, offset resets, ACL changes, quota changes, connector config edits and compatibility changes record the state before them`,
    );
  if (!e.result.ok) return no(`This ${e.action} failed (status ${e.result.status}), so it changed nothing`);
  if (!e.cluster) return no('The entry names no cluster');
  const params = e.params ?? {};

  if (type) {
    const resourceName = str(params[type]);
    const before = e.before as (Partial<ConfigState> & { config?: string }) | undefined;
    const after = e.after as (Partial<ConfigState> & { config?: string }) | undefined;
    const config = str(params.name) ?? before?.config;
    if (!resourceName || !config) return no('The entry does not say which config it changed');
    if (!after) return no('This was a check only (validateOnly): nothing was changed');
    if (!before) return no(`The entry does not hold ${config}'s state before the change`);
    const expected: ConfigState = {
      value: after.value ?? null,
      isOverride: after.isOverride === true,
      sensitive: after.sensitive === true || before.sensitive === true,
    };
    const entity = { type: type === 'topic' ? ('topics' as const) : ('brokers' as const), name: resourceName };
    const where = `${type} ${resourceName}`;
    if (before.isOverride) {
      if (before.sensitive || before.value === null || before.value === undefined) {
        return no(
          `${config} was overridden with a sensitive value before this change; Kafka never reveals it, so the trail does not hold it. Set it again by hand`,
        );
      }
      const value = before.value;
      return {
        possible: true,
        plan: {
          kind: 'config',
          cluster: e.cluster,
          resourceType: type,
          resourceName,
          config,
          op: 'set',
          value,
          expected,
          summary: `Set ${config} on ${where} back to ${JSON.stringify(value)}`,
          cli: [cli.setConfig(bootstrap, entity, config, value)],
        },
      };
    }
    if (!expected.isOverride) return no(`${config} was not overridden before or after this change: there is nothing to undo`);
    return {
      possible: true,
      plan: {
        kind: 'config',
        cluster: e.cluster,
        resourceType: type,
        resourceName,
        config,
        op: 'delete',
        value: null,
        expected,
        summary: `Remove the override of ${config} on ${where} (it had none before), so it falls back to its ${type === 'topic' ? 'broker or default' : 'static or default'} value`,
        cli: [cli.deleteConfig(bootstrap, entity, config)],
      },
    };
  }

  if (ACL_ACTIONS.has(e.action)) return planAclUndo(e, e.cluster, bootstrap);
  if (QUOTA_ACTIONS.has(e.action)) return planQuotaUndo(e, e.cluster, bootstrap);
  if (CONNECTOR_CONFIG_ACTIONS.has(e.action)) return planConnectorConfigUndo(e, e.cluster, connect);
  if (COMPATIBILITY_ACTIONS.has(e.action)) return planCompatibilityUndo(e, e.cluster, registry);

  const group = str(params.group);
  const writes = asRows(e.before);
  const expected = asRows(e.after);
  if (!group) return no('The entry does not say which group it changed');
  if (!writes || !expected || writes.length === 0) return no('The entry does not hold the offsets before the reset');
  const shown = writes.slice(0, 5).map((w) => `${w.topic}-${w.partition} → ${w.offset ?? 'no offset'}`);
  const more = writes.length > shown.length ? ` and ${writes.length - shown.length} more` : '';
  if (SHARE_ACTIONS.has(e.action)) {
    return {
      possible: true,
      plan: {
        kind: 'offsets',
        share: true,
        cluster: e.cluster,
        group,
        writes,
        expected,
        summary: `Set share group ${group}'s previous start offsets again: ${shown.join(', ')}${more}`,
        cli: shareWritesCli(bootstrap, group, writes),
      },
    };
  }
  return {
    possible: true,
    plan: {
      kind: 'offsets',
      cluster: e.cluster,
      group,
      writes,
      expected,
      summary: `Commit group ${group}'s previous offsets again: ${shown.join(', ')}${more}`,
      cli: offsetCli(bootstrap, group, writes),
    },
  };
}

function asBindings(v: unknown): AclBinding[] | null {
  const r = z.array(aclBinding).safeParse(v);
  return r.success ? r.data : null;
}

/** createAcls is undone by deleting what it created; deleteAcls by creating again what it deleted. */
function planAclUndo(e: AuditEntry, cluster: string, bootstrap: string): UndoCheck {
  const created = e.action === 'createAcls';
  const bindings = asBindings(created ? e.after : e.before);
  if (!bindings) return { possible: false, reason: `The entry does not hold the bindings it ${created ? 'created' : 'deleted'}` };
  if (bindings.length === 0) return { possible: false, reason: `This change ${created ? 'created' : 'deleted'} no binding: there is nothing to undo` };
  return {
    possible: true,
    plan: {
      kind: 'acls',
      cluster,
      op: created ? 'delete' : 'create',
      bindings,
      summary: created
        ? `Delete the ${bindings.length} ACL binding(s) this change created`
        : `Create again the ${bindings.length} ACL binding(s) this change deleted`,
      cli: aclCommands(bindings, created ? 'remove' : 'add', bootstrap),
    },
  };
}

/** alterQuota is undone by writing the values before back and removing the keys it added. */
function planQuotaUndo(e: AuditEntry, cluster: string, bootstrap: string): UndoCheck {
  const entity = quotaEntity.safeParse((e.params?.body as { entity?: unknown } | undefined)?.entity);
  const before = quotaValues.safeParse(e.before);
  const after = quotaValues.safeParse(e.after);
  if (!entity.success) return { possible: false, reason: 'The entry does not say which entity it changed' };
  if (e.after === undefined || e.after === null) return { possible: false, reason: 'This was a check only (validateOnly): nothing was changed' };
  if (!before.success || !after.success) return { possible: false, reason: 'The entry does not hold the quotas before and after the change' };
  const set = before.data;
  const remove = (Object.keys(after.data) as QuotaKey[]).filter((k) => set[k] === undefined);
  if (Object.keys(set).every((k) => set[k as QuotaKey] === after.data[k as QuotaKey]) && remove.length === 0)
    return { possible: false, reason: 'The quotas were the same before and after this change: there is nothing to undo' };
  return {
    possible: true,
    plan: {
      kind: 'quota',
      cluster,
      entity: entity.data,
      set,
      remove,
      expected: after.data,
      summary: `Write back the quotas of ${describeQuotaEntity(entity.data)} as they were before`,
      cli: [quotaCommand(bootstrap, entity.data, set, remove)],
    },
  };
}

const stringRecord = z.record(z.string(), z.string());

/** A compatibility change is undone by setting the level before again, or removing the subject's own level when it had none. */
function planCompatibilityUndo(e: AuditEntry, cluster: string, registry: RegistryTarget | undefined): UndoCheck {
  const subject = e.action === 'setSubjectCompatibility' ? str(e.params?.subject) : null;
  if (subject === undefined) return { possible: false, reason: 'The entry does not say which subject it changed' };
  const before = compatibilityLevel.nullable().safeParse(e.before);
  const after = compatibilityLevel.safeParse(e.after);
  if (!before.success || !after.success) return { possible: false, reason: 'The entry does not hold the compatibility level before and after the change' };
  if (before.data === after.data) return { possible: false, reason: `The level was ${after.data} before and after this change: there is nothing to undo` };
  if (before.data === null && subject === null) return { possible: false, reason: 'The registry had no global level before this change to set back' };
  const target = registry ?? { url: '$SCHEMA_REGISTRY_URL/', auth: null, username: null };
  const what = subject === null ? 'the global compatibility level' : `the compatibility level of subject ${subject}`;
  return {
    possible: true,
    plan: {
      kind: 'compatibility',
      cluster,
      subject,
      op: before.data === null ? 'delete' : 'set',
      level: before.data,
      expected: after.data,
      summary:
        before.data === null
          ? `Remove ${what} (${after.data}), so it uses the global level again as before`
          : `Set ${what} back from ${after.data} to ${before.data}`,
      cli: [
        before.data === null
          ? registryCurl(target, 'DELETE', `config/${encodeURIComponent(subject as string)}`)
          : curlFor.setCompatibility(target, subject, before.data),
      ],
    },
  };
}

/** updateConnectorConfig is undone by writing the config before back (secrets, masked in the trail, keep their current values). */
function planConnectorConfigUndo(e: AuditEntry, cluster: string, targets: Record<string, CurlTarget>): UndoCheck {
  const connect = str(e.params?.connect);
  const connector = str(e.params?.connector);
  const before = stringRecord.safeParse(e.before);
  const after = stringRecord.safeParse(e.after);
  if (!connect || !connector) return { possible: false, reason: 'The entry does not say which connector it changed' };
  if (!before.success || !after.success) return { possible: false, reason: "The entry does not hold the connector's config before and after the change" };
  const diff = configDiff(after.data, before.data);
  if (diff.length === 0) return { possible: false, reason: 'The config was the same before and after this change: there is nothing to undo' };
  const target = targets[connect] ?? { url: '$CONNECT_URL', basicAuth: false };
  return {
    possible: true,
    plan: {
      kind: 'connector-config',
      cluster,
      connect,
      connector,
      config: before.data,
      expected: after.data,
      summary: `Write back the config of connector ${connector} on Connect cluster ${connect} as it was before (${diff.map((d) => d.key).join(', ')})`,
      cli: [connectCurl.config(target, connector, before.data)],
    },
  };
}

function describeQuotaEntity(e: QuotaEntity): string {
  const name = (v: string | null | undefined) => (v === null ? '(default)' : v);
  return [e.user !== undefined && `user ${name(e.user)}`, e.clientId !== undefined && `client ${name(e.clientId)}`, e.ip !== undefined && `IP ${name(e.ip)}`]
    .filter(Boolean)
    .join(' + ');
}

/** Why the entity's quotas are no longer the ones the change left (null: they are, the undo may go ahead). */
export function quotaChangedSince(plan: Extract<UndoPlan, { kind: 'quota' }>, current: QuotaValues): string | null {
  const keys = new Set([...Object.keys(plan.expected), ...Object.keys(current)]) as Set<QuotaKey>;
  const differ = [...keys].filter((k) => plan.expected[k] !== current[k]);
  if (differ.length === 0) return null;
  return `The quotas of ${describeQuotaEntity(plan.entity)} were changed again since (${differ.map((k) => `${k} is ${current[k] ?? 'not set'}, not ${plan.expected[k] ?? 'not set'}`).join('; ')}): undo the later change first, or edit them by hand`;
}

/** Why the config no longer looks the way the entry left it (null: it does, the undo may go ahead). */
export function configChangedSince(plan: Extract<UndoPlan, { kind: 'config' }>, current: ConfigState | null): string | null {
  const now = current ?? { value: null, isOverride: false, sensitive: false };
  const same =
    now.isOverride === plan.expected.isOverride && (!now.isOverride || now.sensitive || plan.expected.sensitive || now.value === plan.expected.value);
  if (same) return null;
  return `${plan.config} on ${plan.resourceType} ${plan.resourceName} is now ${describeConfigState(now)}, not ${describeConfigState(plan.expected)} as this change left it: it was changed again since. Undo the later change first, or edit it by hand`;
}

/** Which partitions' committed offsets moved since the reset (null: none, the undo may go ahead). */
export function offsetsChangedSince(plan: Extract<UndoPlan, { kind: 'offsets' }>, current: Map<string, string | null>): string | null {
  const moved = plan.expected.filter((r) => (current.get(`${r.topic}:${r.partition}`) ?? null) !== r.offset);
  if (moved.length === 0) return null;
  const list = moved
    .slice(0, 5)
    .map((r) => `${r.topic}-${r.partition} is at ${current.get(`${r.topic}:${r.partition}`) ?? 'no offset'}, not ${r.offset ?? 'no offset'}`)
    .join('; ');
  if (plan.share)
    return `Share group ${plan.group}'s start offsets moved since this change (${list}${moved.length > 5 ? `; ${moved.length - 5} more` : ''}): its consumers acknowledged records since, and undoing now would deliver them again. Reset the start offsets by hand instead`;
  return `Group ${plan.group} committed other offsets since this reset (${list}${moved.length > 5 ? `; ${moved.length - 5} more` : ''}): undoing now would discard that progress. Reset the offsets by hand instead`;
}
