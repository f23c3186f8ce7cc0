import { op } from '../operation';
import { configAudit } from './audit-state';
import { auditPage, auditQuery, undoBody, undoOutcome, undoParams, type UndoOutcome } from '@/lib/schemas/audit';

/** The audit trail: read it back, and undo a config change or an offset reset from it. */

export const listAudit = op({
  id: 'listAudit',
  permission: 'audit:view',
  method: 'get',
  path: '/api/audit',
  tag: 'Audit',
  summary:
    'Audit entries newest first, filtered; read from the audit topic when one is configured (shared by every console instance), else from the audit file; bounded to the newest part of either',
  query: auditQuery,
  response: auditPage,
  errors: { 503: 'The audit topic cannot be read' },
});

export const undoAuditEntry = op({
  id: 'undoAuditEntry',
  permission: 'audit:view',
  method: 'post',
  path: '/api/audit/{id}/undo',
  tag: 'Audit',
  summary:
    "Undo a config change (the previous value set again, or the override removed), an offset reset (the previous offsets committed again), an ACL change (the created bindings deleted, the deleted ones created again) or a quota change (the previous values written back) from its audit entry; needs the undone operation's permission too. The body confirms with the entry's id. The undo is audited with undoOf.",
  params: undoParams,
  body: undoBody,
  confirm: ({ params }) => String(params.id),
  mutates: true,
  audit: (r) => {
    const u = r as UndoOutcome;
    const state =
      u.kind === 'config'
        ? configAudit(u.outcome)
        : u.kind === 'offsets'
          ? { before: u.outcome.previous, after: u.outcome.committed }
          : u.kind === 'quota'
            ? { before: u.outcome.before, after: u.outcome.after ?? undefined }
            : u.kind === 'connector-config' || u.kind === 'compatibility'
              ? { before: u.outcome.before, after: u.outcome.after ?? undefined }
              : 'created' in u.outcome
                ? { before: undefined, after: u.outcome.created.filter((c) => c.error === null).map((c) => c.binding) }
                : { before: u.outcome.deleted.filter((d) => d.deleted).map((d) => d.binding), after: undefined };
    return { cluster: u.cluster, resource: u.resource ?? undefined, before: state.before, after: state.after, undoOf: u.undoOf };
  },
  response: undoOutcome,
  errors: {
    403: "Without audit:view, or without the undone operation's permission on its cluster, topic or group (or the cluster is read-only)",
    404: 'No such entry in the part of the trail that is read',
    409: 'Already undone; an entry that holds no before-state (a sensitive previous value, a failed or validate-only change); the state changed again since; or the group has active members',
    422: "An offset to restore is outside the partition's current range (records deleted since)",
  },
});
