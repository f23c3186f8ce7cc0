'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { connectCurl } from '@/lib/connect/curl';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import { useClustersQuery } from '@/lib/queries/clusters';
import { useConnectorAction, useConnectorsQuery } from '@/lib/queries/connect';
import { connectorState, type ConnectorSummary } from '@/lib/schemas/connect';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { ConnectClusterProblems, StateBadge } from './shared';

const key = (k: { connect: string; name: string }) => `${k.connect}/${k.name}`;
const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';

/** Every connector of every Connect cluster of the Kafka cluster in one table, with filters and a bulk restart of failed tasks. */
export function ConnectorsView({ cluster }: { cluster: string }) {
  const router = useRouter();
  const [state, setState] = useState('');
  const [type, setType] = useState('');
  const { data, error, isPending } = useConnectorsQuery(cluster, { state: state || undefined, type: type || undefined });
  const clusters = useClustersQuery().data?.clusters;
  const connects = clusters?.find((c) => c.id === cluster)?.connect ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState(false);
  const canWrite = useCan('connect:write', { cluster });
  const canOperate = useCan('connect:operate', { cluster });
  const chosen = (data?.connectors ?? []).filter((k) => selected.has(key(k)));
  const toggle = (k: ConnectorSummary) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(key(k))) n.delete(key(k));
      else n.add(key(k));
      return n;
    });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Kafka Connect</h1>
        <GuardedButton
          can={canWrite}
          variant="primary"
          className="ml-auto"
          disabled={connects.length === 0}
          onClick={() => router.push(paths.connectNew(cluster))}
        >
          New connector
        </GuardedButton>
      </div>
      {connects.length === 0 && clusters && (
        <p className="text-sm text-slate-500">
          No Connect cluster is configured for this Kafka cluster. Add one under <code>connect</code> in the console config (see docs/connect.md).
        </p>
      )}
      {data && <ConnectClusterProblems states={data.connectClusters} />}
      {bulk && chosen.length > 0 && <BulkRestart cluster={cluster} connectors={chosen} onClose={() => setBulk(false)} />}
      <Card
        title="Connectors"
        actions={
          <div className="flex items-center gap-2">
            <select aria-label="State" className={selectClass} value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">every state</option>
              {connectorState.options.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <select aria-label="Type" className={selectClass} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">sources and sinks</option>
              <option value="source">sources</option>
              <option value="sink">sinks</option>
            </select>
            <GuardedButton can={canOperate} disabled={chosen.length === 0} onClick={() => setBulk(true)}>
              Restart failed tasks ({chosen.length})
            </GuardedButton>
          </div>
        }
      >
        {isPending ? (
          <Loading label="Asking the Connect clusters…" />
        ) : error ? (
          <ErrorPanel title="Connectors cannot be listed" message={error.message} />
        ) : data.connectors.length === 0 ? (
          <p className="text-sm text-slate-500">No connector{state || type ? ' matches these filters' : ''}.</p>
        ) : (
          <table className="w-full" data-testid="connectors-table">
            <thead>
              <tr>
                <th className={th}>
                  <span className="sr-only">Select</span>
                </th>
                <th className={th}>Name</th>
                <th className={th}>Connect cluster</th>
                <th className={th}>Type</th>
                <th className={th}>Class</th>
                <th className={th}>State</th>
                <th className={th}>Tasks running</th>
                <th className={th}>Tasks failed</th>
                <th className={th}>Topics</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.connectors.map((k) => (
                <tr key={key(k)} data-testid="connector-row" data-name={k.name}>
                  <td className={td}>
                    <input type="checkbox" aria-label={`Select ${k.name}`} checked={selected.has(key(k))} onChange={() => toggle(k)} />
                  </td>
                  <td className={`${td} font-mono`}>
                    <Link className="text-blue-700 hover:underline dark:text-blue-300" href={paths.connector(cluster, k.connect, k.name)}>
                      {k.name}
                    </Link>
                  </td>
                  <td className={td}>{k.connect}</td>
                  <td className={td}>{k.type}</td>
                  <td className={`${td} font-mono text-xs`}>{k.class}</td>
                  <td className={td}>
                    <StateBadge state={k.state} />
                  </td>
                  <td className={td}>
                    {k.tasks.running}/{k.tasks.total}
                  </td>
                  <td className={`${td} ${k.tasks.failed ? 'font-semibold text-red-600 dark:text-red-400' : ''}`} data-testid="tasks-failed">
                    {k.tasks.failed}
                  </td>
                  <td className={td}>
                    {k.topics.map((t) => (
                      <Link key={t} className="mr-2 font-mono text-xs text-blue-700 hover:underline dark:text-blue-300" href={paths.topic(cluster, t)}>
                        {t}
                      </Link>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

/** Restart only the failed tasks (and a failed connector instance) of each selected connector. */
function BulkRestart({ cluster, connectors, onClose }: { cluster: string; connectors: ConnectorSummary[]; onClose: () => void }) {
  const action = useConnectorAction(cluster);
  const connects = useClustersQuery().data?.clusters.find((c) => c.id === cluster)?.connect ?? [];
  const [running, setRunning] = useState(false);
  const target = (name: string) => {
    const c = connects.find((x) => x.name === name);
    return { url: c?.url ?? '', basicAuth: c?.basicAuth ?? false };
  };
  return (
    <Card title={`Restart the failed tasks of ${connectors.length} connector(s)`}>
      <p className="text-sm">Tasks that are running are left alone (onlyFailed=true); the worker restarts what it marks RESTARTING.</p>
      {connectors.map((k) => (
        <CliHint key={key(k)} command={connectCurl.restart(target(k.connect), k.name, { includeTasks: true, onlyFailed: true })} />
      ))}
      <div className="mt-3 flex gap-2">
        <Button
          variant="primary"
          disabled={running}
          onClick={async () => {
            setRunning(true);
            for (const k of connectors) {
              await action.mutateAsync({ connect: k.connect, name: k.name, body: { action: 'restart', includeTasks: true, onlyFailed: true } }).catch(() => {});
            }
            setRunning(false);
            onClose();
          }}
        >
          {running ? 'Restarting…' : 'Restart failed tasks'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </Card>
  );
}
