import { op } from '../operation';
import { accessQuery, accessResponse, loggedOut, loginBody, me, oidcCallbackQuery, oidcStartQuery } from '@/lib/schemas/auth';

/** Sign-in, sign-out and who am I. OIDC's redirect endpoints are plain routes (browser navigations, not JSON). */

export const login = op({
  id: 'login',
  permission: 'public',
  method: 'post',
  path: '/api/auth/login',
  tag: 'Auth',
  summary: "Sign in with a local user's name and password; sets the session cookie",
  body: loginBody,
  response: me,
  errors: {
    401: 'Wrong user name or password (the same answer for both)',
    404: 'Local users are not configured',
    429: 'Too many failed attempts; wait a minute',
  },
});

export const logout = op({
  id: 'logout',
  permission: 'public',
  method: 'post',
  path: '/api/auth/logout',
  tag: 'Auth',
  summary: 'Sign out: clears the session cookie',
  response: loggedOut,
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
  query: oidcStartQuery,
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
  query: oidcCallbackQuery,
  successStatus: 302,
  errors: { 404: 'Single sign-on is not configured (auth.oidc)' },
});

export const getAccess = op({
  id: 'getAccess',
  permission: 'access:view',
  method: 'get',
  path: '/api/auth/access',
  tag: 'Auth',
  summary: "Who gets which role: the OIDC claim mapping, local users' grants and the latest sign-ins with the claim values that decided them",
  query: accessQuery,
  response: accessResponse,
});
