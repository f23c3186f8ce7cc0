'use client';
import Link from 'next/link';
import { errorMessage } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { useTopicSubjects } from '@/lib/queries/schemas';
import { Badge, Card, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';

/** The topic's Schemas tab: subjects by the topic-name strategy and by the ids its newest records carry. */
export function TopicSchemas({ cluster, topic }: { cluster: string; topic: string }) {
  const { data, error, isPending } = useTopicSubjects(cluster, topic);
  if (isPending) return <Loading />;
  if (error) return <ErrorPanel title="Schemas" message={errorMessage(error)} />;
  return (
    <Card title="Subjects this topic uses">
      {data.subjects.length === 0 ? (
        <p className="text-sm text-slate-500">
          No {topic}-key or {topic}-value subject, and none of the newest {data.sampled} records is in the schema-registry format.
        </p>
      ) : (
        <table className="w-full" data-testid="topic-subjects">
          <thead>
            <tr>
              <th className={th}>Subject</th>
              <th className={th}>Used for</th>
              <th className={th}>Schema ids in records</th>
            </tr>
          </thead>
          <tbody>
            {data.subjects.map((s) => (
              <tr key={s.subject} className="border-t border-slate-100 dark:border-slate-800">
                <td className={td}>
                  <Link className="font-mono text-blue-700 hover:underline dark:text-blue-300" href={paths.schemas(cluster, s.subject)}>
                    {s.subject}
                  </Link>{' '}
                  {s.byTopicName && <Badge>topic name</Badge>}
                </td>
                <td className={td}>{s.role ?? '-'}</td>
                <td className={td}>{s.ids.length ? s.ids.join(', ') : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-2 text-xs text-slate-500">
        From the newest {data.sampled} records{data.unknownIds.length ? `; ids no subject holds: ${data.unknownIds.join(', ')}` : ''}.
      </p>
    </Card>
  );
}
