import type { TestProject } from 'vitest/node';
import { startTestEnvironment, type TestEnvironment } from './test-env';

/**
 * Starts the real Kafka environment unless the orchestrator (scripts/test.ts) already did
 * and passed it in the environment.
 */
let started: TestEnvironment | null = null;

export async function setup(project: TestProject) {
  let env: Record<string, string>;
  if (process.env.KAFKA_TEST_CONTROL && process.env.KAFKA_CONSOLE_CONFIG) {
    env = Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => /^KAFKA_(TEST_|CONSOLE_CONFIG$)/.test(e[0]) && e[1] !== undefined),
    );
  } else {
    started = await startTestEnvironment((l) => process.stderr.write(`${l}\n`));
    env = started.env;
  }
  project.provide('testEnv', env);
}

export async function teardown() {
  await started?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: Record<string, string>;
  }
}
