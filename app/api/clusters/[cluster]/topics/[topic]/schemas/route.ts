import { handle } from '@/lib/api/handler';
import { getTopicSubjects } from '@/lib/api/ops/schemas';
import { browse } from '@/lib/kafka/messages/browse';
import { requireRegistry } from '@/lib/schema-registry/client';
import { topicSubjects } from '@/lib/schema-registry/subjects';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(getTopicSubjects, async ({ params }) => {
  const registry = requireRegistry(params.cluster);
  // The newest records (up to 200) say which schema ids the topic carries.
  const page = await browse(params.cluster, params.topic, { from: 'newest', limit: 200, isolation: 'read_uncommitted', timestamp: undefined });
  const seen = new Map<string, { role: 'key' | 'value'; id: number }>();
  for (const r of page.records) {
    if (r.keySchema) seen.set(`key/${r.keySchema.schemaId}`, { role: 'key', id: r.keySchema.schemaId });
    if (r.valueSchema) seen.set(`value/${r.valueSchema.schemaId}`, { role: 'value', id: r.valueSchema.schemaId });
  }
  return topicSubjects(registry, params.topic, [...seen.values()], page.records.length);
});
