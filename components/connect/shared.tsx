'use client';
import type { CurlTarget } from '@/lib/connect/curl';
import { useClustersQuery } from '@/lib/queries/clusters';
import type { ConnectClusterState, ConnectorState } from '@/lib/schemas/connect';
import { Badge } from '@/components/ui/primitives';

const TONE: Record<ConnectorState, 'good' | 'warn' | 'bad' | 'info' | 'default'> = {
  RUNNING: 'good',
  PAUSED: 'warn',
  STOPPED: 'default',
  FAILED: 'bad',
  UNASSIGNED: 'info',
  RESTARTING: 'info',
  UNKNOWN: 'default',
};

export function StateBadge({ state }: { state: ConnectorState }) {
  return (
    <span data-testid="connector-state">
      <Badge tone={TONE[state]}>{state}</Badge>
    </span>
  );
}

/** The worker URL (and whether it takes basic auth) a curl equivalent is written against; the password never reaches the browser. */
export function useCurlTarget(cluster: string, connect: string): CurlTarget {
  const { data } = useClustersQuery();
  const c = data?.clusters.find((x) => x.id === cluster)?.connect.find((k) => k.name === connect);
  return { url: c?.url ?? 'http://CONNECT_WORKER:8083', basicAuth: c?.basicAuth ?? false };
}

/** A Connect cluster that gave no answer: unreachable (503) or rebalancing (409), with its URL; the rest of the page works on. */
export function ConnectClusterProblems({ states }: { states: ConnectClusterState[] }) {
  const bad = states.filter((s) => s.status !== 'ok');
  if (bad.length === 0) return null;
  return (
    <div className="space-y-2">
      {bad.map((s) => (
        <div
          key={s.name}
          role="alert"
          data-testid="connect-cluster-problem"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <strong>
            Connect cluster {s.name} {s.status === 'rebalancing' ? 'is rebalancing' : s.status === 'unreachable' ? 'cannot be reached' : 'failed'}
          </strong>{' '}
          (HTTP {s.httpStatus}, <span className="font-mono">{s.url}</span>): {s.error?.message}
        </div>
      ))}
    </div>
  );
}
