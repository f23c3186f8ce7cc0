import { handle } from '@/lib/api/handler';
import { getQuorum } from '@/lib/api/ops/storage';
import { clients } from '@/lib/kafka/registry';
import { describeQuorumReport } from '@/lib/kafka/storage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getQuorum, async ({ params }) => describeQuorumReport(await clients(params.cluster)));
