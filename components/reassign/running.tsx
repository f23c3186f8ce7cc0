'use client';
import { useEffect, useRef, useState } from 'react';
import { useNotify } from '@/lib/notify';
import { useCan } from '@/lib/queries/auth';
import {
  useCancelReassignmentMutation,
  useExecuteReassignmentMutation,
  useReassignmentsQuery,
  useVerifyReassignmentMutation,
} from '@/lib/queries/reassignments';
import type { ReassignmentRun } from '@/lib/schemas/reassignments';
import { formatBytes } from '@/components/topics/format';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Badge, Card, CliHint, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';

const ROWS_SHOWN = 200;

function Progress({ done, total }: { done: number | null; total: number | null }) {
  if (done === null || !total) return <span className="text-slate-500">{done === null ? 'unknown' : formatBytes(done)}</span>;
  const pct = Math.min(100, Math.round((done / total) * 100));
  return (
    <span className="flex items-center gap-2">
      <span className="h-2 w-24 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <span className="block h-2 bg-blue-600" style={{ width: `${pct}%` }} />
      </span>
      <span className="text-xs">
        {formatBytes(done)} of {formatBytes(total)} ({pct}%)
      </span>
    </span>
  );
}

const toTargets = (r: ReassignmentRun, which: 'previous' | 'target') =>
  r.partitions.map((p) => ({ topic: p.topic, partition: p.partition, replicas: p[which] }));

/** What moves now (whoever started it), the throttle left on brokers, and the console's recent runs with verify and move back. */
export function RunningReassignments({ cluster }: { cluster: string }) {
  const status = useReassignmentsQuery(cluster);
  const cancel = useCancelReassignmentMutation(cluster);
  const verify = useVerifyReassignmentMutation(cluster);
  const execute = useExecuteReassignmentMutation(cluster);
  const notify = useNotify();
  const can = useCan('partitions:reassign', { cluster });
  const [confirmBack, setConfirmBack] = useState<string | null>(null);
  const verified = useRef(new Set<string>());

  const doVerify = (r: ReassignmentRun) =>
    verify.mutate(toTargets(r, 'target'), {
      onSuccess: (v) => {
        const removed = v.removedThrottles.topics.length + v.removedThrottles.brokers.length;
        notify.success(
          v.partitions.every((p) => p.state === 'complete')
            ? `Reassignment complete${removed ? '; throttle configs removed' : ''}`
            : `${v.partitions.filter((p) => p.state !== 'complete').length} partition(s) are not on their target yet`,
        );
      },
      onError: (err) => notify.error('Verifying the reassignment failed', err),
    });

  // A finished run whose throttle is still on the brokers is verified once, as kafka-reassign-partitions
  // --verify would be, so the throttle does not outlive the move (even one that finished between polls).
  const runs = status.data?.runs;
  const throttled = (status.data?.throttledBrokers.length ?? 0) > 0 && (status.data?.ongoing.length ?? 0) === 0;
  useEffect(() => {
    if (!throttled) return;
    for (const r of runs ?? []) {
      if (r.state === 'done' && r.throttle !== null && !verified.current.has(r.id)) {
        verified.current.add(r.id);
        doVerify(r);
      }
    }
  });

  if (status.isPending) return <Loading label="Asking which partitions are moving…" />;
  if (status.error) return <ErrorPanel title="Reassignments could not be listed" message={status.error.message} />;
  const s = status.data;
  return (
    <>
      <Card title="Moving now" actions={s.ongoing.length ? <Badge tone="warn">{s.ongoing.length} partition(s)</Badge> : <Badge tone="good">none</Badge>}>
        {s.ongoing.length === 0 ? (
          <p className="text-sm" data-testid="no-reassignments">
            No partition is being reassigned.
          </p>
        ) : (
          <div className="space-y-2">
            <table className="w-full" data-testid="ongoing-reassignments">
              <thead>
                <tr>
                  <th className={th}>Partition</th>
                  <th className={th}>Replicas</th>
                  <th className={th}>Adding</th>
                  <th className={th}>Removing</th>
                  <th className={th}>Copied</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {s.ongoing.slice(0, ROWS_SHOWN).map((o) => (
                  <tr key={`${o.topic}-${o.partition}`}>
                    <td className={`${td} font-mono`}>
                      {o.topic}-{o.partition}
                    </td>
                    <td className={td}>{o.replicas.join(', ')}</td>
                    <td className={td}>{o.adding.join(', ') || '—'}</td>
                    <td className={td}>{o.removing.join(', ') || '—'}</td>
                    <td className={td}>
                      {o.copied.map((c) => (
                        <div key={c.broker} className="flex items-center gap-2">
                          <span className="w-16 text-xs">broker {c.broker}</span>
                          <Progress done={c.bytes} total={o.leaderBytes} />
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <GuardedButton
              can={can}
              variant="danger"
              disabled={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  s.ongoing.map((o) => ({ topic: o.topic, partition: o.partition })),
                  {
                    onSuccess: (r) => notify.success(`Cancelled ${r.cancelled.length} reassignment(s): those partitions keep their original replicas`),
                    onError: (err) => notify.error('Cancelling the reassignments failed', err),
                  },
                )
              }
            >
              Cancel all ({s.ongoing.length})
            </GuardedButton>
            <CliHint command="kafka-reassign-partitions --bootstrap-server <bootstrap> --reassignment-json-file reassignment.json --cancel" />
          </div>
        )}
        {s.throttledBrokers.length > 0 && (
          <p className="mt-3 text-sm text-amber-700 dark:text-amber-300" data-testid="throttled-brokers">
            Replication throttle set on broker(s){' '}
            {s.throttledBrokers.map((t) => `${t.broker} (${formatBytes(Number(t.followerRate ?? t.leaderRate))}/s)`).join(', ')}
            {s.ongoing.length ? '.' : ': nothing is moving, so it is left over. Verify the run that set it to remove it.'}
          </p>
        )}
      </Card>
      {s.runs.length > 0 && (
        <Card title="Recent runs">
          {s.runsNote && <p className="text-sm text-amber-700">{s.runsNote}</p>}
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="reassignment-runs">
            {s.runs.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 py-2 text-sm" data-testid={`run-${r.id}`}>
                <Badge tone={r.state === 'running' ? 'warn' : r.state === 'done' ? 'good' : 'default'}>{r.state}</Badge>
                <span>{new Date(r.time).toLocaleString()}</span>
                <span>
                  {r.partitions.length} partition(s) of {[...new Set(r.partitions.map((p) => p.topic))].slice(0, 3).join(', ')}
                </span>
                {r.throttle !== null && <span className="text-xs text-slate-500">throttle {formatBytes(r.throttle)}/s</span>}
                {r.state !== 'running' && (
                  <GuardedButton can={can} className="px-2 py-0.5 text-xs" disabled={verify.isPending} onClick={() => doVerify(r)}>
                    Verify
                  </GuardedButton>
                )}
                {r.state === 'done' &&
                  (confirmBack === r.id ? (
                    <span className="flex items-center gap-2">
                      <span>Move these partitions back to the replicas they had?</span>
                      <GuardedButton
                        can={can}
                        variant="primary"
                        className="px-2 py-0.5 text-xs"
                        disabled={execute.isPending}
                        onClick={() =>
                          execute.mutate(
                            { partitions: toTargets(r, 'previous'), throttle: r.throttle },
                            {
                              onSuccess: (o) => {
                                setConfirmBack(null);
                                notify.success(`Moving ${o.started.length} partition(s) back`);
                              },
                              onError: (err) => notify.error('Moving back failed', err),
                            },
                          )
                        }
                      >
                        Move back
                      </GuardedButton>
                    </span>
                  ) : (
                    <GuardedButton can={can} className="px-2 py-0.5 text-xs" onClick={() => setConfirmBack(r.id)}>
                      Move back…
                    </GuardedButton>
                  ))}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
