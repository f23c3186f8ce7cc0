import { handle } from '@/lib/api/handler';
import { deleteShareTopicOffsets } from '@/lib/api/ops/groups';
import { deleteShareTopicOffsets as deleteShareOffsets } from '@/lib/kafka/groups/share-reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const DELETE = handle(deleteShareTopicOffsets, ({ params }) => deleteShareOffsets(params.cluster, params.group, params.topic));
