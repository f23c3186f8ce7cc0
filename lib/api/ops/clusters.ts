import { z } from 'zod';
import { clusterParams, op } from '../operation';

export const listClusters = op({
  id: 'listClusters',
  permission: 'signed-in',
  method: 'get',
  path: '/api/clusters',
  tag: 'Clusters',
  summary: 'Configured clusters (never their credentials)',
  response: z.object({
    clusters: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        bootstrapServers: z.array(z.string()),
        security: z.object({ ssl: z.boolean(), sasl: z.string().nullable() }),
        readOnly: z.boolean().describe('Nobody may change this cluster through the console, whatever their role'),
      }),
    ),
  }),
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
