'use client';
import { useState } from 'react';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { ApiClientError } from '@/lib/api-client';
import { useCan } from '@/lib/queries/auth';
import { useExecuteResetMutation, usePreviewResetMutation } from '@/lib/queries/groups';
import { resetPreviewBody, type ResetPreviewInput } from '@/lib/schemas/groups';
import type { CommittedRow, GroupDetail, ResetPreview, ResetRow } from '@/lib/types';
import { Badge, Button, Card, CliHint, ErrorPanel } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { VirtualTable, type Column } from './virtual-table';
import { useNotify } from '@/components/ui/notifications';
import { formatCount } from './format';

interface FormValues {
  scope: 'group' | 'topic' | 'partitions';
  topic: string;
  partitions: string;
  strategy: 'earliest' | 'latest' | 'offset' | 'timestamp' | 'shift';
  offset: string;
  timestamp: string;
  shift: string;
}

type Field = keyof FormValues;

/** Where an error on the API body belongs in the form. */
const FIELD_OF: Record<string, Field> = {
  'scope.type': 'scope',
  'scope.topic': 'topic',
  'scope.partitions': 'partitions',
  'strategy.offset': 'offset',
  'strategy.timestamp': 'timestamp',
  'strategy.by': 'shift',
  strategy: 'strategy',
};

function numberOrUndefined(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s.trim());
}

function toBody(v: FormValues): unknown {
  const scope =
    v.scope === 'group'
      ? { type: 'group' }
      : v.scope === 'topic'
        ? { type: 'topic', topic: v.topic.trim() }
        : {
            type: 'partitions',
            topic: v.topic.trim(),
            partitions: v.partitions
              .split(',')
              .filter((x) => x.trim() !== '')
              .map((x) => Number(x.trim())),
          };
  const local = v.timestamp ? new Date(v.timestamp) : null;
  const strategy =
    v.strategy === 'offset'
      ? { type: 'offset', offset: numberOrUndefined(v.offset) }
      : v.strategy === 'timestamp'
        ? { type: 'timestamp', timestamp: local && !Number.isNaN(local.getTime()) ? local.toISOString() : v.timestamp }
        : v.strategy === 'shift'
          ? { type: 'shift', by: numberOrUndefined(v.shift) }
          : { type: v.strategy };
  return { scope, strategy };
}

/** Validates with the same zod schema the API uses, with errors placed on the form's fields. */
const resolver: Resolver<FormValues> = async (values) => {
  const r = resetPreviewBody.safeParse(toBody(values));
  if (r.success) return { values, errors: {} };
  const errors: FieldErrors<FormValues> = {};
  for (const issue of r.error.issues) {
    const path = issue.path.join('.');
    const field = FIELD_OF[path] ?? (path.startsWith('scope.partitions') ? 'partitions' : path.startsWith('scope.topic') ? 'topic' : 'strategy');
    const message =
      field === 'partitions' && path !== 'scope.partitions'
        ? 'Partitions are whole numbers separated by commas'
        : field === 'topic'
          ? 'Choose a topic'
          : issue.message;
    errors[field] ??= { type: 'validation', message };
  }
  return { values: {}, errors };
};

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800 aria-[invalid=true]:border-red-500';

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="text-xs text-red-700 dark:text-red-300">
      {message}
    </span>
  );
}

export function ResetOffsetsForm({ cluster, group }: { cluster: string; group: GroupDetail }) {
  const notify = useNotify();
  const share = group.type === 'share';
  const previewM = usePreviewResetMutation(cluster, group.groupId, share);
  const executeM = useExecuteResetMutation(cluster, group.groupId, share);
  const what = share ? 'start offsets' : 'offsets';
  // Previewing changes nothing (viewers may); writing the offsets, or restoring them, needs groups:reset.
  const canWrite = useCan('groups:reset', { cluster, group: group.groupId });
  const [preview, setPreview] = useState<ResetPreview | null>(null);
  const [result, setResult] = useState<{ kind: 'reset' | 'undo'; committed: CommittedRow[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const topics = group.topics.map((t) => t.topic);
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors },
  } = useForm<FormValues>({
    resolver,
    defaultValues: { scope: 'topic', topic: topics[0] ?? '', partitions: '', strategy: 'earliest', offset: '', timestamp: '', shift: '' },
  });
  const scope = watch('scope');
  const strategy = watch('strategy');
  const active = group.members;

  const onPreview = handleSubmit((values) => {
    setFailure(null);
    setResult(null);
    previewM.mutate(toBody(values) as ResetPreviewInput, {
      onSuccess: (p) => setPreview(p),
      onError: (e) => {
        setPreview(null);
        const field = e instanceof ApiClientError && e.field ? FIELD_OF[e.field] : undefined;
        if (field) setError(field, { type: 'server', message: e.message });
        else setFailure(e.message);
        notify.error(`Failed to preview the offset reset of group ${group.groupId}`, e);
      },
    });
  });

  const write = (kind: 'reset' | 'undo', p: ResetPreview) => {
    if (!canWrite.allowed) return;
    setFailure(null);
    const offsets = p.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: kind === 'reset' ? r.newOffset : r.current }));
    executeM.mutate(
      { offsets },
      {
        onSuccess: (res) => {
          setResult({ kind, committed: res.committed });
          notify.success(
            kind === 'reset'
              ? `Reset the ${what} of group ${group.groupId} (${offsets.length} partitions)`
              : `Restored the previous ${what} of group ${group.groupId}`,
          );
        },
        onError: (e) => {
          setFailure(e.message);
          notify.error(
            kind === 'reset' ? `Failed to reset offsets of group ${group.groupId}` : `Failed to restore the previous offsets of group ${group.groupId}`,
            e,
          );
        },
      },
    );
  };

  return (
    <Card title={share ? 'Reset start offsets' : 'Reset offsets'}>
      {share && (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          A share group&apos;s start offset is the first record of a partition not yet acknowledged or archived; records from the new start offset on are
          delivered again. Kafka changes start offsets (AlterShareGroupOffsets) only while the group is empty.
        </p>
      )}
      {active.length > 0 && (
        <div
          role="alert"
          data-testid="active-members-warning"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          Kafka refuses to reset the {what} of a group with active members. Stop these consumers first:
          <ul className="mt-1 list-disc pl-5">
            {active.map((m) => (
              <li key={m.memberId}>
                {m.clientId} on {m.host} <span className="font-mono text-xs">({m.memberId})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!group.membersKnown && (
        <p className="mb-4 text-sm text-amber-700 dark:text-amber-300">
          The members of this group cannot be described; Kafka will refuse the reset if it has active members.
        </p>
      )}
      <form onSubmit={onPreview} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Reset offsets">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-semibold text-slate-500 uppercase">Scope</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" value="group" {...register('scope')} /> Whole group
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" value="topic" {...register('scope')} /> One topic
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" value="partitions" {...register('scope')} /> Chosen partitions
            </label>
          </div>
          <FieldError id="scope-error" message={errors.scope?.message} />
          {scope !== 'group' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="reset-topic" className="text-xs text-slate-500">
                Topic
              </label>
              <input
                id="reset-topic"
                list="reset-topics"
                className={input}
                aria-invalid={Boolean(errors.topic)}
                aria-describedby="topic-error"
                {...register('topic')}
              />
              <datalist id="reset-topics">
                {topics.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
              <FieldError id="topic-error" message={errors.topic?.message} />
            </div>
          )}
          {scope === 'partitions' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="reset-partitions" className="text-xs text-slate-500">
                Partitions (comma-separated)
              </label>
              <input
                id="reset-partitions"
                placeholder="0, 2"
                className={input}
                aria-invalid={Boolean(errors.partitions)}
                aria-describedby="partitions-error"
                {...register('partitions')}
              />
              <FieldError id="partitions-error" message={errors.partitions?.message} />
            </div>
          )}
        </fieldset>
        <div className="flex flex-col gap-2">
          <label htmlFor="reset-strategy" className="text-xs font-semibold text-slate-500 uppercase">
            Strategy
          </label>
          <select id="reset-strategy" className={input} aria-invalid={Boolean(errors.strategy)} {...register('strategy')}>
            <option value="earliest">Earliest (log start)</option>
            <option value="latest">Latest (log end: skip everything)</option>
            <option value="offset">A specific offset</option>
            <option value="timestamp">A date and time</option>
            {!share && <option value="shift">Shift by N records</option>}
          </select>
          <FieldError id="strategy-error" message={errors.strategy?.message} />
          {strategy === 'offset' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="reset-offset" className="text-xs text-slate-500">
                Offset (clamped to each partition&apos;s range)
              </label>
              <input
                id="reset-offset"
                inputMode="numeric"
                className={input}
                aria-invalid={Boolean(errors.offset)}
                aria-describedby="offset-error"
                {...register('offset')}
              />
              <FieldError id="offset-error" message={errors.offset?.message} />
            </div>
          )}
          {strategy === 'timestamp' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="reset-timestamp" className="text-xs text-slate-500">
                Date and time, your local time (first offset at or after it)
              </label>
              <input
                id="reset-timestamp"
                type="datetime-local"
                step={1}
                className={input}
                aria-invalid={Boolean(errors.timestamp)}
                aria-describedby="timestamp-error"
                {...register('timestamp')}
              />
              <FieldError id="timestamp-error" message={errors.timestamp?.message} />
            </div>
          )}
          {strategy === 'shift' && (
            <div className="flex flex-col gap-1">
              <label htmlFor="reset-shift" className="text-xs text-slate-500">
                Shift by (negative: back, positive: forward; clamped)
              </label>
              <input
                id="reset-shift"
                inputMode="numeric"
                placeholder="-100"
                className={input}
                aria-invalid={Boolean(errors.shift)}
                aria-describedby="shift-error"
                {...register('shift')}
              />
              <FieldError id="shift-error" message={errors.shift?.message} />
            </div>
          )}
        </div>
        <div className="md:col-span-2">
          <Button type="submit" variant="primary" disabled={previewM.isPending}>
            {previewM.isPending ? 'Resolving offsets…' : 'Preview'}
          </Button>
          <span className="ml-3 text-xs text-slate-500">Nothing is written until you confirm the preview.</span>
        </div>
      </form>

      {failure && (
        <div className="mt-4">
          <ErrorPanel title="Kafka did not accept this" message={failure} />
        </div>
      )}

      {preview && <PreviewTable preview={preview} result={result} share={share} />}

      {preview && (
        <div className="mt-4 space-y-3">
          <CliHint command={preview.cli} />
          <div className="flex flex-wrap items-center gap-3">
            {result?.kind !== 'reset' ? (
              <>
                <GuardedButton
                  can={canWrite}
                  variant="danger"
                  disabled={executeM.isPending || preview.activeMembers.length > 0}
                  onClick={() => write('reset', preview)}
                >
                  {executeM.isPending ? 'Writing…' : `Execute: write these ${preview.partitions.length} offsets`}
                </GuardedButton>
                <Button onClick={() => setPreview(null)}>Discard preview</Button>
                {preview.activeMembers.length > 0 && (
                  <span className="text-sm text-amber-700 dark:text-amber-300">The group has active members; Kafka would refuse.</span>
                )}
              </>
            ) : (
              <GuardedButton can={canWrite} disabled={executeM.isPending} onClick={() => write('undo', preview)}>
                Undo: restore the offsets as they were before the reset
              </GuardedButton>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}

function PreviewTable({
  preview,
  result,
  share,
}: {
  preview: ResetPreview;
  result: { kind: 'reset' | 'undo'; committed: CommittedRow[] } | null;
  share: boolean;
}) {
  const committed = new Map(result?.committed.map((r) => [`${r.topic}:${r.partition}`, r.offset]));
  const clamped = preview.partitions.filter((r) => r.clamped).length;
  const columns: Column<ResetRow>[] = [
    { header: 'Topic', className: 'truncate', cell: (r) => <span className="font-mono">{r.topic}</span> },
    { header: 'Partition', cell: (r) => r.partition },
    { header: 'Current', className: 'text-right', cell: (r) => r.current ?? '—', testId: 'current' },
    { header: 'New', className: 'text-right font-semibold', cell: (r) => r.newOffset, testId: 'new' },
    { header: 'Lag after', className: 'text-right', cell: (r) => formatCount(r.lagAfter), testId: 'lag-after' },
    {
      header: 'Range',
      cell: (r) => (
        <>
          {r.logStart}–{r.logEnd}{' '}
          {r.clamped && <Badge tone="warn">{`clamped from ${r.requested} to ${r.clamped === 'logStart' ? 'log start' : 'log end'}`}</Badge>}
        </>
      ),
    },
  ];
  if (result) {
    columns.push({
      header: share ? 'Start offset now' : 'Committed now',
      className: 'text-right',
      testId: 'committed',
      cell: (r) => {
        const now = committed.get(`${r.topic}:${r.partition}`);
        const expected = result.kind === 'undo' ? r.current : r.newOffset;
        return <span className={now === expected ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}>{now ?? 'none'}</span>;
      },
    });
  }
  return (
    <div className="mt-6">
      <h3 className="mb-2 text-sm font-semibold">
        {result
          ? result.kind === 'reset'
            ? share
              ? 'Reset done: start offsets now (read back from Kafka)'
              : 'Reset done: offsets committed now (read back from Kafka)'
            : share
              ? 'Undone: previous start offsets restored (read back from Kafka)'
              : 'Undone: previous offsets restored (read back from Kafka)'
          : `Preview: ${preview.partitions.length} partition(s)`}
      </h3>
      {clamped > 0 && <p className="mb-2 text-sm text-amber-700 dark:text-amber-300">{clamped} partition(s) clamped to their valid range (marked below).</p>}
      <VirtualTable
        rows={preview.partitions}
        columns={columns}
        rowKey={(r) => `${r.topic}:${r.partition}`}
        rowTestId={(r) => `reset-row-${r.topic}-${r.partition}`}
        grid={
          result
            ? 'grid-cols-[minmax(8rem,2fr)_5rem_7rem_7rem_7rem_minmax(10rem,2fr)_8rem]'
            : 'grid-cols-[minmax(8rem,2fr)_5rem_7rem_7rem_7rem_minmax(10rem,2fr)]'
        }
        testId="reset-preview"
      />
    </div>
  );
}
