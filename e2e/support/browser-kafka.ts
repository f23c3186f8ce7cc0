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

export async function createTopic(
  topic: string,
  partitions: number,
  records: { key: string; value: string | Buffer; partition?: number }[] = [],
  /** Brokers of each partition (replicas), instead of `partitions` with one replica each. */
  assignment?: number[][],
): Promise<void> {
  const k = kafka();
  const admin = k.admin();
  await admin.connect();
  try {
    const spec = assignment
      ? { topic, replicaAssignment: assignment.map((replicas, partition) => ({ partition, replicas })) }
      : { topic, numPartitions: partitions, replicationFactor: 1 };
    await admin.createTopics({ topics: [spec], waitForLeaders: false });
  } finally {
    await admin.disconnect();
  }
  await waitForTopicOnEveryBroker(topic, assignment ? assignment.length : partitions);
  if (!records.length) return;
  const producer = k.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Every broker learns of a new topic a moment after the controller made it (under load, seconds
 * later), and the console asks whichever broker answers first: wait until each one, asked
 * directly, names every partition with a leader.
 */
async function waitForTopicOnEveryBroker(topic: string, partitions: number, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  const brokers = (process.env.KAFKA_TEST_BROKERS ?? '').split(',').filter(Boolean);
  for (const broker of brokers) {
    for (;;) {
      const admin = new Kafka({ clientId: 'e2e-setup', brokers: [broker], logLevel: logLevel.NOTHING }).admin();
      const known = await admin
        .connect()
        .then(() => admin.fetchTopicMetadata({ topics: [topic] }))
        .then((m) => m.topics[0]?.partitions.length === partitions && m.topics[0].partitions.every((p) => p.leader >= 0))
        .catch(() => false)
        .finally(() => admin.disconnect());
      if (known) break;
      if (Date.now() > deadline) throw new Error(`broker ${broker} does not know topic ${topic} after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
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

/** Stops or starts one broker of the test cluster (the control endpoint of test-env.ts). */
export async function brokerNode(id: number, action: 'stop' | 'start'): Promise<void> {
  const control = process.env.KAFKA_TEST_CONTROL;
  if (!control) throw new Error('KAFKA_TEST_CONTROL is not set: run the browser tests through npm test');
  const res = await fetch(`${control}/nodes/${id}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`${action} node ${id} failed: ${await res.text()}`);
}

/** Sends records to an existing topic. */
export async function produce(topic: string, records: { key: string; value: string }[]): Promise<void> {
  const producer = kafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: records });
  } finally {
    await producer.disconnect();
  }
}

/** Commits a group's offset on a partition (the group must have no members), as kafka-consumer-groups --reset-offsets would. */
export async function commitOffset(group: string, topic: string, partition: number, offset: number): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition, offset: String(offset) }] });
  } finally {
    await admin.disconnect();
  }
}
