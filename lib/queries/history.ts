'use client';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { summaryChunks } from '@/lib/schemas/history';
import { apiFetch } from '@/lib/api-client';
import { historyApi } from '@/lib/paths';
import type { GroupHistory, GroupsSummary, TopicHistory, TopicsSummary } from '@/lib/schemas/history';
import { queryKeys } from './keys';

/** Lag history (lib/api/ops/history.ts): refreshed about as often as the sampler writes. */
const REFRESH_MS = 15_000;

export function useGroupHistoryQuery(cluster: string, group: string, range: string) {
  return useQuery({
    queryKey: queryKeys.groupHistory(cluster, group, range),
    queryFn: () => apiFetch<GroupHistory>(historyApi.group(cluster, group, range)),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useTopicHistoryQuery(cluster: string, topic: string, range: string) {
  return useQuery({
    queryKey: queryKeys.topicHistory(cluster, topic, range),
    queryFn: () => apiFetch<TopicHistory>(historyApi.topic(cluster, topic, range)),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Sparklines and trends for the rows of a groups list page (asked in chunks the API takes). */
export function useGroupsHistory(cluster: string, ids: string[]): Map<string, GroupsSummary['groups'][string]> {
  return useQueries({
    queries: summaryChunks(ids).map((chunk) => ({
      queryKey: queryKeys.groupsHistory(cluster, chunk),
      queryFn: () => apiFetch<GroupsSummary>(historyApi.groupsSummary(cluster, chunk)),
      refetchInterval: REFRESH_MS,
      placeholderData: keepPreviousData,
      retry: false,
    })),
    combine: (results) => {
      const out = new Map<string, GroupsSummary['groups'][string]>();
      for (const r of results) for (const [k, v] of Object.entries(r.data?.groups ?? {})) out.set(k, v);
      return out;
    },
  });
}

/** Production rate and worst consumer lag for the rows of a topics list page (asked in chunks the API takes). */
export function useTopicsHistory(cluster: string, names: string[]): Map<string, TopicsSummary['topics'][string]> {
  return useQueries({
    queries: summaryChunks(names).map((chunk) => ({
      queryKey: queryKeys.topicsHistory(cluster, chunk),
      queryFn: () => apiFetch<TopicsSummary>(historyApi.topicsSummary(cluster, chunk)),
      refetchInterval: REFRESH_MS,
      placeholderData: keepPreviousData,
      retry: false,
    })),
    combine: (results) => {
      const out = new Map<string, TopicsSummary['topics'][string]>();
      for (const r of results) for (const [k, v] of Object.entries(r.data?.topics ?? {})) out.set(k, v);
      return out;
    },
  });
}
