import 'server-only';
import { ApiError } from '@/lib/errors';
import type { ClusterClients } from './registry';
import {
  CONFIG_SOURCES,
  CONFIG_TYPES,
  describeConfigs as describeConfigsRequest,
  incrementalAlterConfigs,
  KafkaResponseError,
  type ConfigOp,
  type RawConfigEntry,
  type Target,
} from './protocol';
import type { AlterConfigOutcome, ConfigEntry, ConfigResourceType, ResourceConfigs } from '@/lib/schemas/configs';

const OVERRIDE_SOURCE: Record<ConfigResourceType, number> = { topic: 1, broker: 2 };

/** Topic configs can be asked of any broker; a broker's own configs only of that broker. */
async function brokerFor(c: ClusterClients, type: ConfigResourceType, name: string): Promise<Target> {
  if (type === 'broker') {
    try {
      // kafkajs refreshes its broker table when a lookup misses, so a second try sees new brokers.
      return { broker: await c.cluster.findBroker({ nodeId: name }).catch(() => c.cluster.findBroker({ nodeId: name })) };
    } catch (err) {
      if ((err as { name?: string }).name === 'KafkaJSBrokerNotFound')
        throw new ApiError('not_found', `Broker ${name} is not in the cluster's metadata (unknown or down)`);
      throw err;
    }
  }
  return { anyBroker: true };
}

function toEntry(type: ConfigResourceType, raw: RawConfigEntry): ConfigEntry {
  const isOverride = raw.source === OVERRIDE_SOURCE[type];
  const fallback = raw.synonyms.find((s) => s.source !== OVERRIDE_SOURCE[type]);
  return {
    name: raw.name,
    value: raw.sensitive ? null : raw.value,
    source: CONFIG_SOURCES[raw.source] ?? 'unknown',
    isOverride,
    sensitive: raw.sensitive,
    readOnly: raw.readOnly,
    type: CONFIG_TYPES[raw.type] ?? 'unknown',
    documentation: raw.documentation,
    defaultValue: isOverride ? (raw.sensitive ? null : (fallback?.value ?? null)) : null,
    defaultSource: isOverride && fallback ? (CONFIG_SOURCES[fallback.source] ?? 'unknown') : null,
    synonyms: raw.synonyms.map((s) => ({ name: s.name, value: raw.sensitive ? null : s.value, source: CONFIG_SOURCES[s.source] ?? 'unknown' })),
  };
}

/** Every config of a topic or broker, sensitive values masked here so they never leave the server. */
export async function describeConfigs(c: ClusterClients, type: ConfigResourceType, name: string): Promise<ResourceConfigs> {
  const to = await brokerFor(c, type, name);
  const [result] = await describeConfigsRequest(c.cluster, to, [{ type, name }]);
  if (!result) throw new ApiError('internal', 'Kafka returned no configs');
  if (result.errorCode) throw new KafkaResponseError(result.errorCode, result.errorType ?? 'UNKNOWN', result.errorMessage);
  const configs = result.configs.map((r) => toEntry(type, r)).sort((a, b) => a.name.localeCompare(b.name));
  return { resource: { type, name }, configs };
}

function rejected(type: string | null, message: string | null, code: number, field: string): ApiError {
  const reason = message ?? type ?? 'rejected';
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return new ApiError('not_found', `Kafka refused the change: ${reason}`, { details: { kafkaError: type } });
  if (type?.endsWith('AUTHORIZATION_FAILED')) return new ApiError('forbidden', `Kafka refused the change: ${reason}`, { details: { kafkaError: type } });
  if (type === 'INVALID_CONFIG' || type === 'INVALID_REQUEST' || type === 'POLICY_VIOLATION') {
    return new ApiError('unprocessable', `Kafka refused the change: ${reason}`, { field, details: { kafkaError: type } });
  }
  throw new KafkaResponseError(code, type ?? 'UNKNOWN', message);
}

/**
 * Sets or removes exactly one config with IncrementalAlterConfigs, which leaves every
 * other override as it is (unlike AlterConfigs, which replaces the whole set). Kafka
 * validates first (validate_only); after the write the config is read back to confirm.
 */
export async function alterOneConfig(
  c: ClusterClients,
  type: ConfigResourceType,
  resourceName: string,
  configName: string,
  op: Extract<ConfigOp, 'set' | 'delete'>,
  value: string | null,
  validateOnly: boolean,
): Promise<AlterConfigOutcome> {
  const before = await describeConfigs(c, type, resourceName);
  const current = before.configs.find((e) => e.name === configName);
  const previous = current ? { value: current.value, isOverride: current.isOverride, sensitive: current.sensitive } : null;
  if (op === 'delete') {
    if (!current)
      throw new ApiError('not_found', `${type === 'topic' ? 'Topic' : 'Broker'} ${resourceName} has no config named ${configName}`, { field: 'name' });
    if (!current.isOverride) {
      throw new ApiError(
        'conflict',
        `${configName} is not overridden on ${type} ${resourceName} (its value comes from ${current.source}); there is nothing to revert`,
        { field: 'name' },
      );
    }
  } else if (current?.readOnly) {
    throw new ApiError('unprocessable', `${configName} is read-only on ${type} ${resourceName}`, { field: 'value' });
  }
  const to = await brokerFor(c, type, resourceName);
  const resource = { type, name: resourceName, configs: [{ name: configName, op, value }] };
  const [check] = await incrementalAlterConfigs(c.cluster, to, [resource], true);
  if (check?.errorCode) throw rejected(check.errorType, check.errorMessage, check.errorCode, 'value');
  if (validateOnly) return { resource: { type, name: resourceName }, name: configName, op, validateOnly, config: current ?? null, previous };

  const [done] = await incrementalAlterConfigs(c.cluster, to, [resource], false);
  if (done?.errorCode) throw rejected(done.errorType, done.errorMessage, done.errorCode, 'value');

  // Confirm from Kafka itself; brokers apply config records from the metadata log shortly after
  // (seconds on a loaded machine: the fuzzer's run saw more than 5).
  const deadline = Date.now() + 15_000;
  for (;;) {
    const after = await describeConfigs(c, type, resourceName);
    const entry = after.configs.find((e) => e.name === configName) ?? null;
    const applied = op === 'delete' ? !entry?.isOverride : entry?.isOverride && (entry.sensitive || entry.value === value);
    if (applied || Date.now() > deadline) {
      if (!applied)
        throw new ApiError('timeout', `Kafka accepted the change to ${configName}, but ${type} ${resourceName} does not show it yet; reload to check`);
      return { resource: { type, name: resourceName }, name: configName, op, validateOnly, config: entry, previous };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
