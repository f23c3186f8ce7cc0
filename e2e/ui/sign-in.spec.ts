import { expect, test } from '@playwright/test';

/** A local user signs in and out; every page needs a session. Starts from a browser with no cookies. */
test.use({ storageState: { cookies: [], origins: [] } });

const viewer = () => {
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as { username: string; password: string }[];
  return users.find((u) => u.username === 'viewer')!;
};

test('a page asks for sign-in, a wrong password is refused, the right one opens the page, sign-out ends the session', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/clusters/local/topics');
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters%2Flocal%2Ftopics$/);

  const u = viewer();
  await page.getByLabel('User name', { exact: true }).fill(u.username);
  await page.getByLabel('Password', { exact: true }).fill(`${u.password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#sign-in-error')).toHaveText('Wrong user name or password');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Password', { exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/clusters\/local\/topics$/);
  await expect(page.getByTestId('signed-in-user')).toHaveText('viewer');
  await expect(page.getByText('viewer on this cluster')).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'kc_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/clusters/local');
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(violations).toEqual([]);
});

test('the API refuses a browser without a session, and pages carry the security headers', async ({ page, request }) => {
  const api = await request.get('/api/clusters/local/topics', { headers: { cookie: '' } });
  expect(api.status()).toBe(401);
  expect(api.headers()['cache-control']).toBe('no-store');
  const res = await page.goto('/login');
  const headers = res!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
});
