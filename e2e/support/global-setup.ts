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
    env = {
      KAFKA_CONSOLE_CONFIG: process.env.KAFKA_CONSOLE_CONFIG,
      KAFKA_TEST_BROKERS: process.env.KAFKA_TEST_BROKERS ?? '',
      KAFKA_TEST_NODES: process.env.KAFKA_TEST_NODES ?? '[]',
      KAFKA_TEST_CONTROL: process.env.KAFKA_TEST_CONTROL,
      KAFKA_TEST_USERS: process.env.KAFKA_TEST_USERS ?? '[]',
      KAFKA_TEST_AUDIT: process.env.KAFKA_TEST_AUDIT ?? '',
      KAFKA_TEST_SECRETS: process.env.KAFKA_TEST_SECRETS ?? '[]',
    };
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
