/**
 * Kafka set-up for Playwright specs. Playwright loads specs as CommonJS, so it cannot
 * import scripts/kafka/cluster.ts (an ES module, through e2e/support/kafka.ts); this uses
 * kafkajs against the same real cluster instead.
 */
import { Kafka, logLevel } from 'kafkajs';

function kafka(): Kafka {
  const brokers = process.env.KAFKA_TEST_BROKERS;
  if (!brokers) throw new Error('KAFKA_TEST_BROKERS is not set: run the browser tests through npm test');
  return new Kafka({ clientId: 'e2e-setup', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopic(topic: string, partitions: number, records: { key: string; value: string }[] = []): Promise<void> {
  const k = kafka();
  const admin = k.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  if (!records.length) return;
  const producer = k.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records });
  } finally {
    await producer.disconnect();
  }
}

export async function deleteTopic(topic: string): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
