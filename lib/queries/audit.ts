'use client';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { paths, withQuery } from '@/lib/paths';
import type { AuditPage, AuditRow, UndoOutcome } from '@/lib/types';
import type { AuditFilters } from '@/lib/schemas/audit';
import { useNotify } from '@/lib/notify';
import { queryKeys } from './keys';

export const auditQuery = (filters: AuditFilters) =>
  queryOptions({
    queryKey: queryKeys.auditList({ ...filters }),
    queryFn: () => apiFetch<AuditPage>(withQuery(paths.api.audit(), { ...filters })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    retry: false,
  });

export function useAuditQuery(filters: AuditFilters) {
  return useQuery(auditQuery(filters));
}

/** Undo one entry; refreshes the trail and whatever the undo changed. */
export function useUndoAuditMutation() {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (e: AuditRow) => apiFetch<UndoOutcome>(paths.api.auditUndo(e.id), { method: 'POST', body: { confirm: e.id } }),
    onSuccess: (res, e) => {
      notify.success(`Undid ${e.action} on ${e.resource ?? e.cluster}`);
      const plan = e.undo.plan;
      if (plan?.kind === 'config') {
        void qc.invalidateQueries({
          queryKey:
            plan.resourceType === 'topic' ? queryKeys.topicConfigs(res.cluster, plan.resourceName) : queryKeys.brokerConfigs(res.cluster, plan.resourceName),
        });
      } else if (plan?.kind === 'offsets') {
        void qc.invalidateQueries({ queryKey: queryKeys.group(res.cluster, plan.group) });
      }
    },
    onError: (err, e) => notify.error(`Failed to undo ${e.action} on ${e.resource ?? e.cluster ?? 'the console'}`, err),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.audit() }),
  });
}
