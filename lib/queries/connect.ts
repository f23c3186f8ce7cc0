'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { useNotify } from '@/lib/notify';
import { connectApi, withQuery } from '@/lib/paths';
import type {
  ActionBody,
  ConnectorChange,
  ConnectorConfig,
  ConnectorDetail,
  ConnectorList,
  ConnectorOffset,
  PluginConfig,
  PluginList,
  TopicConnectors,
  Validation,
} from '@/lib/schemas/connect';
import { queryKeys } from './keys';

/** Kafka Connect: queries and mutations (lib/api/ops/connect.ts). */

export function useConnectorsQuery(cluster: string, filter: { state?: string; type?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.connect(cluster), 'list', filter],
    queryFn: () => apiFetch<ConnectorList>(withQuery(connectApi.list(cluster), filter)),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: false,
    enabled,
  });
}

export function useConnectorQuery(cluster: string, connect: string, name: string) {
  return useQuery({
    queryKey: [...queryKeys.connect(cluster), 'connector', connect, name],
    queryFn: () => apiFetch<ConnectorDetail>(connectApi.connector(cluster, connect, name)),
    refetchInterval: 5_000,
    retry: false,
  });
}

export function usePluginsQuery(cluster: string, connect: string | null) {
  return useQuery({
    queryKey: [...queryKeys.connect(cluster), 'plugins', connect],
    queryFn: () => apiFetch<PluginList>(connectApi.plugins(cluster, connect as string)),
    enabled: Boolean(connect),
    retry: false,
    staleTime: 60_000,
  });
}

export function usePluginConfigQuery(cluster: string, connect: string | null, plugin: string | null) {
  return useQuery({
    queryKey: [...queryKeys.connect(cluster), 'plugin-config', connect, plugin],
    queryFn: () => apiFetch<PluginConfig>(connectApi.pluginConfig(cluster, connect as string, plugin as string)),
    enabled: Boolean(connect && plugin),
    retry: false,
    staleTime: 60_000,
  });
}

export function useTopicConnectorsQuery(cluster: string, topic: string) {
  return useQuery({
    queryKey: [...queryKeys.connect(cluster), 'topic', topic],
    queryFn: () => apiFetch<TopicConnectors>(connectApi.topicConnectors(cluster, topic)),
    retry: false,
  });
}

export function useValidateConnector(cluster: string, connect: string) {
  return useMutation({
    mutationFn: ({ plugin, config }: { plugin: string; config: ConnectorConfig }) =>
      apiFetch<Validation>(connectApi.validate(cluster, connect, plugin), { method: 'PUT', body: { config } }),
  });
}

function useConnectMutation<V>(cluster: string, fn: (v: V) => Promise<ConnectorChange>, done: (v: V) => string, failed: (v: V) => string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_r, v) => {
      notify.success(done(v));
      void qc.invalidateQueries({ queryKey: queryKeys.connect(cluster) });
    },
    onError: (err, v) => notify.error(failed(v), err),
  });
}

export function useCreateConnector(cluster: string, connect: string) {
  return useConnectMutation(
    cluster,
    (v: { name: string; config: ConnectorConfig }) => apiFetch<ConnectorChange>(connectApi.connectors(cluster, connect), { method: 'POST', body: v }),
    (v) => `Created connector ${v.name}`,
    (v) => `Creating connector ${v.name} failed`,
  );
}

export function useUpdateConnectorConfig(cluster: string, connect: string, name: string) {
  return useConnectMutation(
    cluster,
    (config: ConnectorConfig) => apiFetch<ConnectorChange>(connectApi.config(cluster, connect, name), { method: 'PUT', body: { config } }),
    () => `Saved the config of ${name}`,
    () => `Saving the config of ${name} failed`,
  );
}

export function useConnectorAction(cluster: string) {
  return useConnectMutation(
    cluster,
    (v: { connect: string; name: string; body: Partial<ActionBody> & { action: ActionBody['action'] } }) =>
      apiFetch<ConnectorChange>(connectApi.actions(cluster, v.connect, v.name), { method: 'POST', body: v.body }),
    (v) => `${v.body.action[0].toUpperCase()}${v.body.action.slice(1)} sent to ${v.name}`,
    (v) => `${v.body.action} of ${v.name} failed`,
  );
}

export function useRestartTask(cluster: string, connect: string, name: string) {
  return useConnectMutation(
    cluster,
    (task: number) => apiFetch<ConnectorChange>(connectApi.restartTask(cluster, connect, name, task), { method: 'POST' }),
    (task) => `Restarting task ${task} of ${name}`,
    (task) => `Restarting task ${task} of ${name} failed`,
  );
}

export function useDeleteConnector(cluster: string, connect: string, name: string) {
  return useConnectMutation(
    cluster,
    (confirm: string) => apiFetch<ConnectorChange>(connectApi.connector(cluster, connect, name), { method: 'DELETE', body: { confirm } }),
    () => `Deleted connector ${name}`,
    () => `Deleting connector ${name} failed`,
  );
}

export function useAlterOffsets(cluster: string, connect: string, name: string) {
  return useConnectMutation(
    cluster,
    (offsets: ConnectorOffset[]) => apiFetch<ConnectorChange>(connectApi.offsets(cluster, connect, name), { method: 'PATCH', body: { offsets } }),
    () => `Altered the offsets of ${name}`,
    () => `Altering the offsets of ${name} failed`,
  );
}

export function useResetOffsets(cluster: string, connect: string, name: string) {
  return useConnectMutation(
    cluster,
    (confirm: string) => apiFetch<ConnectorChange>(connectApi.offsets(cluster, connect, name), { method: 'DELETE', body: { confirm } }),
    () => `Reset the offsets of ${name}`,
    () => `Resetting the offsets of ${name} failed`,
  );
}
