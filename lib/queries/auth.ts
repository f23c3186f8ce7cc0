'use client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '@/lib/api-client';
import type { accessResponse, me } from '@/lib/api/ops/auth';
import { authPaths } from '@/lib/paths';

export type Me = z.infer<typeof me>;
export type AccessReport = z.infer<typeof accessResponse>;
export type SignIn = AccessReport['signIns'][number];

export const authKeys = {
  me: () => ['auth', 'me'] as const,
  access: (limit: number) => ['auth', 'access', limit] as const,
};

export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: () => apiFetch<Me>(authPaths.me()),
    staleTime: 60_000,
    retry: false,
  });

export const accessQuery = (limit: number) =>
  queryOptions({
    queryKey: authKeys.access(limit),
    queryFn: () => apiFetch<AccessReport>(authPaths.access(limit)),
    refetchInterval: 30_000,
    retry: false,
  });

export function useMeQuery() {
  return useQuery(meQuery());
}

export function useAccessQuery(limit = 50) {
  return useQuery(accessQuery(limit));
}
