'use client';
import Link from 'next/link';
import { paths } from '@/lib/paths';
import { useTopicConnectorsQuery } from '@/lib/queries/connect';
import { Card, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { ConnectClusterProblems, StateBadge } from './shared';

/** The connectors that read (sinks) or write (sources) a topic. */
export function TopicConnectors({ cluster, topic }: { cluster: string; topic: string }) {
  const { data, error, isPending } = useTopicConnectorsQuery(cluster, topic);
  return (
    <Card title="Connectors using this topic">
      {isPending ? (
        <Loading label="Asking the Connect clusters…" />
      ) : error ? (
        <ErrorPanel title="Connectors cannot be listed" message={error.message} />
      ) : (
        <div className="space-y-3">
          <ConnectClusterProblems states={data.connectClusters} />
          {data.connectClusters.length === 0 ? (
            <p className="text-sm text-slate-500">No Connect cluster is configured for this Kafka cluster.</p>
          ) : data.connectors.length === 0 ? (
            <p className="text-sm text-slate-500">No connector reads or writes {topic}.</p>
          ) : (
            <table className="w-full" data-testid="topic-connectors">
              <thead>
                <tr>
                  <th className={th}>Connector</th>
                  <th className={th}>Connect cluster</th>
                  <th className={th}>Uses it as</th>
                  <th className={th}>State</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.connectors.map((k) => (
                  <tr key={`${k.connect}/${k.name}`} data-testid="topic-connector-row">
                    <td className={`${td} font-mono`}>
                      <Link className="text-blue-700 hover:underline dark:text-blue-300" href={paths.connector(cluster, k.connect, k.name)}>
                        {k.name}
                      </Link>
                    </td>
                    <td className={td}>{k.connect}</td>
                    <td className={td}>{k.role === 'reads' ? 'sink (reads)' : k.role === 'writes' ? 'source (writes)' : 'uses'}</td>
                    <td className={td}>
                      <StateBadge state={k.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Card>
  );
}
