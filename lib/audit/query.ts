import { z } from 'zod';
import type { AuditEntry } from './types';

/** The audit page's filters, as GET /api/audit takes them and the page keeps them in its URL. Pure. */
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

/** Whether an entry passes every filter that is set. */
export function matchesAudit(e: AuditEntry, q: Omit<AuditQuery, 'limit'>): boolean {
  if (q.user !== undefined && e.actor.user !== q.user) return false;
  if (q.action !== undefined && e.action !== q.action) return false;
  if (q.cluster !== undefined && e.cluster !== q.cluster) return false;
  if (q.resource !== undefined && !(e.resource ?? '').toLowerCase().includes(q.resource.toLowerCase())) return false;
  if (q.result === 'ok' && !e.result.ok) return false;
  if (q.result === 'failed' && e.result.ok) return false;
  const t = Date.parse(e.time);
  if (q.since !== undefined && !(t >= Date.parse(q.since))) return false;
  if (q.until !== undefined && !(t <= Date.parse(q.until))) return false;
  return true;
}

/** An entry read back from a file line or a topic record; null for anything that is not one. */
export function parseAuditEntry(text: string): AuditEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const e = v as Partial<AuditEntry>;
  if (typeof e.id !== 'string' || typeof e.time !== 'string' || typeof e.action !== 'string') return null;
  if (!e.actor || typeof e.actor !== 'object' || !e.result || typeof e.result !== 'object' || typeof e.result.status !== 'number') return null;
  return e as AuditEntry;
}
