import { expect, test, type Page } from '@playwright/test';
import { OIDC_TEST_LABEL, oidcTestIssuer, oidcTestUser } from '../support/oidc-test-users';

/**
 * Single sign-on in Chromium through a real OpenID Connect provider (its own sign-in
 * page), started with the console by the test orchestrator: see e2e/support/oidc-provider.ts.
 */
const issuer = oidcTestIssuer();
test.skip(!issuer, 'needs a test identity provider: OIDC_TEST_ISSUER and OIDC_TEST_USERS (see e2e/support/oidc-provider.ts)');
// Start signed out, whatever the other specs use.
test.use({ storageState: { cookies: [], origins: [] } });

async function signInAtProvider(page: Page, username: string) {
  await expect(page).toHaveURL((u) => u.href.startsWith(`${issuer}/interaction/`));
  const { password } = oidcTestUser(username);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('signs in through the identity provider and lands on the page asked for, with the role its groups map to', async ({ page }) => {
  await page.goto('/login?next=%2Faccess');
  await page.getByRole('link', { name: OIDC_TEST_LABEL }).click();
  await signInAtProvider(page, 'alice');
  await expect(page).toHaveURL((u) => u.pathname === '/access');
  await expect(page.getByTestId('my-access')).toContainText('alice');
  await expect(page.getByTestId('my-access')).toContainText('single sign-on');
  const mapping = page.getByTestId('my-mapping');
  await expect(mapping).toContainText('groups');
  await expect(mapping).toContainText('kafka-admins');
  // The admin's access page lists this very sign-in, with the claim values and the role they gave.
  const row = page.getByTestId('sign-in-row').filter({ hasText: 'alice' }).first();
  await expect(row).toContainText('signed in');
  await expect(row).toContainText('kafka-admins');
  await expect(row.getByTestId('sign-in-roles')).toHaveText('admin@*');
  // The session works for the API too, and the browser never sees a token.
  const who = await page.request.get('/api/auth/me');
  expect(await who.json()).toMatchObject({ user: 'alice', via: 'oidc', grants: [{ role: 'admin', cluster: '*' }] });
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'kc_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(cookies.find((c) => c.name === 'kc_oidc')).toBeUndefined();
});

test('a user none of whose groups maps to a role is refused and told why, with no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: OIDC_TEST_LABEL }).click();
  await signInAtProvider(page, 'mallory');
  await expect(page).toHaveURL((u) => u.pathname === '/login' && u.searchParams.get('error') === 'no_roles');
  await expect(page.getByRole('alert').filter({ hasText: 'none of your groups or roles' })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === 'kc_session')).toBeUndefined();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});
