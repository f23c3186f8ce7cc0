import { defineConfig } from 'vitest/config';
import { resolve } from './vitest.config.mts';

/**
 * API integration tests: the real route handlers, called in-process through their URLs,
 * against a real 3-broker Kafka (started by e2e/support/global-setup.ts unless the test
 * orchestrator already runs one). Files run one at a time: some stop brokers.
 */
export default defineConfig({
  resolve,
  test: {
    include: ['e2e/api/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    setupFiles: ['e2e/support/setup-env.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
