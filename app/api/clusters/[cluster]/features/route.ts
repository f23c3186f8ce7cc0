import { handle } from '@/lib/api/handler';
import { getFeatures } from '@/lib/api/ops/storage';
import { clients } from '@/lib/kafka/registry';
import { describeFeaturesReport } from '@/lib/kafka/storage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getFeatures, async ({ params }) => describeFeaturesReport(await clients(params.cluster)));
