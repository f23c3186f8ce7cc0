'use client';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { touchesSecurity } from '@/lib/api/ops/audit-state';
import { paths } from '@/lib/paths';
import type { AlterConfigOutcome, ResourceConfigs } from '@/lib/types';
import type { SetConfigInput } from '@/lib/schemas/configs';
import { useNotify } from '@/lib/notify';
import { queryKeys } from './keys';

/** A topic's or a broker's configs: the same table, queries and mutations for both. */
export type ConfigResource = { type: 'topic'; name: string } | { type: 'broker'; name: string };

const key = (cluster: string, r: ConfigResource) => (r.type === 'topic' ? queryKeys.topicConfigs(cluster, r.name) : queryKeys.brokerConfigs(cluster, r.name));
const listUrl = (cluster: string, r: ConfigResource) =>
  r.type === 'topic' ? paths.api.topicConfigs(cluster, r.name) : paths.api.brokerConfigs(cluster, r.name);
const oneUrl = (cluster: string, r: ConfigResource, name: string) =>
  r.type === 'topic' ? paths.api.topicConfig(cluster, r.name, name) : paths.api.brokerConfig(cluster, r.name, name);
const label = (r: ConfigResource) => `${r.type} ${r.name}`;

/**
 * What the user must type to change `name` on `r`, as the API requires it: the broker id for
 * every broker config, the topic name for topic configs about listeners, security or quotas;
 * null when no confirmation is needed.
 */
export function confirmationFor(r: ConfigResource, name: string): string | null {
  return r.type === 'broker' || touchesSecurity(name) ? r.name : null;
}

export const configsQuery = (cluster: string, r: ConfigResource) =>
  queryOptions({
    queryKey: key(cluster, r),
    queryFn: () => apiFetch<ResourceConfigs>(listUrl(cluster, r)),
    retry: false,
  });

export function useConfigsQuery(cluster: string, r: ConfigResource) {
  return useQuery(configsQuery(cluster, r));
}

export function useSetConfigMutation(cluster: string, r: ConfigResource) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (input: SetConfigInput & { name: string }) =>
      apiFetch<AlterConfigOutcome>(oneUrl(cluster, r, input.name), {
        method: 'PUT',
        body: { value: input.value, validateOnly: input.validateOnly, confirm: input.confirm },
      }),
    onSuccess: (res) => {
      if (res.validateOnly) return;
      notify.success(`Set ${res.name} on ${label(r)}`);
      void qc.invalidateQueries({ queryKey: key(cluster, r) });
    },
    onError: (err, input) => notify.error(`Failed to ${input.validateOnly ? 'check' : 'set'} ${input.name} on ${label(r)}`, err),
  });
}

export function useRevertConfigMutation(cluster: string, r: ConfigResource) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ name, confirm }: { name: string; confirm?: string }) =>
      apiFetch<AlterConfigOutcome>(oneUrl(cluster, r, name), { method: 'DELETE', body: { confirm } }),
    onSuccess: (res) => {
      notify.success(`Reverted ${res.name} on ${label(r)} to its default`);
      void qc.invalidateQueries({ queryKey: key(cluster, r) });
    },
    onError: (err, { name }) => notify.error(`Failed to revert ${name} on ${label(r)}`, err),
  });
}
