import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import { alterQuotaBody, alterQuotaOutcome, quotaList, quotaListQuery, type AlterQuotaOutcome } from '@/lib/schemas/quotas';

export const listQuotas = op({
  id: 'listQuotas',
  permission: 'security:view',
  method: 'get',
  path: '/api/clusters/{cluster}/quotas',
  tag: 'Quotas',
  summary: 'Client quotas of users, client ids, user+client-id pairs, defaults and IPs (DescribeClientQuotas)',
  params: clusterParams,
  query: quotaListQuery,
  response: quotaList,
  errors: { 403: "The console's Kafka principal may not describe the cluster's configs" },
});

export const alterQuota = op({
  id: 'alterQuota',
  permission: 'quotas:alter',
  method: 'put',
  path: '/api/clusters/{cluster}/quotas',
  tag: 'Quotas',
  summary: "Set and remove quotas of one entity (AlterClientQuotas); the entity's other quotas stay as they are",
  params: clusterParams,
  body: alterQuotaBody,
  mutates: true,
  audit: (r) => {
    const o = r as AlterQuotaOutcome;
    return { resource: `quota ${JSON.stringify(o.entity)}`, before: o.before, after: o.after ?? undefined };
  },
  response: alterQuotaOutcome,
  errors: { 422: 'A key that does not apply to the entity, or a value Kafka refuses' },
});
