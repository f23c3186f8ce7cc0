import { op } from '../operation';
import { clusterParams, groupParams, topicParams } from '@/lib/schemas/common';
import {
  groupHistory,
  groupsSummary,
  groupsSummaryQuery,
  historyQuery,
  samplerStatus,
  topicHistory,
  topicsSummary,
  topicsSummaryQuery,
} from '@/lib/schemas/history';
import { z } from 'zod';

/** Lag history: what the server's sampler recorded (lib/history/). Read-only. */

export const getGroupHistory = op({
  id: 'getGroupHistory',
  permission: 'groups:view',
  method: 'get',
  path: '/api/clusters/{cluster}/groups/{group}/history',
  tag: 'History',
  summary:
    'Lag over time (records and time), consumption and production rates, per partition lag, and the time to drain (slowest partition) or "falling behind"',
  params: groupParams,
  query: historyQuery,
  response: groupHistory,
  errors: { 404: 'No such cluster' },
});

export const getTopicHistory = op({
  id: 'getTopicHistory',
  permission: 'topics:view',
  method: 'get',
  path: '/api/clusters/{cluster}/topics/{topic}/history',
  tag: 'History',
  summary: 'Production rate over time (records/s, bytes/s), and the groups consuming the topic with their lag and trend',
  params: topicParams,
  query: historyQuery,
  response: topicHistory,
  errors: { 404: 'No such cluster' },
});

export const getGroupsHistorySummary = op({
  id: 'getGroupsHistorySummary',
  permission: 'groups:view',
  method: 'get',
  path: '/api/clusters/{cluster}/history/groups',
  tag: 'History',
  summary: 'For the rows of a groups list page: a lag sparkline and the lag growth of each group (groups the caller may not see are left out)',
  params: clusterParams,
  query: groupsSummaryQuery,
  response: groupsSummary,
  errors: { 404: 'No such cluster', 413: 'Too many ids' },
});

export const getTopicsHistorySummary = op({
  id: 'getTopicsHistorySummary',
  permission: 'topics:view',
  method: 'get',
  path: '/api/clusters/{cluster}/history/topics',
  tag: 'History',
  summary: 'For the rows of a topics list page: the production rate over the last minutes and the consuming groups with the worst lag',
  params: clusterParams,
  query: topicsSummaryQuery,
  response: topicsSummary,
  errors: { 404: 'No such cluster', 413: 'Too many names' },
});

export const getHistoryStatus = op({
  id: 'getHistoryStatus',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/history/status',
  tag: 'History',
  summary: "The sampler: whether this instance samples, its interval and back-off, the last round's cost (time, CPU, requests) and the store's size",
  params: clusterParams,
  response: z.object({ status: samplerStatus.nullable() }),
  errors: { 404: 'No such cluster' },
});
