/**
 * What a browser test needs to know about the test identity provider started by
 * e2e/support/oidc-provider.ts, passed in the environment: its issuer and its accounts.
 */
export const OIDC_TEST_LABEL = 'Sign in with the test IdP';

export function oidcTestIssuer(): string | undefined {
  return process.env.OIDC_TEST_ISSUER || undefined;
}

export function oidcTestUser(username: string): { username: string; password: string } {
  const users = JSON.parse(process.env.OIDC_TEST_USERS ?? '[]') as { username: string; password: string }[];
  const u = users.find((x) => x.username === username);
  if (!u) throw new Error(`no OIDC test account ${username} (OIDC_TEST_USERS)`);
  return u;
}
