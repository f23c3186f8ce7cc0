import type { AuditEntry, AuditQuery } from '@/lib/schemas/audit';

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
