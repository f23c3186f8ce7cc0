import { z } from 'zod';
import { confirmField } from './common';
import { alterConfigOutcome, configState } from './configs';
import { committedRow, resetOutcome } from './groups';
import { aclBinding, createAclsOutcome, deleteAclsOutcome } from './acls';
import { alterQuotaOutcome, QUOTA_KEYS, quotaEntity, quotaValues } from './quotas';
import { connectorChange } from './connect';
import { compatibilityLevel } from './schema-registry';

/** The audit trail: its filters (GET /api/audit and the page's URL), its entries, undo plans and outcomes. */

export const AUDIT_MAX_LIMIT = 500;

const text = (max: number) => z.string().trim().min(1).max(max);

export const auditQuery = z
  .object({
    user: text(200).optional().describe('Exactly this user name'),
    action: text(100).optional().describe('Exactly this action (an operation id such as setTopicConfig, or login / logout)'),
    cluster: text(64).optional().describe('Exactly this cluster id'),
    resource: text(300).optional().describe('Part of the resource name (topic, group, "topic orders", "broker 1"), any case'),
    result: z.enum(['ok', 'failed']).optional().describe('ok: status below 400; failed: refused or failed'),
    since: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time (ISO 8601)'),
    until: z.iso.datetime({ offset: true }).optional().describe('Entries at or before this time (ISO 8601)'),
    limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(100).describe(`At most this many entries, newest first (max ${AUDIT_MAX_LIMIT})`),
  })
  .refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), { message: 'since must not be after until', path: ['since'] });

export type AuditQuery = z.infer<typeof auditQuery>;
/** The audit page's filters, as they stand in its URL (every one optional). */
export type AuditFilters = Partial<AuditQuery>;

/** One audit entry as stored (file line or topic record) and as GET /api/audit returns it. */
export const auditEntry = z.object({
  id: z.string(),
  time: z.string(),
  actor: z.object({ user: z.string().nullable(), via: z.string().nullable(), roles: z.array(z.string()) }),
  action: z.string().describe('Operation id (setTopicConfig, executeResetOffsets, undoAuditEntry, ...) or login / logout'),
  method: z.string().optional(),
  path: z.string().optional(),
  cluster: z.string().optional(),
  resource: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional().describe('Path parameters and body; secrets and record contents replaced by "[redacted]"'),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  result: z.object({ status: z.number(), ok: z.boolean(), error: z.string().optional() }),
  ms: z.number().optional(),
  undoOf: z.string().optional().describe('The entry this one undid'),
  ip: z.string().optional(),
});

/** What undoing an entry writes, the state it expects to find, and the equivalent CLI commands. */
export const undoPlan = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('config'),
    cluster: z.string(),
    resourceType: z.enum(['topic', 'broker']),
    resourceName: z.string(),
    config: z.string(),
    op: z.enum(['set', 'delete']).describe('set: write `value` back as an override; delete: remove the override (there was none before)'),
    value: z.string().nullable(),
    expected: configState,
    summary: z.string(),
    cli: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('offsets'),
    share: z.boolean().optional().describe("A share group's start offsets (AlterShareGroupOffsets) rather than committed offsets"),
    cluster: z.string(),
    group: z.string(),
    writes: z.array(committedRow).describe("The offsets to commit again; null removes the partition's offset (it had none before)"),
    expected: z.array(committedRow),
    summary: z.string(),
    cli: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('acls'),
    cluster: z.string(),
    op: z.enum(['create', 'delete']).describe('delete: remove the bindings the change created; create: create again the bindings it deleted'),
    bindings: z.array(aclBinding),
    summary: z.string(),
    cli: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('quota'),
    cluster: z.string(),
    entity: quotaEntity,
    set: quotaValues.describe('The values before the change, written back'),
    remove: z.array(z.enum(QUOTA_KEYS)).describe('Keys the change added, removed again'),
    expected: quotaValues.describe('The values the change left: the undo is refused when the entity has others now'),
    summary: z.string(),
    cli: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('connector-config'),
    cluster: z.string(),
    connect: z.string(),
    connector: z.string(),
    config: z.record(z.string(), z.string()).describe('The config before the change, written back (masked secrets keep their current value)'),
    expected: z.record(z.string(), z.string()).describe('The config the change left (secrets masked): the undo is refused when the connector has another now'),
    summary: z.string(),
    cli: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('compatibility'),
    cluster: z.string(),
    subject: z.string().nullable().describe("null: the registry's global level"),
    op: z.enum(['set', 'delete']).describe("set: write `level` back; delete: remove the subject's own level (it had none, and used the global one)"),
    level: compatibilityLevel.nullable(),
    expected: compatibilityLevel.describe('The level the change left: the undo is refused when the registry shows another now'),
    summary: z.string(),
    cli: z.array(z.string()),
  }),
]);

export const compatibilityUndone = z.object({
  subject: z.string().nullable(),
  before: compatibilityLevel.nullable(),
  after: compatibilityLevel.nullable().describe('null: the subject has no level of its own any more'),
});

export const undoStatus = z.object({
  possible: z.boolean(),
  reason: z.string().nullable().describe('Why it cannot be undone (by this user)'),
  undoneBy: z
    .object({ id: z.string(), user: z.string().nullable(), time: z.string() })
    .nullable()
    .describe('The successful undo of this entry, when there was one'),
  plan: undoPlan.nullable().describe('Exactly what an undo writes, and the equivalent CLI commands'),
});

export const auditRow = auditEntry.extend({ undo: undoStatus });

export const auditPage = z.object({
  entries: z.array(auditRow),
  more: z.boolean().describe('More entries matched than limit'),
  source: z.enum(['file', 'topic']),
  window: z.string().describe('What was searched ("the last 8 MiB of the audit file")'),
  complete: z.boolean().describe('False when older entries exist beyond the window and were not searched'),
});

export const undoParams = z.object({ id: z.uuid().describe('The audit entry to undo') });
export const undoBody = z.object({ confirm: confirmField.describe("The entry's id, to confirm") });

const undone = z.object({
  undoOf: z.string(),
  action: z.string().describe("The undone entry's action"),
  cluster: z.string(),
  resource: z.string().nullable(),
  summary: z.string(),
  cli: z.array(z.string()),
});

export const undoOutcome = z.discriminatedUnion('kind', [
  undone.extend({ kind: z.literal('config'), outcome: alterConfigOutcome.describe('What the undone operation returns: the config change') }),
  undone.extend({ kind: z.literal('offsets'), outcome: resetOutcome.describe('What the undone operation returns: the committed and previous offsets') }),
  undone.extend({ kind: z.literal('acls'), outcome: z.union([createAclsOutcome, deleteAclsOutcome]).describe('The ACLs created again, or deleted') }),
  undone.extend({ kind: z.literal('quota'), outcome: alterQuotaOutcome.describe('The quotas before and after the undo') }),
  undone.extend({ kind: z.literal('connector-config'), outcome: connectorChange.describe("The connector's config before and after the undo") }),
  undone.extend({ kind: z.literal('compatibility'), outcome: compatibilityUndone.describe('The compatibility level before and after the undo') }),
]);

export type AuditEntry = z.infer<typeof auditEntry>;
export type UndoPlan = z.infer<typeof undoPlan>;
export type OffsetRow = z.infer<typeof committedRow>;
export type UndoStatus = z.infer<typeof undoStatus>;
export type AuditRow = z.infer<typeof auditRow>;
export type AuditPage = z.infer<typeof auditPage>;
export type UndoOutcome = z.infer<typeof undoOutcome>;
