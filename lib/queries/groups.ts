'use client';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { groupApi, withQuery } from '@/lib/paths';
import type { GroupDetail, GroupsPage, ResetOutcome, ResetPreview } from '@/lib/types';
import type { DeletedGroup, DeletedGroupOffsets, ListGroupsQuery, ResetExecuteInput, ResetPreviewInput } from '@/lib/schemas/groups';
import { groupKeys, queryKeys } from './keys';

/** The list's parameters as the browser puts them in the URL: the API's query, after defaults. */
export type GroupsListParams = ListGroupsQuery;

export const groupsQuery = (cluster: string, params: GroupsListParams) =>
  queryOptions({
    queryKey: groupKeys.list(cluster, { ...params }),
    queryFn: () => apiFetch<GroupsPage>(withQuery(groupApi.list(cluster), { ...params })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
    retry: false,
  });

export const groupQuery = (cluster: string, group: string) =>
  queryOptions({
    queryKey: queryKeys.group(cluster, group),
    queryFn: () => apiFetch<GroupDetail>(groupApi.group(cluster, group)),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    retry: false,
  });

export function useGroupsQuery(cluster: string, params: GroupsListParams) {
  return useQuery(groupsQuery(cluster, params));
}

export function useGroupQuery(cluster: string, group: string) {
  return useQuery(groupQuery(cluster, group));
}

/** `share`: a share group's start offsets (its own endpoints) rather than committed offsets. */
export function usePreviewResetMutation(cluster: string, group: string, share = false) {
  return useMutation({
    mutationFn: (body: ResetPreviewInput) =>
      apiFetch<ResetPreview>((share ? groupApi.shareResetPreview : groupApi.resetPreview)(cluster, group), { method: 'POST', body }),
  });
}

export function useExecuteResetMutation(cluster: string, group: string, share = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ResetExecuteInput) => apiFetch<ResetOutcome>((share ? groupApi.shareReset : groupApi.reset)(cluster, group), { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.group(cluster, group) }),
  });
}

export function useDeleteGroupMutation(cluster: string, group: string) {
  const qc = useQueryClient();
  return useMutation({
    /** `confirm`: the group id as the user typed it; the API refuses the delete unless it matches. */
    mutationFn: (confirm: string) => apiFetch<DeletedGroup>(groupApi.group(cluster, group), { method: 'DELETE', body: { confirm } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.groups(cluster) }),
  });
}

export function useDeleteTopicOffsetsMutation(cluster: string, group: string, share = false) {
  const qc = useQueryClient();
  return useMutation({
    /** `confirm`: the topic's name as the user typed it. */
    mutationFn: ({ topic, confirm }: { topic: string; confirm: string }) =>
      apiFetch<DeletedGroupOffsets>((share ? groupApi.shareTopicOffsets : groupApi.topicOffsets)(cluster, group, topic), {
        method: 'DELETE',
        body: { confirm },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.group(cluster, group) }),
  });
}
