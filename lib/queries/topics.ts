'use client';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { paths, withQuery } from '@/lib/paths';
import type { AddPartitionsOutcome, CreateTopicOutcome, DeletedTopic, TopicDetail, TopicList } from '@/lib/types';
import type { AddPartitionsInput, CreateTopicInput, TopicListParams } from '@/lib/schemas/topics';
import { useNotify } from '@/lib/notify';
import { queryKeys } from './keys';

export const topicsQuery = (cluster: string, params: TopicListParams) =>
  queryOptions({
    queryKey: queryKeys.topicList(cluster, { ...params }),
    queryFn: () => apiFetch<TopicList>(withQuery(paths.api.topics(cluster), { ...params })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    retry: false,
  });

export const topicQuery = (cluster: string, topic: string) =>
  queryOptions({
    queryKey: queryKeys.topic(cluster, topic),
    queryFn: () => apiFetch<TopicDetail>(paths.api.topic(cluster, topic)),
    refetchInterval: 10_000,
    retry: false,
  });

/** `initial`: this page as the server already read it (see app/clusters/[cluster]/topics/page.tsx). */
export function useTopicsQuery(cluster: string, params: TopicListParams, enabled = true, initial?: { data: TopicList; at: number }) {
  return useQuery({ ...topicsQuery(cluster, params), enabled, initialData: initial?.data, initialDataUpdatedAt: initial?.at });
}

export function useTopicQuery(cluster: string, topic: string) {
  return useQuery(topicQuery(cluster, topic));
}

export function useCreateTopicMutation(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (input: CreateTopicInput) => apiFetch<CreateTopicOutcome>(paths.api.topics(cluster), { method: 'POST', body: input }),
    onSuccess: (r) => {
      if (!r.created) return;
      notify.success(`Created topic ${r.name}`);
      void qc.invalidateQueries({ queryKey: queryKeys.topics(cluster) });
    },
    onError: (err, input) => notify.error(`Failed to create topic ${input.name}`, err),
  });
}

export function useDeleteTopicMutation(cluster: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    /** `confirm`: the topic's name as the user typed it; the API refuses the delete unless it matches. */
    mutationFn: ({ topic, confirm }: { topic: string; confirm: string }) =>
      apiFetch<DeletedTopic>(paths.api.topic(cluster, topic), { method: 'DELETE', body: { confirm } }),
    onSuccess: (_r, { topic }) => {
      notify.success(`Deleted topic ${topic}`);
      qc.removeQueries({ queryKey: queryKeys.topic(cluster, topic) });
      void qc.invalidateQueries({ queryKey: queryKeys.topics(cluster) });
    },
    onError: (err, { topic }) => notify.error(`Failed to delete topic ${topic}`, err),
  });
}

export function useAddPartitionsMutation(cluster: string, topic: string) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (input: AddPartitionsInput) => apiFetch<AddPartitionsOutcome>(paths.api.topicPartitions(cluster, topic), { method: 'POST', body: input }),
    onSuccess: (r) => {
      if (r.validateOnly) return;
      notify.success(`Topic ${topic} now has ${r.to} partitions`);
      void qc.invalidateQueries({ queryKey: queryKeys.topic(cluster, topic) });
    },
    onError: (err) => notify.error(`Failed to add partitions to topic ${topic}`, err),
  });
}
