import { cli } from '@/lib/cli-commands';
import type { AuditEntry, OffsetRow, UndoPlan } from '@/lib/schemas/audit';
import type { ConfigState } from '@/lib/schemas/configs';

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
const OFFSET_ACTIONS = new Set(['executeResetOffsets']);

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
export function planUndo(e: AuditEntry, bootstrap: string): UndoCheck {
  const no = (reason: string): UndoCheck => ({ possible: false, reason });
  if (e.undoOf) return no('This entry is itself an undo; to make the change again, make it again where it was made');
  const type = CONFIG_ACTIONS[e.action];
  if (!type && !OFFSET_ACTIONS.has(e.action))
    return no(`${e.action} cannot be undone here: only config changes and offset resets record the state before them`);
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

  const group = str(params.group);
  const writes = asRows(e.before);
  const expected = asRows(e.after);
  if (!group) return no('The entry does not say which group it changed');
  if (!writes || !expected || writes.length === 0) return no('The entry does not hold the offsets before the reset');
  const shown = writes.slice(0, 5).map((w) => `${w.topic}-${w.partition} → ${w.offset ?? 'no offset'}`);
  const more = writes.length > shown.length ? ` and ${writes.length - shown.length} more` : '';
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
  return `Group ${plan.group} committed other offsets since this reset (${list}${moved.length > 5 ? `; ${moved.length - 5} more` : ''}): undoing now would discard that progress. Reset the offsets by hand instead`;
}
