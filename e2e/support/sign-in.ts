/**
 * Signs a browser page in as one of the test users (e2e/support/test-env.ts) through the
 * real login route; the session cookie lands in the page's browser context.
 */
import type { Page } from '@playwright/test';

export type TestUser = 'admin' | 'operator' | 'viewer' | 'team-a';

export function testPassword(user: TestUser): string {
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as { username: string; password: string }[];
  const found = users.find((u) => u.username === user);
  if (!found) throw new Error(`test user ${user} is not in KAFKA_TEST_USERS: run the browser tests through npm test or source the test environment`);
  return found.password;
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  const base = process.env.BASE_URL;
  if (!base) throw new Error('BASE_URL is not set');
  const res = await page.request.post('/api/auth/login', { data: { username: user, password: testPassword(user) }, headers: { origin: new URL(base).origin } });
  if (!res.ok()) throw new Error(`signing in as ${user} failed: HTTP ${res.status()} ${await res.text()}`);
}
