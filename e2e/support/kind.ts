/**
 * Which Kafka the API tests run against. The full suite runs on the pinned KRaft release;
 * the compatibility suite (scripts/test.ts, phase `compat`) runs a subset of the same files
 * on other releases and on ZooKeeper mode, with the same version's CLI tools as peers.
 * A test that checks something only one generation has says so with `testKind`.
 */
import { compareVersions, type KafkaMode } from '../../scripts/kafka/cluster';

export interface KafkaKind {
  version: string;
  mode: KafkaMode;
}

export function kindLabel(k: KafkaKind): string {
  return `Kafka ${k.version} (${k.mode === 'kraft' ? 'KRaft' : 'ZooKeeper'})`;
}

function current(): KafkaKind {
  const raw = process.env.KAFKA_TEST_KIND;
  if (!raw) throw new Error('KAFKA_TEST_KIND is not set: run these tests through npm test or vitest.integration.config.mts');
  return JSON.parse(raw) as KafkaKind;
}

export const testKind = {
  get version(): string {
    return current().version;
  },
  get mode(): KafkaKind['mode'] {
    return current().mode;
  },
  get kraft(): boolean {
    return current().mode === 'kraft';
  },
  get zookeeper(): boolean {
    return current().mode === 'zookeeper';
  },
  /** The full suite's environment: the pinned release with the extra test clusters beside it. */
  get isDefault(): boolean {
    return process.env.KAFKA_TEST_COMPAT !== '1';
  },
  /** The release is this version or newer. */
  atLeast(version: string): boolean {
    return compareVersions(current().version, version) >= 0;
  },
  get label(): string {
    return kindLabel(current());
  },
};
