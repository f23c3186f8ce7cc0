'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { useNotify } from '@/lib/notify';
import { securityApi, withQuery } from '@/lib/paths';
import type {
  AclBinding,
  AclFilter,
  AclList,
  AclListQuery,
  AclPreview,
  AclWizard,
  CreateAclsOutcome,
  DeleteAclsOutcome,
  DeletePreview,
  ExplainQuestion,
  Explanation,
} from '@/lib/schemas/acls';
import type { AlterQuotaInput, AlterQuotaOutcome, QuotaList } from '@/lib/schemas/quotas';
import type { ScramUserList, ScramUserOutcome } from '@/lib/schemas/users';
import { queryKeys } from './keys';

/** ACLs, SCRAM users and quotas: queries and mutations (lib/api/ops/acls.ts, users.ts, quotas.ts). */

export function useAclsQuery(cluster: string, q: Partial<AclListQuery>) {
  return useQuery({
    queryKey: [...queryKeys.acls(cluster), 'list', q],
    queryFn: () => apiFetch<AclList>(withQuery(securityApi.acls(cluster), { ...q })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useResourceAclsQuery(cluster: string, kind: 'topic' | 'group', name: string) {
  return useQuery({
    queryKey: [...queryKeys.acls(cluster), kind, name],
    queryFn: () =>
      apiFetch<{ bindings: AclBinding[]; authorizer: boolean }>(kind === 'topic' ? securityApi.topicAcls(cluster, name) : securityApi.groupAcls(cluster, name)),
    retry: false,
  });
}

export function useAclPreview(cluster: string) {
  return useMutation({
    mutationFn: (wizard: AclWizard) => apiFetch<AclPreview>(securityApi.aclPreview(cluster), { method: 'POST', body: { wizard } }),
  });
}

export function useCreateAcls(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (bindings: AclBinding[]) => apiFetch<CreateAclsOutcome>(securityApi.acls(cluster), { method: 'POST', body: { bindings } }),
    onSuccess: (r) => {
      const failed = r.created.filter((c) => c.error);
      if (failed.length) notify.error(`${failed.length} of ${r.created.length} binding(s) were refused`, new Error(failed[0].error ?? ''));
      else notify.success(`Created ${r.created.length} ACL binding(s)`);
      void qc.invalidateQueries({ queryKey: queryKeys.acls(cluster) });
    },
    onError: (err) => notify.error('Creating the ACLs failed', err),
  });
}

export function useAclDeletePreview(cluster: string) {
  return useMutation({
    mutationFn: (filter: AclFilter) => apiFetch<DeletePreview>(securityApi.aclDeletePreview(cluster), { method: 'POST', body: { filter } }),
  });
}

export function useDeleteAcls(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ bindings, confirm }: { bindings: AclBinding[]; confirm: string }) =>
      apiFetch<DeleteAclsOutcome>(securityApi.acls(cluster), { method: 'DELETE', body: { bindings, confirm } }),
    onSuccess: (r) => {
      notify.success(`Deleted ${r.deleted.filter((d) => d.deleted).length} ACL binding(s)`);
      void qc.invalidateQueries({ queryKey: queryKeys.acls(cluster) });
    },
    onError: (err) => notify.error('Deleting the ACLs failed', err),
  });
}

export function useExplain(cluster: string) {
  return useMutation({
    mutationFn: (q: ExplainQuestion) => apiFetch<Explanation>(withQuery(securityApi.aclExplain(cluster), { ...q })),
  });
}

export function useScramUsersQuery(cluster: string) {
  return useQuery({ queryKey: queryKeys.users(cluster), queryFn: () => apiFetch<ScramUserList>(securityApi.users(cluster)), retry: false });
}

export type UserChange =
  | { kind: 'create'; user: string; mechanism: string; iterations: number; password: string }
  | { kind: 'change'; user: string; mechanism: string; iterations: number; password: string }
  | { kind: 'delete'; user: string; mechanism: string; confirm: string };

export function useScramUserMutation(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (c: UserChange) =>
      c.kind === 'create'
        ? apiFetch<ScramUserOutcome>(securityApi.users(cluster), {
            method: 'POST',
            body: { user: c.user, mechanism: c.mechanism, iterations: c.iterations, password: c.password },
          })
        : c.kind === 'change'
          ? apiFetch<ScramUserOutcome>(securityApi.user(cluster, c.user), {
              method: 'PUT',
              body: { mechanism: c.mechanism, iterations: c.iterations, password: c.password },
            })
          : apiFetch<ScramUserOutcome>(securityApi.user(cluster, c.user), { method: 'DELETE', body: { mechanism: c.mechanism, confirm: c.confirm } }),
    onSuccess: (_r, c) => {
      notify.success(
        c.kind === 'create'
          ? `Created ${c.mechanism} credential for ${c.user}`
          : c.kind === 'change'
            ? `Changed the password of ${c.user}`
            : `Deleted ${c.mechanism} credential of ${c.user}`,
      );
      void qc.invalidateQueries({ queryKey: queryKeys.users(cluster) });
    },
    onError: (err, c) => notify.error(`Failed to ${c.kind} the credential of ${c.user}`, err),
  });
}

export function useQuotasQuery(cluster: string, entityType: string) {
  return useQuery({
    queryKey: [...queryKeys.quotas(cluster), entityType],
    queryFn: () => apiFetch<QuotaList>(withQuery(securityApi.quotas(cluster), { entityType })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useAlterQuota(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (input: AlterQuotaInput) => apiFetch<AlterQuotaOutcome>(securityApi.quotas(cluster), { method: 'PUT', body: input }),
    onSuccess: (r) => {
      if (r.validateOnly) return;
      notify.success('Quotas changed');
      void qc.invalidateQueries({ queryKey: queryKeys.quotas(cluster) });
    },
    onError: (err) => notify.error('Changing the quotas failed', err),
  });
}
