import { handle } from '@/lib/api/handler';
import { deleteGroupTopicOffsets } from '@/lib/api/ops/groups';
import { deleteGroupOffsets } from '@/lib/kafka/groups/reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const DELETE = handle(deleteGroupTopicOffsets, ({ params }) => deleteGroupOffsets(params.cluster, params.group, params.topic));
