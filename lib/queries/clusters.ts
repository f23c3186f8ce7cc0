'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import type { ClusterList, ClusterOverview } from '@/lib/types';
import { queryKeys } from './keys';

export const clustersQuery = () =>
  queryOptions({
    queryKey: queryKeys.clusters(),
    queryFn: () => apiFetch<ClusterList>(paths.api.clusters()),
    staleTime: 60_000,
  });

export const overviewQuery = (cluster: string) =>
  queryOptions({
    queryKey: queryKeys.overview(cluster),
    queryFn: () => apiFetch<ClusterOverview>(paths.api.overview(cluster)),
    refetchInterval: 10_000,
    retry: false,
  });

export function useClustersQuery() {
  return useQuery(clustersQuery());
}

export function useOverviewQuery(cluster: string) {
  return useQuery(overviewQuery(cluster));
}
