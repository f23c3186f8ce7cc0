import { handle } from '@/lib/api/handler';
import { deleteGroup, getGroup } from '@/lib/api/ops/groups';
import { getGroup as describeGroup } from '@/lib/kafka/groups/describe';
import { deleteGroup as removeGroup } from '@/lib/kafka/groups/reset';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getGroup, ({ params }) => describeGroup(params.cluster, params.group));
export const DELETE = handle(deleteGroup, ({ params }) => removeGroup(params.cluster, params.group));
