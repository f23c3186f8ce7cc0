'use client';
import { useOverviewQuery } from '@/lib/queries/clusters';
import { ApiClientError } from '@/lib/api-client';
import { Badge, Card, CliHint, ErrorPanel, Loading, Stat, td, th } from '@/components/ui/primitives';

export function OverviewView({ cluster }: { cluster: string }) {
  const { data, error, isPending, isFetching } = useOverviewQuery(cluster);
  if (isPending) return <Loading label="Asking the cluster…" />;
  if (error) {
    const problem = error instanceof ApiClientError ? (error.details as { problem?: string } | undefined)?.problem : undefined;
    const probes =
      (error instanceof ApiClientError ? (error.details as { bootstrap?: { address: string; error: string | null }[] } | undefined)?.bootstrap : undefined) ??
      [];
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-xl font-semibold">Cluster {cluster}</h1>
        <ErrorPanel title={problem ? 'The console cannot sign in to this cluster' : 'The cluster cannot be reached'} message={error.message}>
          {probes.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm" data-testid="bootstrap-probes">
              {probes.map((p) => (
                <li key={p.address} className="font-mono">
                  {p.address}: {p.error ?? 'TCP connect works'}
                </li>
              ))}
            </ul>
          )}
        </ErrorPanel>
      </div>
    );
  }
  const reachable = data.brokers.filter((b) => b.reachable).length;
  const maxLeaders = Math.max(1, ...data.brokers.map((b) => b.leaders));
  const seed = data.brokers.find((b) => b.reachable);
  const seedAddress = `${seed?.host ?? 'HOST'}:${seed?.port ?? 9092}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Cluster overview</h1>
        <span className="font-mono text-sm text-slate-500" data-testid="cluster-id">
          {data.clusterId}
        </span>
        <Badge tone="info">{data.mode === 'kraft' ? 'KRaft' : 'ZooKeeper'}</Badge>
        <span title="Brokers do not report their version: this is the release whose request versions match the ones the broker accepts (ApiVersions)">
          <Badge>Kafka {data.kafkaVersion}</Badge>
        </span>
        {isFetching && <span className="text-xs text-slate-400">refreshing…</span>}
      </div>

      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Stat
          label="Brokers"
          value={`${reachable} / ${data.brokers.length}`}
          tone={reachable === data.brokers.length ? 'good' : 'bad'}
          hint="reachable / known"
        />
        <Stat
          label="Controller"
          value={data.controller.id ?? 'unknown'}
          hint={data.controller.source ? `from ${data.controller.source}` : (data.controller.note ?? '')}
        />
        <Stat label="Topics" value={data.topics.total - data.topics.internal} hint={`not counting ${data.topics.internal} internal topic(s)`} />
        <Stat label="Partitions" value={data.partitions.total} />
        <Stat label="Under-replicated" value={data.partitions.underReplicated} tone={data.partitions.underReplicated ? 'warn' : 'good'} />
        <Stat label="Offline" value={data.partitions.offline} tone={data.partitions.offline ? 'bad' : 'good'} />
      </div>
      {data.controller.note && <p className="text-sm text-amber-700 dark:text-amber-300">{data.controller.note}</p>}
      {data.access.warnings.length > 0 && (
        <div
          role="alert"
          data-testid="access-warnings"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {data.access.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {data.access.principal && (
        <p className="text-xs text-slate-500" data-testid="console-principal">
          Connected as {data.access.principal}
          {data.access.clusterOperations ? ` · allowed on the cluster: ${data.access.clusterOperations.join(', ') || 'nothing'}` : ''}
        </p>
      )}

      <Card title="Brokers">
        <table className="w-full" data-testid="brokers-table">
          <thead>
            <tr>
              <th className={th}>ID</th>
              <th className={th}>Advertised address</th>
              <th className={th}>Rack</th>
              <th className={th}>Status</th>
              <th className={th}>Partition leaders</th>
              <th className={th}>Replicas</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.brokers.map((b) => (
              <tr key={b.id} data-testid={`broker-row-${b.id}`}>
                <td className={td}>
                  {b.id} {b.isController && <Badge tone="info">controller</Badge>}
                </td>
                <td className={`${td} font-mono`}>{b.host ? `${b.host}:${b.port}` : '—'}</td>
                <td className={td}>{b.rack ?? '—'}</td>
                <td className={td}>
                  {b.reachable ? (
                    <Badge tone="good">reachable</Badge>
                  ) : (
                    <span className="flex flex-col gap-0.5">
                      <Badge tone="bad">unreachable</Badge>
                      <span className="text-xs text-red-700 dark:text-red-300">{b.error}</span>
                    </span>
                  )}
                </td>
                <td className={td}>
                  <div className="flex items-center gap-2">
                    <span className="w-10 text-right">{b.leaders}</span>
                    <span className="h-2 rounded bg-blue-500" style={{ width: `${(b.leaders / maxLeaders) * 120}px` }} aria-hidden />
                  </div>
                </td>
                <td className={td}>{b.replicas}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          Leaders per live broker: min {data.leaderSkew.minLeaders}, max {data.leaderSkew.maxLeaders}, average {data.leaderSkew.average.toFixed(1)}. Leaders
          piled on one broker overload it.
        </p>
        <CliHint command={`kafka-broker-api-versions --bootstrap-server ${seedAddress}`} />
      </Card>

      <Card title="Controller quorum">
        {data.quorum ? (
          <div className="space-y-1 text-sm" data-testid="quorum">
            <p>
              Leader: node {data.quorum.leaderId} (epoch {data.quorum.leaderEpoch})
            </p>
            <p>Voters: {data.quorum.voters.join(', ') || '—'}</p>
            <p>Observers: {data.quorum.observers.join(', ') || '—'}</p>
          </div>
        ) : data.mode === 'zookeeper' ? (
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="quorum">
            This cluster keeps its metadata in ZooKeeper, so it has no KRaft controller quorum. Its controller is the broker elected through ZooKeeper, shown
            above as the brokers&apos; Metadata reports it.
          </p>
        ) : (
          <p className="text-sm text-amber-700 dark:text-amber-300" data-testid="quorum">
            The quorum could not be read: {data.controller.note ?? 'DescribeQuorum gave no answer'}
          </p>
        )}
        <CliHint
          command={
            data.mode === 'zookeeper'
              ? 'zookeeper-shell ZOOKEEPER_CONNECT get /controller'
              : `kafka-metadata-quorum --bootstrap-server ${seedAddress} describe --status`
          }
        />
      </Card>

      <Card title="API versions (seed broker)">
        <details>
          <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-300">{data.apiVersions.length} APIs supported</summary>
          <div className="mt-2 grid grid-cols-2 gap-x-6 text-xs md:grid-cols-3 xl:grid-cols-4">
            {data.apiVersions.map((a) => (
              <div key={a.apiKey} className="flex justify-between border-b border-slate-100 py-0.5 font-mono dark:border-slate-800">
                <span>
                  {a.apiKey} {a.name}
                </span>
                <span>
                  v{a.minVersion}–{a.maxVersion}
                </span>
              </div>
            ))}
          </div>
        </details>
      </Card>
    </div>
  );
}
