/**
 * Why an OpenID Connect sign-in ended on /login?error=CODE, in words for the sign-in page.
 * The details (claim values, IdP error codes) go to the audit trail and the server log.
 */
export const OIDC_ERRORS = {
  no_roles: 'You signed in, but none of your groups or roles gives access to this console. Ask an administrator to map one of them.',
  oidc_failed: 'Single sign-on did not complete. Try again.',
  oidc_denied: 'The identity provider did not sign you in (the sign-in may have been cancelled).',
  oidc_expired: 'The sign-in took too long or was started in another browser window. Try again.',
  oidc_unavailable: 'The identity provider cannot be reached right now. Try again later, or ask an administrator.',
} as const;

export type OidcErrorCode = keyof typeof OIDC_ERRORS;
