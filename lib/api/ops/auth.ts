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
