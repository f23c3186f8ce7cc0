'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import type { ClusterOverview } from '@/lib/types';
import { queryKeys } from './keys';

export interface PublicCluster {
  id: string;
  name: string;
  bootstrapServers: string[];
  security: { ssl: boolean; sasl: string | null };
  /** Nobody may change this cluster through the console. */
  readOnly: boolean;
}

export const clustersQuery = () =>
  queryOptions({
    queryKey: queryKeys.clusters(),
    queryFn: () => apiFetch<{ clusters: PublicCluster[] }>(paths.api.clusters()),
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
