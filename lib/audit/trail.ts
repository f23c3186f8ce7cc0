import 'server-only';
import { consoleConfig, type ConsoleConfig } from '@/lib/config';
import { ApiError } from '@/lib/errors';
import { allows, deniedReason, isWrite, type Grant, type Permission } from '@/lib/auth/roles';
import { operations } from '@/lib/api/ops';
import { matchesAudit } from './query';
import { describeWindow, scanAudit } from './store';
import { planUndo } from './undo-plan';
import type { AuditEntry, AuditPage, AuditQuery, AuditRow, UndoStatus } from '@/lib/schemas/audit';

type Undone = Map<string, UndoStatus['undoneBy']>;

/** The Connect clusters of a Kafka cluster as curl calls name them (URL, whether basic auth is needed). */
export function connectTargets(config: ConsoleConfig, cluster: string | undefined): Record<string, { url: string; basicAuth: boolean }> {
  const c = config.clusters.find((x) => x.id === cluster);
  return Object.fromEntries((c?.connect ?? []).map((k) => [k.name, { url: k.url, basicAuth: Boolean(k.basicAuth) }]));
}

/** The cluster's schema registry for the undo plans' curl commands (credentials as placeholders). */
export function registryTarget(
  config: ConsoleConfig,
  cluster: string | undefined,
): { url: string; auth: 'basic' | 'bearer' | null; username: string | null } | undefined {
  const r = config.clusters.find((x) => x.id === cluster)?.schemaRegistry;
  if (!r) return undefined;
  return {
    url: r.url.endsWith('/') ? r.url : `${r.url}/`,
    auth: r.basicAuth ? 'basic' : r.bearerToken ? 'bearer' : null,
    username: r.basicAuth?.username ?? null,
  };
}

function bootstrapOf(config: ConsoleConfig, cluster: string | undefined): string | null {
  const c = config.clusters.find((x) => x.id === cluster);
  return c ? c.bootstrapServers.join(',') : null;
}

/** The permission the entry's own operation needs, from the operation registry. */
function permissionOf(action: string): Permission | null {
  const p = operations.find((o) => o.id === action)?.permission;
  return p && p !== 'public' && p !== 'signed-in' ? p : null;
}

/**
 * Why this user may not undo this entry (null: they may): undoing needs the permission of
 * the operation that made the change, on the same cluster, topic or group, and a cluster
 * that is not read-only.
 */
export function undoDenied(config: ConsoleConfig, grants: Grant[], e: AuditEntry): string | null {
  const p = permissionOf(e.action);
  if (!p) return `${e.action} is not an operation the console can repeat`;
  const cluster = config.clusters.find((c) => c.id === e.cluster);
  if (!cluster) return `Cluster ${e.cluster ?? '(none)'} is no longer configured in this console`;
  if (isWrite(p) && cluster.readOnly) return `Cluster ${cluster.id} is read-only in this console: nobody may change it here`;
  const params = e.params ?? {};
  const target = {
    cluster: cluster.id,
    topic: typeof params.topic === 'string' ? params.topic : undefined,
    group: typeof params.group === 'string' ? params.group : undefined,
  };
  return allows(grants, p, target) ? null : deniedReason(p, target);
}

function statusOf(config: ConsoleConfig, grants: Grant[], e: AuditEntry, undone: Undone): UndoStatus {
  const undoneBy = undone.get(e.id) ?? null;
  if (undoneBy) return { possible: false, reason: `Already undone by ${undoneBy.user ?? 'someone'} at ${undoneBy.time}`, undoneBy, plan: null };
  const bootstrap = bootstrapOf(config, e.cluster) ?? '<bootstrap>';
  const check = planUndo(e, bootstrap, connectTargets(config, e.cluster), registryTarget(config, e.cluster));
  if (!check.possible) return { possible: false, reason: check.reason, undoneBy: null, plan: null };
  const denied = undoDenied(config, grants, e);
  return { possible: !denied, reason: denied, undoneBy: null, plan: check.plan };
}

/** Successful undos seen so far in a newest-first scan, by the id they undid (undos are newer than what they undo). */
function noteUndo(undone: Undone, e: AuditEntry): void {
  if (e.undoOf && e.result.ok && !undone.has(e.undoOf)) undone.set(e.undoOf, { id: e.id, user: e.actor.user, time: e.time });
}

/** GET /api/audit: the newest entries that pass the filters, each with what undoing it would do. */
export async function listAudit(q: AuditQuery, grants: Grant[]): Promise<AuditPage> {
  const config = consoleConfig();
  const undone: Undone = new Map();
  const entries: AuditRow[] = [];
  let more = false;
  const scan = await scanAudit((e) => {
    noteUndo(undone, e);
    if (!matchesAudit(e, q)) return true;
    if (entries.length === q.limit) {
      more = true;
      return false;
    }
    entries.push({ ...e, undo: statusOf(config, grants, e, undone) });
    return true;
  });
  return { entries, more, source: scan.source, window: describeWindow(scan), complete: scan.complete };
}

/** One entry by id, and who undid it (if anyone); 404 when it is not in the window read. */
export async function findAuditEntry(id: string): Promise<{ entry: AuditEntry; undoneBy: UndoStatus['undoneBy'] }> {
  const undone: Undone = new Map();
  let found: AuditEntry | null = null;
  const scan = await scanAudit((e) => {
    if (e.id === id) {
      found = e;
      return false;
    }
    noteUndo(undone, e);
    return true;
  });
  if (!found) throw new ApiError('not_found', `No audit entry ${id} in ${describeWindow(scan)}`);
  return { entry: found, undoneBy: undone.get(id) ?? null };
}
