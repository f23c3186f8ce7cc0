'use client';
import { useState } from 'react';
import { useNotify } from '@/lib/notify';
import { useCan } from '@/lib/queries/auth';
import { useExecuteReassignmentMutation, usePreviewPlanMutation } from '@/lib/queries/reassignments';
import type { GeneratedPlan, PartitionTarget, ReassignmentPreview } from '@/lib/schemas/reassignments';
import { formatBytes } from '@/components/topics/format';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Badge, Button, Card, CliHint, ErrorPanel, td, th } from '@/components/ui/primitives';
import { TextField } from '@/components/ui/fields';

const ROWS_SHOWN = 500;
const MIB = 1024 * 1024;

function parseReplicas(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}

/** A proposed plan: the moves (each target editable), per-broker effect, the reassignment file and commands, then execute with a throttle. */
export function PlanReview({ cluster, plan }: { cluster: string; plan: GeneratedPlan }) {
  const notify = useNotify();
  const can = useCan('partitions:reassign', { cluster });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [throttle, setThrottle] = useState('10');
  const [checked, setChecked] = useState<ReassignmentPreview | null>(null);
  const preview = usePreviewPlanMutation(cluster);
  const execute = useExecuteReassignmentMutation(cluster);

  const keyOf = (p: { topic: string; partition: number }) => `${p.topic}-${p.partition}`;
  const targets: (PartitionTarget | null)[] = plan.partitions.map((p) => {
    const e = edits[keyOf(p)];
    if (e === undefined) return p;
    const replicas = parseReplicas(e);
    return replicas ? { ...p, replicas } : null;
  });
  const invalid = targets.some((t) => t === null);
  const edited = Object.keys(edits).length > 0;
  const shown: ReassignmentPreview = checked ?? plan;
  const rate = throttle.trim() === '' ? null : Math.round(Number(throttle) * MIB);
  const badThrottle = rate !== null && (!Number.isFinite(rate) || rate < 1024);

  if (plan.moves.length === 0)
    return (
      <Card title="Plan">
        <p className="text-sm" data-testid="plan-empty">
          Nothing to move: the {plan.unchanged} partition(s) in scope are already spread this way.
        </p>
      </Card>
    );

  const run = () =>
    execute.mutate(
      { partitions: targets as PartitionTarget[], throttle: rate },
      {
        onSuccess: (r) => {
          if (r.failed.length) notify.error(`${r.failed.length} partition(s) were not started`, new Error(r.failed[0].error));
          else notify.success(`Reassignment of ${r.started.length} partition(s) started${r.throttle ? ` at ${formatBytes(r.throttle)}/s` : ''}`);
        },
        onError: (err) => notify.error('The reassignment could not start', err),
      },
    );

  return (
    <Card title="Plan" actions={<Badge tone="info">{shown.moves.length} partition(s) move</Badge>}>
      <div data-testid="reassign-plan" className="space-y-3">
        <p className="text-sm">
          {shown.moves.length} partition(s) change, {shown.unchanged} stay as they are; {formatBytes(shown.totalBytes)} will be copied
          {shown.sizesKnown ? '' : ' at least (some brokers did not say their sizes)'}.
        </p>
        <table className="w-full max-w-3xl" data-testid="plan-brokers">
          <thead>
            <tr>
              <th className={th}>Broker</th>
              <th className={th}>Replicas</th>
              <th className={th}>Preferred leaders</th>
              <th className={th}>Copied in</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.brokers.map((b) => (
              <tr key={b.id} data-testid={`plan-broker-${b.id}`}>
                <td className={td}>{b.id}</td>
                <td className={td}>
                  {b.replicasBefore} → <strong>{b.replicasAfter}</strong>
                </td>
                <td className={td}>
                  {b.leadersBefore} → <strong>{b.leadersAfter}</strong>
                </td>
                <td className={td}>{formatBytes(b.bytesIn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="w-full" data-testid="plan-moves">
          <thead>
            <tr>
              <th className={th}>Partition</th>
              <th className={th}>Replicas now</th>
              <th className={th}>Target (first = preferred leader)</th>
              <th className={th}>Copies</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {plan.moves.slice(0, ROWS_SHOWN).map((m) => {
              const k = keyOf(m);
              const bad = edits[k] !== undefined && !parseReplicas(edits[k]);
              return (
                <tr key={k}>
                  <td className={`${td} font-mono`}>{k}</td>
                  <td className={td}>{m.current.join(', ')}</td>
                  <td className={td}>
                    <input
                      aria-label={`Target replicas of ${k}`}
                      aria-invalid={bad}
                      className="w-32 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
                      value={edits[k] ?? m.target.join(',')}
                      onChange={(e) => {
                        setChecked(null);
                        setEdits({ ...edits, [k]: e.target.value });
                      }}
                    />
                  </td>
                  <td className={td}>{m.adding.length ? `${formatBytes(m.bytes)} to ${m.adding.join(', ')}` : 'order only'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {plan.moves.length > ROWS_SHOWN && (
          <p className="text-xs text-slate-500">
            The first {ROWS_SHOWN} moves are shown; the plan holds all {plan.moves.length}.
          </p>
        )}
        <details>
          <summary className="cursor-pointer text-sm">Reassignment file (and the one to move back)</summary>
          <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800" data-testid="plan-json">
            {shown.json}
          </pre>
          <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{shown.rollbackJson}</pre>
        </details>
        {(checked ? checked.commands : plan.commands).map((c) => (
          <CliHint key={c} command={c.replace('--execute', rate ? `--execute --throttle ${rate}` : '--execute')} />
        ))}
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-64">
            <TextField
              label="Replication throttle, MiB/s per broker (empty: none)"
              value={throttle}
              onChange={setThrottle}
              inputMode="decimal"
              ariaLabel="Throttle"
              aria-invalid={badThrottle}
            />
          </div>
          {edited && (
            <Button disabled={invalid || preview.isPending} onClick={() => preview.mutate(targets as PartitionTarget[], { onSuccess: setChecked })}>
              Check the edited plan
            </Button>
          )}
          <GuardedButton
            can={can}
            variant="primary"
            disabled={invalid || badThrottle || execute.isPending || (edited && !checked)}
            onClick={run}
            title={edited && !checked ? 'Check the edited plan first' : undefined}
          >
            Execute reassignment
          </GuardedButton>
        </div>
        {invalid && <p className="text-sm text-red-600">A target is not a list of broker ids.</p>}
        {preview.error && <ErrorPanel title="The edited plan was refused" message={preview.error.message} />}
        {execute.error && <ErrorPanel title="The reassignment could not start" message={execute.error.message} />}
      </div>
    </Card>
  );
}
