'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { reassignApi } from '@/lib/paths';
import type {
  CancelOutcome,
  ExecuteInput,
  ExecuteOutcome,
  GeneratedPlan,
  GenerateInput,
  PartitionTarget,
  ReassignmentPreview,
  ReassignmentStatus,
  VerifyOutcome,
} from '@/lib/schemas/reassignments';
import { queryKeys } from './keys';

/** Partition reassignment: status (polled while something moves), plan, preview, execute, verify, cancel (lib/api/ops/reassignments.ts). */
export function useReassignmentsQuery(cluster: string) {
  return useQuery({
    queryKey: queryKeys.reassignments(cluster),
    queryFn: () => apiFetch<ReassignmentStatus>(reassignApi.status(cluster)),
    refetchInterval: (q) => (q.state.data?.ongoing.length ? 2_000 : 15_000),
    retry: false,
  });
}

export function useGeneratePlanMutation(cluster: string) {
  return useMutation({ mutationFn: (body: GenerateInput) => apiFetch<GeneratedPlan>(reassignApi.generate(cluster), { method: 'POST', body }) });
}

export function usePreviewPlanMutation(cluster: string) {
  return useMutation({
    mutationFn: (partitions: PartitionTarget[]) => apiFetch<ReassignmentPreview>(reassignApi.preview(cluster), { method: 'POST', body: { partitions } }),
  });
}

function useInvalidate(cluster: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.reassignments(cluster) });
    void qc.invalidateQueries({ queryKey: queryKeys.overview(cluster) });
    void qc.invalidateQueries({ queryKey: queryKeys.topics(cluster) });
  };
}

export function useExecuteReassignmentMutation(cluster: string) {
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (body: ExecuteInput) => apiFetch<ExecuteOutcome>(reassignApi.status(cluster), { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useVerifyReassignmentMutation(cluster: string) {
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (partitions: PartitionTarget[]) => apiFetch<VerifyOutcome>(reassignApi.verify(cluster), { method: 'POST', body: { partitions } }),
    onSuccess: invalidate,
  });
}

export function useCancelReassignmentMutation(cluster: string) {
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (partitions: { topic: string; partition: number }[]) =>
      apiFetch<CancelOutcome>(reassignApi.cancel(cluster), { method: 'POST', body: { partitions } }),
    onSuccess: invalidate,
  });
}
