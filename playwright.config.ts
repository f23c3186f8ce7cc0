import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Browser tests in real Chromium against the built console and a real Kafka cluster.
 * `npm test` starts both and sets BASE_URL; Playwright's own browser download is not
 * available here, so Debian's /usr/bin/chromium is used when present.
 */
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'e2e/ui',
  globalSetup: './e2e/support/playwright-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? '.cache/test-results/e2e.json' }]],
  outputDir: '.cache/test-results/playwright',
  use: {
    baseURL: process.env.BASE_URL,
    // Every spec starts signed in as the admin test user; sign-in specs start from a clean context.
    storageState: '.cache/test-results/admin-state.json',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
