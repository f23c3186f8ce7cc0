import { handle } from '@/lib/api/handler';
import { listClusters } from '@/lib/api/ops/clusters';
import { publicCluster } from '@/lib/config';
import { listClusterConfigs } from '@/lib/kafka/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(listClusters, () => ({ clusters: listClusterConfigs().map(publicCluster) }));
