import 'server-only';
import { ApiError } from '@/lib/errors';
import { describeConfigs, incrementalAlterConfigs, type AlterConfigResource } from '../protocol';
import type { ClusterClients } from '../registry';

/**
 * The replication throttle, set where kafka-reassign-partitions sets it: the leader and follower
 * rates on every broker a move touches, and per topic the replicas they apply to (the current
 * replicas of moving partitions lead, the new ones follow). Removed as --verify removes them.
 */
export const BROKER_RATES = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'] as const;
export const TOPIC_LISTS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'] as const;
const TOPIC_OVERRIDE = 1;
const BROKER_OVERRIDE = 2;

export interface Moving {
  topic: string;
  partition: number;
  current: number[];
  adding: number[];
}

/** The two topic lists of a move: "partition:broker" for the current replicas (leaders) and the added ones (followers). */
export function topicThrottleLists(moves: Moving[]): Map<string, { leader: string; follower: string }> {
  const out = new Map<string, { leader: string[]; follower: string[] }>();
  for (const m of moves) {
    const t = out.get(m.topic) ?? { leader: [], follower: [] };
    for (const b of m.current) t.leader.push(`${m.partition}:${b}`);
    for (const b of m.adding) t.follower.push(`${m.partition}:${b}`);
    out.set(m.topic, t);
  }
  return new Map([...out].map(([topic, l]) => [topic, { leader: l.leader.join(','), follower: l.follower.join(',') }]));
}

/** Topic throttle lists overridden on these topics now. */
export async function topicThrottles(c: ClusterClients, topics: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (topics.length === 0) return out;
  const res = await describeConfigs(
    c.cluster,
    { anyBroker: true },
    topics.map((name) => ({ type: 'topic' as const, name, keys: [...TOPIC_LISTS] })),
  );
  for (const r of res) {
    const set = Object.fromEntries(r.configs.filter((e) => e.source === TOPIC_OVERRIDE && e.value).map((e) => [e.name, e.value as string]));
    if (Object.keys(set).length) out.set(r.name, set);
  }
  return out;
}

/** Throttle rates overridden on each broker now (a broker that does not answer is left out). */
export async function brokerThrottles(c: ClusterClients, brokers: number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  await Promise.all(
    brokers.map(async (b) => {
      try {
        const [r] = await describeConfigs(c.cluster, { nodeId: b }, [{ type: 'broker', name: String(b), keys: [...BROKER_RATES] }]);
        const set = Object.fromEntries((r?.configs ?? []).filter((e) => e.source === BROKER_OVERRIDE && e.value).map((e) => [e.name, e.value as string]));
        if (Object.keys(set).length) out.set(b, set);
      } catch {
        // A broker that is down keeps whatever it had; the status says so by leaving it out.
      }
    }),
  );
  return out;
}

async function alter(c: ClusterClients, resources: AlterConfigResource[], brokerOf: (r: AlterConfigResource) => number | null): Promise<void> {
  await Promise.all(
    resources.map(async (r) => {
      const b = brokerOf(r);
      const [res] = await incrementalAlterConfigs(c.cluster, b === null ? { anyBroker: true } : { nodeId: b }, [r], false);
      if (res?.errorCode)
        throw new ApiError(
          'unprocessable',
          `Kafka refused the throttle on ${r.type} ${r.name}: ${res.errorMessage ?? res.errorType ?? `error ${res.errorCode}`}`,
        );
    }),
  );
}

/**
 * Sets the throttle for these moves. Refused (409) when any of these topics or brokers has
 * throttle configs already: another reassignment may be using them, and overwriting or later
 * removing them would change configs the user did not ask to change.
 */
export async function setThrottles(c: ClusterClients, moves: Moving[], brokers: number[], rate: number): Promise<{ topics: string[]; brokers: number[] }> {
  const lists = topicThrottleLists(moves);
  const [topicsNow, brokersNow] = await Promise.all([topicThrottles(c, [...lists.keys()]), brokerThrottles(c, brokers)]);
  const taken = [
    ...[...topicsNow].map(([t, v]) => `topic ${t} (${Object.keys(v).join(', ')})`),
    ...[...brokersNow].map(([b, v]) => `broker ${b} (${Object.keys(v).join(', ')})`),
  ];
  if (taken.length)
    throw new ApiError(
      'conflict',
      `Replication throttles are already set on ${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ` and ${taken.length - 5} more` : ''}: another reassignment may be using them. Let it finish and verify it (which removes them), or run this one without a throttle`,
      { field: 'throttle' },
    );
  await alter(
    c,
    brokers.map((b) => ({ type: 'broker', name: String(b), configs: BROKER_RATES.map((name) => ({ name, op: 'set' as const, value: String(rate) })) })),
    (r) => Number(r.name),
  );
  await alter(
    c,
    [...lists].map(([topic, l]) => ({
      type: 'topic',
      name: topic,
      configs: [
        { name: TOPIC_LISTS[0], op: 'set' as const, value: l.leader },
        { name: TOPIC_LISTS[1], op: 'set' as const, value: l.follower },
      ],
    })),
    () => null,
  );
  return { topics: [...lists.keys()], brokers };
}

/**
 * Removes throttle configs: the lists on these topics, and the rates on these brokers. Only
 * the keys that are set are deleted, so nothing else of the topic's or broker's config moves.
 */
export async function removeThrottles(c: ClusterClients, topics: string[], brokers: number[]): Promise<{ topics: string[]; brokers: number[] }> {
  const [topicsNow, brokersNow] = await Promise.all([topicThrottles(c, topics), brokerThrottles(c, brokers)]);
  await alter(
    c,
    [...topicsNow].map(([name, set]) => ({ type: 'topic', name, configs: Object.keys(set).map((k) => ({ name: k, op: 'delete' as const })) })),
    () => null,
  );
  await alter(
    c,
    [...brokersNow].map(([b, set]) => ({ type: 'broker', name: String(b), configs: Object.keys(set).map((k) => ({ name: k, op: 'delete' as const })) })),
    (r) => Number(r.name),
  );
  return { topics: [...topicsNow.keys()].sort(), brokers: [...brokersNow.keys()].sort((a, b) => a - b) };
}
