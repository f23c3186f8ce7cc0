'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import type { AccessReport, Me } from '@/lib/schemas/auth';
import { decide, type Decision } from '@/lib/auth/can';
import type { Permission, Target } from '@/lib/auth/roles';
import { paths } from '@/lib/paths';
import { useClustersQuery } from './clusters';
import { queryKeys } from './keys';

export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me(),
    queryFn: () => apiFetch<Me>(paths.api.me()),
    staleTime: 60_000,
    retry: false,
  });

export const accessQuery = (limit: number) =>
  queryOptions({
    queryKey: queryKeys.access(limit),
    queryFn: () => apiFetch<AccessReport>(paths.api.access(limit)),
    refetchInterval: 30_000,
    retry: false,
  });

export function useMe() {
  return useQuery(meQuery());
}

export function useAccessQuery(limit = 50) {
  return useQuery(accessQuery(limit));
}

/**
 * Whether the signed-in user may do `permission` on `target`, as the API would decide it
 * (read-only cluster, role, topic and group prefixes), with the reason when not. The UI
 * only disables; the API enforces.
 */
export function useCan(permission: Permission, target: Target, options: { partial?: boolean } = {}): Decision {
  const me = useMe();
  const clusters = useClustersQuery();
  if (me.error) return { allowed: false, reason: `Your permissions could not be read: ${me.error.message}` };
  const readOnly = clusters.isPending ? undefined : Boolean(clusters.data?.clusters.find((c) => c.id === target.cluster)?.readOnly);
  return decide({ grants: me.data?.grants, readOnly }, permission, target, options.partial);
}
