'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { decide, type Decision } from '@/lib/auth/can';
import type { Grant, Permission, Target } from '@/lib/auth/roles';
import { paths } from '@/lib/paths';
import { useClustersQuery } from './clusters';
import { queryKeys } from './keys';

/** GET /api/auth/me: who is signed in, how, and what they may do. */
export interface Me {
  user: string;
  via: 'local' | 'oidc' | 'none';
  grants: Grant[];
  mapping?: { claim: string; values: string[]; matched: { value: string; grants: Grant[] }[] };
  expiresAt: string;
}

export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me(),
    queryFn: () => apiFetch<Me>(paths.api.me()),
    staleTime: 60_000,
    retry: false,
  });

export function useMe() {
  return useQuery(meQuery());
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
