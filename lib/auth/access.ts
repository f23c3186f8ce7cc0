import 'server-only';
import { auditFile } from '@/lib/audit/log';
import type { ConsoleConfig } from '@/lib/config';
import type { AccessReport } from '@/lib/schemas/auth';
import { parseGrant } from './roles';
import { recentSignIns } from './sign-ins';

/**
 * Who may do what, for the admin's access page: the OIDC claim mapping, the local users
 * and their grants, and the latest sign-ins with the claim values that decided them.
 * Built from the config by picking fields, so password hashes and secrets cannot leak.
 */
export async function accessReport(config: ConsoleConfig, limit: number): Promise<AccessReport> {
  const oidc = config.auth.oidc;
  return {
    mode: config.auth.mode,
    oidc: oidc
      ? {
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          label: oidc.label,
          rolesClaim: oidc.rolesClaim,
          usernameClaim: oidc.usernameClaim,
          roleMapping: Object.entries(oidc.roleMapping).map(([value, grants]) => ({ value, grants: grants.map(parseGrant) })),
          defaultRoles: oidc.defaultRoles.map(parseGrant),
        }
      : null,
    users: config.auth.users.map((u) => ({ username: u.username, grants: u.roles.map(parseGrant) })),
    signIns: await recentSignIns(auditFile(), limit),
  };
}
