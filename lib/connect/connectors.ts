import 'server-only';
import { ApiError } from '@/lib/errors';
import { isSecretName } from '@/lib/audit/redact';
import type { ConnectClusterConfig } from '@/lib/config';
import {
  SECRET_MASK,
  type ActionBody,
  type ConfigDefinition,
  type ConnectClusterState,
  type ConnectorChange,
  type ConnectorConfig,
  type ConnectorDetail,
  type ConnectorList,
  type ConnectorOffset,
  type ConnectorState,
  type ConnectorSummary,
  type PluginConfig,
  type PluginList,
  type TopicConnectors,
  type Validation,
  connectorState,
} from '@/lib/schemas/connect';
import { connectCall, connectClusters, connectRequest, connectTarget, seg } from './client';

/** The worker's JSON, as far as the console reads it. */
interface WorkerState {
  state?: string;
  worker_id?: string;
  trace?: string;
}
interface WorkerStatus {
  name: string;
  connector: WorkerState;
  tasks: (WorkerState & { id: number })[];
  type?: string;
}
interface WorkerInfo {
  name: string;
  config: Record<string, string>;
  tasks: { connector: string; task: number }[];
  type?: string;
}
interface WorkerDefinition {
  name: string;
  type: string;
  required: boolean;
  default_value: string | null;
  importance: string;
  documentation: string | null;
  group: string | null;
  order_in_group: number;
  display_name: string;
}
interface WorkerValidation {
  error_count: number;
  configs: { definition: { name: string }; value: { name: string; errors: string[] } }[];
}

const state = (s: string | undefined): ConnectorState => {
  const r = connectorState.safeParse(s);
  return r.success ? r.data : 'UNKNOWN';
};
const kind = (t: string | undefined): 'source' | 'sink' | 'unknown' => (t === 'source' || t === 'sink' ? t : 'unknown');

/** Topics a connector's config names: a sink's `topics`, a source's `topic` / `kafka.topic`; `topics.regex` is left out. */
export function configTopics(config: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const key of ['topics', 'topic', 'kafka.topic']) {
    for (const t of (config[key] ?? '').split(',')) if (t.trim()) out.add(t.trim());
  }
  return [...out];
}

function summary(connect: string, name: string, status: WorkerStatus | undefined, info: WorkerInfo | undefined): ConnectorSummary {
  const tasks = status?.tasks ?? [];
  const config = info?.config ?? {};
  return {
    connect,
    name,
    type: kind(status?.type ?? info?.type),
    class: config['connector.class'] ?? '',
    state: state(status?.connector?.state),
    workerId: status?.connector?.worker_id ?? null,
    tasks: {
      total: tasks.length,
      running: tasks.filter((t) => t.state === 'RUNNING').length,
      failed: tasks.filter((t) => t.state === 'FAILED').length,
      paused: tasks.filter((t) => t.state === 'PAUSED').length,
    },
    topics: configTopics(config),
  };
}

function clusterState(c: ConnectClusterConfig, err: unknown): ConnectClusterState {
  if (!(err instanceof ApiError)) throw err;
  const problem = (err.extra.details as { problem?: string } | undefined)?.problem;
  return {
    name: c.name,
    url: c.url,
    status: problem === 'rebalancing' ? 'rebalancing' : err.status === 503 ? 'unreachable' : 'error',
    httpStatus: err.status,
    error: err.toEnvelope().error,
  };
}

type Expanded = Record<string, { status?: WorkerStatus; info?: WorkerInfo }>;

/** Every connector of every Connect cluster of a Kafka cluster: one GET /connectors?expand=status&expand=info each, at once. */
export async function listConnectors(clusterId: string, filter: { state?: ConnectorState; type?: 'source' | 'sink' | 'unknown' } = {}): Promise<ConnectorList> {
  const targets = connectClusters(clusterId);
  const results = await Promise.all(
    targets.map(async ({ connect: c }) => {
      try {
        const all = await connectCall<Expanded>(c, '/connectors?expand=status&expand=info');
        const connectors = Object.entries(all ?? {}).map(([name, v]) => summary(c.name, name, v.status, v.info));
        return { state: { name: c.name, url: c.url, status: 'ok', httpStatus: 200 } as ConnectClusterState, connectors };
      } catch (err) {
        return { state: clusterState(c, err), connectors: [] };
      }
    }),
  );
  const connectors = results
    .flatMap((r) => r.connectors)
    .filter((k) => (!filter.state || k.state === filter.state) && (!filter.type || k.type === filter.type))
    .sort((a, b) => a.name.localeCompare(b.name) || a.connect.localeCompare(b.connect));
  return { connectClusters: results.map((r) => r.state), connectors };
}

/** The connectors that read or write a topic, by their config and the topics the workers saw them use. */
export async function topicConnectors(clusterId: string, topic: string): Promise<TopicConnectors> {
  const list = await listConnectors(clusterId);
  const targets = new Map(connectClusters(clusterId).map((t) => [t.connect.name, t.connect]));
  const candidates = list.connectors.slice(0, 500);
  const found: TopicConnectors['connectors'] = [];
  // The active topics: at most 8 requests at a time per console.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, candidates.length) }, async () => {
      while (next < candidates.length) {
        const k = candidates[next++];
        let uses = k.topics.includes(topic);
        if (!uses) {
          const c = targets.get(k.connect);
          const active = c ? await activeTopics(c, k.name).catch(() => null) : null;
          uses = Boolean(active?.includes(topic));
        }
        if (uses) found.push({ ...k, role: k.type === 'source' ? 'writes' : k.type === 'sink' ? 'reads' : 'uses' });
      }
    }),
  );
  found.sort((a, b) => a.name.localeCompare(b.name));
  return { connectClusters: list.connectClusters, connectors: found };
}

async function activeTopics(c: ConnectClusterConfig, name: string): Promise<string[] | null> {
  const r = await connectRequest(c, `/connectors/${seg(name)}/topics`, { accept: [404, 403] });
  if (r.status !== 200) return null;
  const body = r.json as Record<string, { topics?: string[] }> | null;
  return body?.[name]?.topics ?? null;
}

/** Plugin config definitions, cached a few minutes per Connect cluster and class (they change only with a worker upgrade). */
const definitionCache = new Map<string, { at: number; defs: ConfigDefinition[] }>();

async function definitions(c: ConnectClusterConfig, plugin: string): Promise<ConfigDefinition[]> {
  const key = `${c.url}\u0000${plugin}`;
  const hit = definitionCache.get(key);
  if (hit && Date.now() - hit.at < 5 * 60_000) return hit.defs;
  const raw = await connectCall<WorkerDefinition[]>(c, `/connector-plugins/${seg(plugin)}/config`);
  const defs = (raw ?? []).map((d) => ({
    name: d.name,
    type: d.type,
    required: Boolean(d.required),
    default: d.default_value ?? null,
    importance: d.importance ?? 'LOW',
    documentation: d.documentation ?? '',
    group: d.group ?? null,
    orderInGroup: d.order_in_group ?? -1,
    displayName: d.display_name ?? d.name,
  }));
  if (definitionCache.size > 500) definitionCache.clear();
  definitionCache.set(key, { at: Date.now(), defs });
  return defs;
}

/** Keys whose values are secrets: PASSWORD in the plugin's definition, or a name that says so. */
async function secretKeys(c: ConnectClusterConfig, config: Record<string, string>): Promise<string[]> {
  const cls = config['connector.class'];
  const defs = cls ? await definitions(c, cls).catch(() => [] as ConfigDefinition[]) : [];
  const password = new Set(defs.filter((d) => d.type === 'PASSWORD').map((d) => d.name));
  return Object.keys(config).filter((k) => password.has(k) || isSecretName(k));
}

function masked(config: Record<string, string>, secrets: string[]): Record<string, string> {
  const out = { ...config };
  for (const k of secrets) if (k in out) out[k] = SECRET_MASK;
  return out;
}

export async function listPlugins(clusterId: string, connect: string): Promise<PluginList> {
  const { connect: c } = connectTarget(clusterId, connect);
  const raw = await connectCall<{ class: string; type: string; version?: string }[]>(c, '/connector-plugins');
  return {
    plugins: (raw ?? [])
      .filter((p) => p.type === 'source' || p.type === 'sink')
      .map((p) => ({
        class: p.class,
        alias:
          p.class
            .split('.')
            .pop()
            ?.replace(/Connector$/, '') ?? p.class,
        type: p.type as 'source' | 'sink',
        version: p.version ?? null,
      })),
  };
}

export async function pluginConfig(clusterId: string, connect: string, plugin: string): Promise<PluginConfig> {
  const { connect: c } = connectTarget(clusterId, connect);
  const cls = await resolvePlugin(c, plugin, 'path');
  return { plugin: cls, definitions: await definitions(c, cls) };
}

/** The class a plugin name or alias stands for on this Connect cluster, or a clear 404/422. */
async function resolvePlugin(c: ConnectClusterConfig, plugin: string, from: 'path' | 'body'): Promise<string> {
  const raw = await connectCall<{ class: string; type: string }[]>(c, '/connector-plugins');
  const connectors = (raw ?? []).filter((p) => p.type === 'source' || p.type === 'sink');
  const simple = (cls: string) => cls.split('.').pop() ?? cls;
  const hit = connectors.find((p) => p.class === plugin || simple(p.class) === plugin || simple(p.class).replace(/Connector$/, '') === plugin);
  if (hit) return hit.class;
  const message = `Connect cluster ${c.name} has no connector plugin ${plugin}; it has ${connectors.map((p) => simple(p.class)).join(', ') || 'none'}`;
  if (from === 'path') throw new ApiError('not_found', message);
  throw new ApiError('unprocessable', message, { field: 'config.connector.class' });
}

/** Runs the worker's own validation; errors by field. */
export async function validate(clusterId: string, connect: string, plugin: string, config: ConnectorConfig): Promise<Validation> {
  const { connect: c } = connectTarget(clusterId, connect);
  const cls = await resolvePlugin(c, plugin, 'path');
  return validateWith(c, cls, config);
}

async function validateWith(c: ConnectClusterConfig, cls: string, config: ConnectorConfig): Promise<Validation> {
  // The worker wants the path's plugin spelled as the config's connector.class (alias or class).
  const plugin = config['connector.class'] ?? cls;
  const body = { ...config, 'connector.class': plugin };
  const raw = await connectCall<WorkerValidation>(c, `/connector-plugins/${seg(plugin)}/config/validate`, { method: 'PUT', body });
  const errors: Record<string, string[]> = {};
  for (const k of raw?.configs ?? []) if (k.value?.errors?.length) errors[k.value.name ?? k.definition.name] = k.value.errors;
  return { valid: (raw?.error_count ?? 0) === 0, errorCount: raw?.error_count ?? 0, errors };
}

function invalid(v: Validation): ApiError {
  const first = Object.keys(v.errors)[0];
  const text = Object.entries(v.errors)
    .slice(0, 5)
    .map(([k, e]) => `${k}: ${e.join('; ')}`)
    .join(' · ');
  return new ApiError('unprocessable', `The worker's validation found ${v.errorCount} error(s): ${text}`, {
    field: first ? `config.${first}` : undefined,
    details: { errors: v.errors },
  });
}

async function exists(c: ConnectClusterConfig, name: string): Promise<boolean> {
  const r = await connectRequest(c, `/connectors/${seg(name)}`, { accept: [404] });
  return r.status !== 404;
}

export async function createConnector(clusterId: string, connect: string, name: string, config: ConnectorConfig): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  if (config.name !== undefined && config.name !== name)
    throw new ApiError('unprocessable', `The config's name (${config.name}) differs from the connector's name (${name})`, { field: 'config.name' });
  const plugin = config['connector.class'];
  if (!plugin) throw new ApiError('unprocessable', 'The config needs connector.class', { field: 'config.connector.class' });
  const cls = await resolvePlugin(c, plugin, 'body');
  if (await exists(c, name)) throw new ApiError('conflict', `Connect cluster ${c.name} already has a connector named ${name}`, { field: 'name' });
  const full = { ...config, name };
  const v = await validateWith(c, cls, full);
  if (!v.valid) throw invalid(v);
  await connectCall(c, '/connectors', { method: 'POST', body: { name, config: full } });
  const secrets = await secretKeys(c, full);
  return { connect: c.name, name, after: masked(full, secrets), message: null };
}

async function rawConfig(c: ConnectClusterConfig, name: string): Promise<Record<string, string>> {
  return (await connectCall<Record<string, string>>(c, `/connectors/${seg(name)}/config`)) ?? {};
}

export async function updateConfig(clusterId: string, connect: string, name: string, config: ConnectorConfig): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  const before = await rawConfig(c, name);
  const secrets = await secretKeys(c, before);
  // A secret sent back masked keeps its stored value: the browser never had it.
  const next: Record<string, string> = { ...config, name };
  for (const k of secrets) if (next[k] === SECRET_MASK && before[k] !== undefined) next[k] = before[k];
  const cls = next['connector.class'];
  if (!cls) throw new ApiError('unprocessable', 'The config needs connector.class', { field: 'config.connector.class' });
  if (cls !== before['connector.class'])
    throw new ApiError('unprocessable', 'connector.class cannot change; create a new connector instead', { field: 'config.connector.class' });
  const v = await validateWith(c, await resolvePlugin(c, cls, 'body'), next);
  if (!v.valid) throw invalid(v);
  await connectCall(c, `/connectors/${seg(name)}/config`, { method: 'PUT', body: next });
  const after = await secretKeys(c, next);
  return { connect: c.name, name, before: masked(before, secrets), after: masked(next, after), message: null };
}

export async function getConnector(clusterId: string, connect: string, name: string): Promise<ConnectorDetail> {
  const { connect: c } = connectTarget(clusterId, connect);
  const [config, status] = await Promise.all([
    rawConfig(c, name),
    // Just created, a connector has a config before the workers report a status: shown UNASSIGNED meanwhile.
    connectRequest(c, `/connectors/${seg(name)}/status`, { accept: [404] }).then((r) => (r.status === 404 ? null : (r.json as WorkerStatus))),
  ]);
  const [secrets, active, offsets] = await Promise.all([
    secretKeys(c, config),
    activeTopics(c, name).catch(() => null),
    connectCall<{ offsets?: ConnectorOffset[] }>(c, `/connectors/${seg(name)}/offsets`).then(
      (o) => ({ offsets: o?.offsets ?? [], error: null }),
      (err: unknown) => ({ offsets: null, error: err instanceof ApiError ? err.message : 'The worker did not give the offsets' }),
    ),
  ]);
  const topics = [...new Set([...(active ?? []), ...configTopics(config)])].sort();
  return {
    connect: c.name,
    url: c.url,
    name,
    type: kind(status?.type),
    class: config['connector.class'] ?? '',
    config: masked(config, secrets),
    secretKeys: secrets,
    connector: {
      state: status ? state(status.connector?.state) : 'UNASSIGNED',
      workerId: status?.connector?.worker_id ?? null,
      trace: status?.connector?.trace ?? null,
    },
    tasks: (status?.tasks ?? [])
      .map((t) => ({ id: t.id, state: state(t.state), workerId: t.worker_id ?? null, trace: t.trace ?? null }))
      .sort((a, b) => a.id - b.id),
    topics,
    offsets: offsets.offsets,
    offsetsError: offsets.error,
  };
}

async function statusOf(c: ConnectClusterConfig, name: string): Promise<WorkerStatus> {
  return connectCall<WorkerStatus>(c, `/connectors/${seg(name)}/status`);
}

const brief = (s: WorkerStatus) => ({ connector: s.connector?.state, tasks: (s.tasks ?? []).map((t) => ({ id: t.id, state: t.state })) });

export async function connectorAction(clusterId: string, connect: string, name: string, body: ActionBody): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  const before = await statusOf(c, name);
  const path = `/connectors/${seg(name)}`;
  let message: string | null = null;
  let after: unknown;
  if (body.action === 'restart') {
    const r = await connectRequest(c, `${path}/restart?includeTasks=${body.includeTasks}&onlyFailed=${body.onlyFailed}`, { method: 'POST' });
    // 202 with includeTasks or onlyFailed: the status with RESTARTING where the worker restarts something.
    if (r.status === 202 && r.json) {
      after = brief(r.json as WorkerStatus);
      message = 'The worker is restarting what is marked RESTARTING';
    }
  } else {
    await connectCall(c, `${path}/${body.action}`, { method: 'PUT' });
  }
  return { connect: c.name, name, before: brief(before), after, message };
}

export async function restartTask(clusterId: string, connect: string, name: string, task: number): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  const before = await statusOf(c, name);
  if (!(before.tasks ?? []).some((t) => t.id === task)) throw new ApiError('not_found', `Connector ${name} has no task ${task}`);
  await connectCall(c, `/connectors/${seg(name)}/tasks/${task}/restart`, { method: 'POST' });
  return { connect: c.name, name, before: brief(before), message: null };
}

export async function deleteConnector(clusterId: string, connect: string, name: string): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  const before = await rawConfig(c, name);
  const secrets = await secretKeys(c, before);
  await connectCall(c, `/connectors/${seg(name)}`, { method: 'DELETE' });
  return { connect: c.name, name, before: masked(before, secrets), message: null };
}

async function requireStopped(c: ConnectClusterConfig, name: string): Promise<void> {
  const s = await statusOf(c, name);
  if (s.connector?.state !== 'STOPPED')
    throw new ApiError(
      'conflict',
      `Connector ${name} is ${s.connector?.state ?? 'in an unknown state'}: stop it first (offsets change only while it is STOPPED)`,
      {
        details: { state: s.connector?.state },
      },
    );
}

export async function alterOffsets(clusterId: string, connect: string, name: string, offsets: ConnectorOffset[]): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  await requireStopped(c, name);
  const before = await connectCall<{ offsets?: ConnectorOffset[] }>(c, `/connectors/${seg(name)}/offsets`);
  const r = await connectCall<{ message?: string }>(c, `/connectors/${seg(name)}/offsets`, { method: 'PATCH', body: { offsets } });
  return { connect: c.name, name, before: before?.offsets ?? [], after: offsets, message: r?.message ?? null };
}

export async function resetOffsets(clusterId: string, connect: string, name: string): Promise<ConnectorChange> {
  const { connect: c } = connectTarget(clusterId, connect);
  await requireStopped(c, name);
  const before = await connectCall<{ offsets?: ConnectorOffset[] }>(c, `/connectors/${seg(name)}/offsets`);
  const r = await connectCall<{ message?: string }>(c, `/connectors/${seg(name)}/offsets`, { method: 'DELETE' });
  return { connect: c.name, name, before: before?.offsets ?? [], after: [], message: r?.message ?? null };
}
