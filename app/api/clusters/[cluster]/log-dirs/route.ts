import { handle } from '@/lib/api/handler';
import { getLogDirs } from '@/lib/api/ops/storage';
import { clients } from '@/lib/kafka/registry';
import { describeLogDirsReport } from '@/lib/kafka/storage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getLogDirs, async ({ params, query }) => describeLogDirsReport(await clients(params.cluster), query.topic));
