'use client';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { storageApi } from '@/lib/paths';
import type { FeaturesReport, LogDirsReport, QuorumReport } from '@/lib/schemas/storage';
import { queryKeys } from './keys';

/** Log dirs (polled faster while a replica moves between dirs), the KRaft quorum and feature levels (lib/api/ops/storage.ts). */
export function useLogDirsQuery(cluster: string, topic?: string) {
  return useQuery({
    queryKey: queryKeys.logDirs(cluster, topic),
    queryFn: () => apiFetch<LogDirsReport>(storageApi.logDirs(cluster, topic)),
    refetchInterval: (q) => (q.state.data?.moving.length ? 3_000 : 30_000),
    retry: false,
  });
}

export function useQuorumQuery(cluster: string) {
  return useQuery({
    queryKey: queryKeys.quorum(cluster),
    queryFn: () => apiFetch<QuorumReport>(storageApi.quorum(cluster)),
    refetchInterval: 10_000,
    retry: false,
  });
}

export function useFeaturesQuery(cluster: string) {
  return useQuery({ queryKey: queryKeys.features(cluster), queryFn: () => apiFetch<FeaturesReport>(storageApi.features(cluster)), retry: false });
}
