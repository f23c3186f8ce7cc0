'use client';
import { useClustersQuery } from '@/lib/queries/clusters';

/** The cluster's bootstrap servers as the CLI's --bootstrap-server wants them. */
export function useBootstrap(cluster: string): string {
  const { data } = useClustersQuery();
  return data?.clusters.find((c) => c.id === cluster)?.bootstrapServers.join(',') ?? 'HOST:9092';
}
