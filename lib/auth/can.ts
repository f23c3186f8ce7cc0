import { allows, deniedReason, isWrite, type Grant, type Permission, type Target } from './roles';

/** Whether the UI offers an action, and if not, the words that say why (for a tooltip and screen readers). */
export type Decision = { allowed: true; reason: null } | { allowed: false; reason: string };

const ALLOWED: Decision = { allowed: true, reason: null };
const denied = (reason: string): Decision => ({ allowed: false, reason });

export interface Abilities {
  /** The signed-in user's grants; undefined while they are being read. */
  grants: Grant[] | undefined;
  /** Whether the target's cluster is read-only in this console; undefined while unknown. */
  readOnly: boolean | undefined;
}

/**
 * The API's checks, in the API's order (read-only cluster, then the grants), so the UI
 * disables exactly what the API would refuse. With `partial`, a grant narrowed to a
 * topic or group prefix counts while the target names none yet (a form before its name
 * is typed).
 */
export function decide(who: Abilities, p: Permission, t: Target, partial = false): Decision {
  if (isWrite(p) && t.cluster) {
    if (who.readOnly === undefined) return denied('Checking whether this cluster can be changed…');
    if (who.readOnly) return denied(`Cluster ${t.cluster} is read-only in this console`);
  }
  if (!who.grants) return denied('Checking your permissions…');
  return allows(who.grants, p, t, partial) ? ALLOWED : denied(deniedReason(p, t));
}
