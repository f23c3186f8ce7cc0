import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

/** Sign-in, the signed-in user, and the access page: what the API takes and answers. */

/** A role on one cluster (or "*"), optionally narrowed to topics and/or groups whose names start with a prefix. */
export const grant = z.object({ role: z.enum(ROLES), cluster: z.string(), topicPrefix: z.string().optional(), groupPrefix: z.string().optional() });

/** OIDC: the claim read, its values (matched ones first, at most MAX_RECORDED_VALUES) and which values gave which grants. */
export const claimMapping = z.object({
  claim: z.string(),
  values: z.array(z.string()),
  matched: z.array(z.object({ value: z.string(), grants: z.array(grant) })),
});

export const me = z.object({
  user: z.string(),
  via: z.enum(['local', 'oidc', 'none']),
  grants: z.array(grant),
  mapping: claimMapping.optional().describe('OIDC only: the claim read, its values, and which values gave which grants'),
  expiresAt: z.string().describe('When the session ends at the latest (absolute expiry)'),
});

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

export const oidcStartQuery = z.object({
  next: z.string().max(2048).optional().describe('A path on this console to return to after sign-in; anything else (another site) is ignored and "/" is used'),
});

export const oidcCallbackQuery = z.object({
  code: z.string().max(4096).optional().describe('Authorization code'),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional().describe('The issuer (RFC 9207), checked when present'),
  error: z.string().max(256).optional().describe('OAuth error code when the provider did not sign the user in'),
  error_description: z.string().max(2048).optional(),
  session_state: z.string().max(512).optional(),
});

const mappingEntry = z.object({ value: z.string().describe('A value of the roles claim (an IdP group or role)'), grants: z.array(grant) });

export const signIn = z.object({
  time: z.string(),
  user: z.string().nullable(),
  via: z.string().nullable(),
  ok: z.boolean(),
  status: z.number().int(),
  error: z.string().optional().describe('Why the sign-in was refused'),
  roles: z.array(z.string()).describe('The grants the session got (admin@*, operator@local topics:team-a.*)'),
  ip: z.string().optional(),
  claim: z.string().optional(),
  values: z.array(z.string()).optional().describe('OIDC: the values of the roles claim'),
  matched: z
    .array(z.object({ value: z.string(), grants: z.array(z.string()) }))
    .optional()
    .describe('OIDC: which values gave which grants'),
});

export const accessQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50).describe('How many recent sign-ins') });

export const accessResponse = z.object({
  mode: z.enum(['signin', 'none']),
  oidc: z
    .object({
      issuer: z.string(),
      clientId: z.string(),
      label: z.string(),
      rolesClaim: z.string().describe('Dotted path of the claim whose values are mapped'),
      usernameClaim: z.string(),
      roleMapping: z
        .array(mappingEntry)
        .describe('Claim value → grants; a value named like a role (viewer, operator, admin) also gives that role on every cluster'),
      defaultRoles: z.array(grant).describe('Grants every OIDC user gets'),
    })
    .nullable(),
  users: z.array(z.object({ username: z.string(), grants: z.array(grant) })).describe('Local users (no password hashes)'),
  signIns: z.array(signIn).describe('The latest sign-ins from the audit file, newest first'),
});

export const loggedOut = z.object({ ok: z.literal(true) });

export type Grant = z.infer<typeof grant>;
export type ClaimMapping = z.infer<typeof claimMapping>;
/** GET /api/auth/me: who is signed in, how, and what they may do. */
export type Me = z.infer<typeof me>;
export type AccessReport = z.infer<typeof accessResponse>;
export type SignIn = z.infer<typeof signIn>;
