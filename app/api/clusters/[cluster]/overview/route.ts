import { handle } from '@/lib/api/handler';
import { getOverview } from '@/lib/api/ops/clusters';
import { getOverview as overview } from '@/lib/kafka/overview';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getOverview, ({ params }) => overview(params.cluster));
