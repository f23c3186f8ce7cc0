import { z } from 'zod';
import { op } from '../operation';

/** Sign-in, sign-out and who am I. OIDC's redirect endpoints are plain routes (browser navigations, not JSON). */

const grant = z.object({ role: z.enum(['viewer', 'operator', 'admin']), cluster: z.string(), topicPrefix: z.string().optional(), groupPrefix: z.string().optional() });

export const me = z.object({
  user: z.string(),
  via: z.enum(['local', 'oidc', 'none']),
  grants: z.array(grant),
  mapping: z
    .object({ claim: z.string(), values: z.array(z.string()), matched: z.array(z.object({ value: z.string(), grants: z.array(grant) })) })
    .optional()
    .describe('OIDC only: the claim read, its values, and which values gave which grants'),
  expiresAt: z.string().describe('When the session ends at the latest (absolute expiry)'),
});

export const login = op({
  id: 'login',
  permission: 'public',
  method: 'post',
  path: '/api/auth/login',
  tag: 'Auth',
  summary: 'Sign in with a local user\'s name and password; sets the session cookie',
  body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
  response: me,
  errors: { 401: 'Wrong user name or password (the same answer for both)', 404: 'Local users are not configured', 429: 'Too many failed attempts; wait a minute' },
});

export const logout = op({
  id: 'logout',
  permission: 'public',
  method: 'post',
  path: '/api/auth/logout',
  tag: 'Auth',
  summary: 'Sign out: clears the session cookie',
  response: z.object({ ok: z.literal(true) }),
});

export const getMe = op({
  id: 'getMe',
  permission: 'signed-in',
  method: 'get',
  path: '/api/auth/me',
  tag: 'Auth',
  summary: 'The signed-in user, how they signed in, and their grants',
  response: me,
  errors: { 401: 'Not signed in' },
});

export const oidcStart = op({
  id: 'oidcStart',
  permission: 'public',
  method: 'get',
  path: '/api/auth/oidc/start',
  tag: 'Auth',
  summary: 'Single sign-on: redirects the browser to the OpenID Connect provider (authorization code flow with PKCE)',
  query: z.object({
    next: z.string().max(2048).optional().describe('A path on this console to return to after sign-in; anything else (another site) is ignored and "/" is used'),
  }),
  successStatus: 302,
  errors: { 404: 'Single sign-on is not configured (auth.oidc)' },
});

export const oidcCallback = op({
  id: 'oidcCallback',
  permission: 'public',
  method: 'get',
  path: '/api/auth/oidc/callback',
  tag: 'Auth',
  summary: 'Single sign-on: where the provider sends the browser back; sets the session cookie and redirects to the page asked for, or to /login?error=CODE',
  query: z.object({
    code: z.string().max(4096).optional().describe('Authorization code'),
    state: z.string().max(512).optional(),
    iss: z.string().max(2048).optional().describe('The issuer (RFC 9207), checked when present'),
    error: z.string().max(256).optional().describe('OAuth error code when the provider did not sign the user in'),
    error_description: z.string().max(2048).optional(),
    session_state: z.string().max(512).optional(),
  }),
  successStatus: 302,
  errors: { 404: 'Single sign-on is not configured (auth.oidc)' },
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
  matched: z.array(z.object({ value: z.string(), grants: z.array(z.string()) })).optional().describe('OIDC: which values gave which grants'),
});

export const accessResponse = z.object({
  mode: z.enum(['signin', 'none']),
  oidc: z
    .object({
      issuer: z.string(),
      clientId: z.string(),
      label: z.string(),
      rolesClaim: z.string().describe('Dotted path of the claim whose values are mapped'),
      usernameClaim: z.string(),
      roleMapping: z.array(mappingEntry).describe('Claim value → grants; a value named like a role (viewer, operator, admin) also gives that role on every cluster'),
      defaultRoles: z.array(grant).describe('Grants every OIDC user gets'),
    })
    .nullable(),
  users: z.array(z.object({ username: z.string(), grants: z.array(grant) })).describe('Local users (no password hashes)'),
  signIns: z.array(signIn).describe('The latest sign-ins from the audit file, newest first'),
});

export const getAccess = op({
  id: 'getAccess',
  permission: 'access:view',
  method: 'get',
  path: '/api/auth/access',
  tag: 'Auth',
  summary: 'Who gets which role: the OIDC claim mapping, local users\' grants and the latest sign-ins with the claim values that decided them',
  query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50).describe('How many recent sign-ins') }),
  response: accessResponse,
});
