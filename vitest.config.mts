import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/** What both test configs share: the `@/` alias and a stand-in for `server-only`. */
export const resolve = {
  alias: {
    '@/': fileURLToPath(new URL('.', import.meta.url)),
    'server-only': fileURLToPath(new URL('./test/server-only.ts', import.meta.url)),
  },
};

/** Unit tests: pure logic next to the code it tests; no Kafka. */
export default defineConfig({
  resolve,
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
