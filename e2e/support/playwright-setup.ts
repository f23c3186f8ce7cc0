import { request, type FullConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the admin's signed-in browser state is kept for the specs (see playwright.config.ts). */
export const ADMIN_STATE = '.cache/test-results/admin-state.json';

/** Signs the admin test user in through the real sign-in route once, for every spec. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL;
  if (!baseURL) throw new Error('BASE_URL is not set: run the browser tests through npm test');
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as { username: string; password: string }[];
  const admin = users.find((u) => u.username === 'admin');
  if (!admin) throw new Error('no admin test user in KAFKA_TEST_USERS');
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await ctx.post('/api/auth/login', { data: { username: admin.username, password: admin.password } });
  if (!res.ok()) throw new Error(`admin sign-in failed: ${res.status()} ${await res.text()}`);
  mkdirSync(dirname(ADMIN_STATE), { recursive: true });
  await ctx.storageState({ path: ADMIN_STATE });
  await ctx.dispose();
}
