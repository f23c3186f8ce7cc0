'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { useNotify } from '@/lib/notify';
import { schemaApi, withQuery } from '@/lib/paths';
import type {
  CompatibilityChange,
  CompatibilityLevel,
  CompatibilityResult,
  DeleteSubjectResult,
  RegisterResult,
  RegistryInfo,
  SchemaInput,
  SchemaVersion,
  SubjectDetail,
  SubjectList,
  TopicSubjects,
} from '@/lib/schemas/schema-registry';
import { queryKeys } from './keys';

/** The schema registry: queries and mutations (lib/api/ops/schemas.ts). */

export function useRegistryInfo(cluster: string) {
  return useQuery({ queryKey: [...queryKeys.schemas(cluster), 'info'], queryFn: () => apiFetch<RegistryInfo>(schemaApi.info(cluster)), retry: false });
}

export function useSubjects(cluster: string, search: string, deleted: boolean) {
  return useQuery({
    queryKey: [...queryKeys.schemas(cluster), 'subjects', search, deleted],
    queryFn: () => apiFetch<SubjectList>(withQuery(schemaApi.subjects(cluster), { search, deleted: deleted ? 'true' : undefined })),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSubject(cluster: string, subject: string | null) {
  return useQuery({
    queryKey: [...queryKeys.schemas(cluster), 'subject', subject],
    queryFn: () => apiFetch<SubjectDetail>(schemaApi.subject(cluster, subject as string)),
    enabled: subject !== null,
    retry: false,
  });
}

export function useSchemaVersion(cluster: string, subject: string | null, version: number | null) {
  return useQuery({
    queryKey: [...queryKeys.schemas(cluster), 'subject', subject, 'version', version],
    queryFn: () => apiFetch<SchemaVersion>(schemaApi.version(cluster, subject as string, version as number)),
    enabled: subject !== null && version !== null,
    staleTime: Number.POSITIVE_INFINITY, // a registered version never changes
    retry: false,
  });
}

function useInvalidate(cluster: string) {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: queryKeys.schemas(cluster) });
}

export function useCheckSchema(cluster: string, subject: string) {
  return useMutation({ mutationFn: (input: SchemaInput) => apiFetch<CompatibilityResult>(schemaApi.check(cluster, subject), { method: 'POST', body: input }) });
}

export function useRegisterSchema(cluster: string, subject: string) {
  const notify = useNotify();
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (input: SchemaInput) => apiFetch<RegisterResult>(schemaApi.register(cluster, subject), { method: 'POST', body: input }),
    onSuccess: (r) => {
      notify.success(`Registered under ${subject}: schema id ${r.id}${r.version ? `, version ${r.version}` : ''}`);
      invalidate();
    },
  });
}

export function useSetCompatibility(cluster: string, subject: string | null) {
  const notify = useNotify();
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (compatibility: CompatibilityLevel) =>
      apiFetch<CompatibilityChange>(subject === null ? schemaApi.config(cluster) : schemaApi.subjectConfig(cluster, subject), {
        method: 'PUT',
        body: { compatibility },
      }),
    onSuccess: (r) => {
      notify.success(`Compatibility of ${subject ?? 'the registry'}: ${r.before ?? 'global'} → ${r.after}`);
      invalidate();
    },
    onError: (err) => notify.error('Changing the compatibility failed', err),
  });
}

export function useDeleteSubject(cluster: string, subject: string) {
  const notify = useNotify();
  const invalidate = useInvalidate(cluster);
  return useMutation({
    mutationFn: (input: { permanent: boolean; confirm: string }) =>
      apiFetch<DeleteSubjectResult>(schemaApi.subject(cluster, subject), { method: 'DELETE', body: input }),
    onSuccess: (r) => {
      notify.success(`${r.permanent ? 'Permanently deleted' : 'Soft-deleted'} ${subject} (versions ${r.versions.join(', ') || 'none'})`);
      invalidate();
    },
    onError: (err) => notify.error(`Deleting ${subject} failed`, err),
  });
}

export function useTopicSubjects(cluster: string, topic: string) {
  return useQuery({
    queryKey: [...queryKeys.schemas(cluster), 'topic', topic],
    queryFn: () => apiFetch<TopicSubjects>(schemaApi.topic(cluster, topic)),
    retry: false,
  });
}
