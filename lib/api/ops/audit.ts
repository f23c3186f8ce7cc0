import { z } from 'zod';
import { confirmField, op } from '../operation';
import { configAudit } from './audit-state';
import { auditQuery } from '@/lib/audit/query';

/** The audit trail: read it back, and undo a config change or an offset reset from it. */

const entry = z.object({
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
  undo: z.object({
    possible: z.boolean(),
    reason: z.string().nullable().describe('Why it cannot be undone (by this user)'),
    undoneBy: z.object({ id: z.string(), user: z.string().nullable(), time: z.string() }).nullable(),
    plan: z
      .looseObject({ kind: z.enum(['config', 'offsets']), summary: z.string(), cli: z.array(z.string()) })
      .nullable()
      .describe('Exactly what an undo writes, and the equivalent CLI commands'),
  }),
});

export const listAudit = op({
  id: 'listAudit',
  permission: 'audit:view',
  method: 'get',
  path: '/api/audit',
  tag: 'Audit',
  summary:
    'Audit entries newest first, filtered; read from the audit topic when one is configured (shared by every console instance), else from the audit file; bounded to the newest part of either',
  query: auditQuery,
  response: z.object({
    entries: z.array(entry),
    more: z.boolean().describe('More entries matched than limit'),
    source: z.enum(['file', 'topic']),
    window: z.string().describe('What was searched ("the last 8 MiB of the audit file")'),
    complete: z.boolean().describe('False when older entries exist beyond the window and were not searched'),
  }),
  errors: { 503: 'The audit topic cannot be read' },
});

const undoResult = z.object({
  undoOf: z.string(),
  action: z.string(),
  cluster: z.string(),
  resource: z.string().nullable(),
  summary: z.string(),
  cli: z.array(z.string()),
  kind: z.enum(['config', 'offsets']),
  outcome: z.record(z.string(), z.unknown()).describe('What the undone operation returns (a config change, or the committed and previous offsets)'),
});

type UndoResult = z.infer<typeof undoResult>;

export const undoAuditEntry = op({
  id: 'undoAuditEntry',
  permission: 'audit:view',
  method: 'post',
  path: '/api/audit/{id}/undo',
  tag: 'Audit',
  summary:
    "Undo a config change (the previous value set again, or the override removed) or an offset reset (the previous offsets committed again) from its audit entry; needs the undone operation's permission too. The body confirms with the entry's id. The undo is audited with undoOf.",
  params: z.object({ id: z.uuid().describe('The audit entry to undo') }),
  body: z.object({ confirm: confirmField.describe("The entry's id, to confirm") }),
  confirm: ({ params }) => String(params.id),
  mutates: true,
  audit: (r) => {
    const u = r as UndoResult;
    const state = u.kind === 'config' ? configAudit(u.outcome) : { before: u.outcome.previous, after: u.outcome.committed };
    return { cluster: u.cluster, resource: u.resource ?? undefined, before: state.before, after: state.after, undoOf: u.undoOf };
  },
  response: undoResult,
  errors: {
    403: "Without audit:view, or without the undone operation's permission on its cluster, topic or group (or the cluster is read-only)",
    404: 'No such entry in the part of the trail that is read',
    409: 'Already undone; an entry that holds no before-state (a sensitive previous value, a failed or validate-only change); the state changed again since; or the group has active members',
    422: 'An offset to restore is outside the partition\'s current range (records deleted since)',
  },
});
