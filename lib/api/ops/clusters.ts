import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import { clusterList } from '@/lib/schemas/clusters';

export const listClusters = op({
  id: 'listClusters',
  permission: 'signed-in',
  method: 'get',
  path: '/api/clusters',
  tag: 'Clusters',
  summary: 'Configured clusters (never their credentials)',
  response: clusterList,
});

export const getOverview = op({
  id: 'getClusterOverview',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/overview',
  tag: 'Clusters',
  summary: 'Cluster id, active controller, brokers and their reachability, partition health, leader skew, API versions',
  params: clusterParams,
  errors: { 404: 'No such cluster configured', 503: 'The bootstrap servers cannot be reached (says which address and why)' },
});
