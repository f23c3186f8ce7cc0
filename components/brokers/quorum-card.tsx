'use client';
import { useFeaturesQuery, useQuorumQuery } from '@/lib/queries/storage';
import type { QuorumReport } from '@/lib/schemas/storage';
import { formatCount } from '@/components/topics/format';
import { Badge, Card, CliHint, ErrorPanel, Loading, th, td } from '@/components/ui/primitives';

type Replica = Extract<QuorumReport, { applies: true }>['voters'][number];

function ago(ts: number | null): string {
  if (ts === null) return '—';
  const ms = Date.now() - ts;
  return ms < 1000 ? 'just now' : `${Math.round(ms / 1000)} s ago`;
}

/** The KRaft metadata quorum (kafka-metadata-quorum describe --status --replication). */
export function QuorumCard({ cluster }: { cluster: string }) {
  const { data, error, isPending } = useQuorumQuery(cluster);
  if (isPending) return <Loading label="Describing the quorum…" />;
  if (error) return <ErrorPanel title="The quorum could not be described" message={error.message} />;
  if (!data.applies)
    return (
      <Card title="KRaft quorum">
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="quorum-not-applicable">
          Does not apply: {data.reason}
        </p>
      </Card>
    );
  const rows: Replica[] = [...data.voters, ...data.observers];
  return (
    <Card title="KRaft quorum">
      <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="quorum-status">
        <div>
          <dt className="text-xs text-slate-500">Leader</dt>
          <dd data-testid="quorum-leader">{data.leaderId}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Epoch</dt>
          <dd data-testid="quorum-epoch">{data.leaderEpoch}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">High watermark</dt>
          <dd>{formatCount(data.highWatermark)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Max follower lag</dt>
          <dd>{formatCount(data.maxFollowerLag)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Max follower lag time</dt>
          <dd>{data.maxFollowerLagTimeMs === null ? '—' : `${formatCount(data.maxFollowerLagTimeMs)} ms`}</dd>
        </div>
      </dl>
      <table className="w-full" data-testid="quorum-replicas">
        <thead>
          <tr>
            <th className={th}>Node</th>
            <th className={th}>Role</th>
            <th className={th}>Log end offset</th>
            <th className={th}>Lag</th>
            <th className={th}>Last fetch</th>
            <th className={th}>Last caught up</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={`${r.status}:${r.id}`} data-testid={`quorum-node-${r.id}`}>
              <td className={td}>{r.id}</td>
              <td className={td}>
                <Badge tone={r.status === 'Leader' ? 'info' : 'default'}>{r.status}</Badge>
              </td>
              <td className={td}>{r.logEndOffset < 0 ? 'unknown' : formatCount(r.logEndOffset)}</td>
              <td className={td}>{r.lag === null ? '—' : <Badge tone={r.lag > 1000 ? 'warn' : 'good'}>{formatCount(r.lag)}</Badge>}</td>
              <td className={td}>{ago(r.lastFetchTimestamp)}</td>
              <td className={td}>{ago(r.lastCaughtUpTimestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CliHint command={data.command} />
    </Card>
  );
}

/** Finalized feature levels (kafka-features describe). */
export function FeaturesCard({ cluster }: { cluster: string }) {
  const { data, error, isPending } = useFeaturesQuery(cluster);
  if (isPending) return <Loading label="Reading feature levels…" />;
  if (error) return <ErrorPanel title="Feature levels could not be read" message={error.message} />;
  return (
    <Card title="Feature levels">
      {data.note && (
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-300" data-testid="features-note">
          {data.note}
        </p>
      )}
      {data.features.length > 0 && (
        <table className="w-full" data-testid="features">
          <thead>
            <tr>
              <th className={th}>Feature</th>
              <th className={th}>Finalized level</th>
              <th className={th}>Supported</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.features.map((f) => (
              <tr key={f.name} data-testid={`feature-${f.name}`}>
                <td className={`${td} font-mono`}>{f.name}</td>
                <td className={td} data-testid="feature-level">
                  {f.finalizedLevel === null ? (
                    <Badge>unknown</Badge>
                  ) : f.finalizedName ? (
                    `${f.finalizedName} (${f.finalizedLevel})`
                  ) : f.finalizedLevel === 0 ? (
                    <>
                      0 <Badge>off</Badge>
                    </>
                  ) : (
                    f.finalizedLevel
                  )}
                </td>
                <td className={td}>
                  {f.supportedMinName ?? f.supportedMin ?? '—'} – {f.supportedMaxName ?? f.supportedMax ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CliHint command={data.command} />
    </Card>
  );
}
