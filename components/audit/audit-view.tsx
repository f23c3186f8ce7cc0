'use client';
import { configDiff } from '@/lib/connect/curl';
import { useDebounced } from '@/components/ui/use-debounced';
import { useEffect, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { ApiClientError } from '@/lib/api-client';
import { withQuery } from '@/lib/paths';
import { useAuditQuery, useUndoAuditMutation } from '@/lib/queries/audit';
import type { AuditFilters } from '@/lib/schemas/audit';
import { useClustersQuery } from '@/lib/queries/clusters';
import type { AuditRow, UndoPlan } from '@/lib/types';
import { Badge, Button, CliHint, ErrorPanel, Loading, cx, td, th } from '@/components/ui/primitives';
import { HeaderRow, VirtualRows } from '@/components/ui/virtual-rows';

const GRID = '11rem 8rem 11rem 6rem minmax(12rem, 1fr) 6rem 6rem';
const LIMITS = [50, 100, 500];
/** Actions offered in the filter (any other text is accepted too). */
const ACTIONS = [
  'setTopicConfig',
  'deleteTopicConfig',
  'setBrokerConfig',
  'deleteBrokerConfig',
  'executeResetOffsets',
  'createTopic',
  'deleteTopic',
  'addPartitions',
  'produceMessage',
  'deleteGroup',
  'deleteGroupTopicOffsets',
  'undoAuditEntry',
  'login',
  'logout',
];

function filtersFrom(sp: URLSearchParams): AuditFilters {
  const get = (k: string) => sp.get(k) || undefined;
  const result = get('result');
  const limit = Number(get('limit'));
  return {
    user: get('user'),
    action: get('action'),
    cluster: get('cluster'),
    resource: get('resource'),
    result: result === 'ok' || result === 'failed' ? result : undefined,
    since: get('since'),
    until: get('until'),
    limit: LIMITS.includes(limit) ? limit : undefined,
  };
}

/** ISO time → the value of a datetime-local input (local time, minutes). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function fromLocalInput(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const input = 'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';

export function AuditView() {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const filters = filtersFrom(new URLSearchParams(sp.toString()));
  const [text, setText] = useState({ user: filters.user ?? '', action: filters.action ?? '', resource: filters.resource ?? '' });
  const typed = useDebounced(text, 300);
  const clusters = useClustersQuery();
  const { data, error, isPending, isFetching } = useAuditQuery(filters);

  const go = (next: AuditFilters) => router.replace(withQuery(pathname, { ...next }), { scroll: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing moves the URL here; the other filters change it directly
  useEffect(() => {
    const t = { user: typed.user.trim() || undefined, action: typed.action.trim() || undefined, resource: typed.resource.trim() || undefined };
    if (t.user !== filters.user || t.action !== filters.action || t.resource !== filters.resource) go({ ...filters, ...t });
  }, [typed]);

  const denied = error instanceof ApiClientError && (error.status === 403 || error.status === 401);
  const queryError = error instanceof ApiClientError && error.status === 400 ? error : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Audit trail</h1>
        {data && (
          <span className="text-sm text-slate-500" data-testid="audit-count">
            {data.entries.length}
            {data.more ? '+' : ''} entries, newest first, from {data.window}
            {!data.complete && ' (older entries not searched)'}
          </span>
        )}
        {isFetching && !isPending && <span className="text-xs text-slate-400">refreshing…</span>}
      </div>

      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col text-xs text-slate-500">
          User
          <input className={cx(input, 'w-36')} value={text.user} onChange={(e) => setText({ ...text, user: e.target.value })} placeholder="exact name" />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Action
          <input
            className={cx(input, 'w-48')}
            list="audit-actions"
            value={text.action}
            onChange={(e) => setText({ ...text, action: e.target.value })}
            placeholder="any"
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Cluster
          <select className={input} value={filters.cluster ?? ''} onChange={(e) => go({ ...filters, cluster: e.target.value || undefined })}>
            <option value="">any</option>
            {clusters.data?.clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Resource contains
          <input
            className={cx(input, 'w-48')}
            type="search"
            value={text.resource}
            onChange={(e) => setText({ ...text, resource: e.target.value })}
            placeholder="topic, group, broker"
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Result
          <select
            className={input}
            value={filters.result ?? ''}
            onChange={(e) => go({ ...filters, result: (e.target.value || undefined) as AuditFilters['result'] })}
          >
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="failed">failed or refused</option>
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Since
          <input
            className={input}
            type="datetime-local"
            value={toLocalInput(filters.since)}
            aria-invalid={queryError?.field === 'since' ? true : undefined}
            onChange={(e) => go({ ...filters, since: fromLocalInput(e.target.value) })}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Until
          <input
            className={input}
            type="datetime-local"
            value={toLocalInput(filters.until)}
            onChange={(e) => go({ ...filters, until: fromLocalInput(e.target.value) })}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Show
          <select className={input} value={filters.limit ?? 100} onChange={(e) => go({ ...filters, limit: Number(e.target.value) })}>
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            setText({ user: '', action: '', resource: '' });
            go({});
          }}
        >
          Clear filters
        </Button>
      </form>

      {denied && <ErrorPanel title="The audit trail is for admins" message={error.message} />}
      {queryError && <ErrorPanel title="These filters are not valid" message={queryError.message} />}
      {error && !denied && !queryError && <ErrorPanel title="The audit trail could not be read" message={error.message} />}
      {isPending && !error && <Loading label="Reading the audit trail…" />}

      {data && (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <div role="table" aria-label="Audit entries" aria-rowcount={data.entries.length} data-testid="audit-table">
            <HeaderRow columns={GRID}>
              {['Time', 'User', 'Action', 'Cluster', 'Resource', 'Result', ''].map((h, i) => (
                <div role="columnheader" key={i} className={th}>
                  {h}
                </div>
              ))}
            </HeaderRow>
            {data.entries.length === 0 ? (
              <p className="p-4 text-sm text-slate-500">No entry matches.</p>
            ) : (
              <VirtualRows<AuditRow>
                items={data.entries}
                rowKey={(e) => e.id}
                columns={GRID}
                estimate={41}
                testId="audit-rows"
                renderRow={(e) => <EntryRow entry={e} />}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function EntryRow({ entry: e }: { entry: AuditRow }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <div role="cell" className={cx(td, 'text-xs')} title={e.time}>
        {new Date(e.time).toLocaleString()}
      </div>
      <div role="cell" className={cx(td, 'truncate')} data-testid="audit-user">
        {e.actor.user ?? '(no session)'}
      </div>
      <div role="cell" className={cx(td, 'truncate font-mono text-xs')} data-testid="audit-action">
        <span>{e.action}</span>
        {e.undoOf && (
          <span className="ml-1" title={`Undid entry ${e.undoOf}`}>
            ↶
          </span>
        )}
      </div>
      <div role="cell" className={cx(td, 'truncate')}>
        {e.cluster ?? '—'}
      </div>
      <div role="cell" className={cx(td, 'truncate')} data-testid="audit-resource" title={e.resource}>
        {e.resource ?? '—'}
      </div>
      <div role="cell" className={td} data-testid="audit-result">
        {e.result.ok ? <Badge tone="good">{e.result.status}</Badge> : <Badge tone={e.result.status === 403 ? 'warn' : 'bad'}>{e.result.status}</Badge>}
        {e.undo.undoneBy && (
          <span className="ml-1">
            <Badge tone="info">undone</Badge>
          </span>
        )}
      </div>
      <div role="cell" className={td}>
        <Button variant="ghost" className="px-2 py-0.5 text-xs" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide' : 'Details'}
        </Button>
      </div>
      {open && (
        <div
          role="cell"
          style={{ gridColumn: '1 / -1' }}
          className="border-t border-slate-100 bg-slate-50 px-3 py-3 dark:border-slate-800 dark:bg-slate-950"
          data-testid="audit-details"
        >
          <EntryDetails entry={e} />
        </div>
      )}
    </>
  );
}

const pre = 'max-h-64 overflow-auto rounded-md bg-white p-2 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-900';

function Json({ label, value, testId }: { label: string; value: unknown; testId: string }) {
  return (
    <div className="min-w-0 flex-1">
      <div className="mb-1 text-xs font-semibold text-slate-500">{label}</div>
      <pre className={pre} data-testid={testId}>
        {value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function EntryDetails({ entry: e }: { entry: AuditRow }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">Who</dt>
        <dd>
          {e.actor.user ?? '(no session)'} {e.actor.via && `(signed in via ${e.actor.via})`} {e.actor.roles.length > 0 && `— ${e.actor.roles.join(', ')}`}
        </dd>
        {e.method && (
          <>
            <dt className="text-slate-500">Request</dt>
            <dd className="font-mono">
              {e.method} {e.path}
            </dd>
          </>
        )}
        {e.ip && (
          <>
            <dt className="text-slate-500">From</dt>
            <dd>{e.ip}</dd>
          </>
        )}
        {e.result.error && (
          <>
            <dt className="text-slate-500">Error</dt>
            <dd className="text-red-700 dark:text-red-300">{e.result.error}</dd>
          </>
        )}
        {e.ms !== undefined && (
          <>
            <dt className="text-slate-500">Took</dt>
            <dd>{e.ms} ms</dd>
          </>
        )}
        <dt className="text-slate-500">Entry</dt>
        <dd className="font-mono" data-testid="audit-entry-id">
          {e.id}
        </dd>
        {e.undoOf && (
          <>
            <dt className="text-slate-500">Undid</dt>
            <dd className="font-mono">{e.undoOf}</dd>
          </>
        )}
      </dl>
      <Json label="Parameters (secrets and record contents redacted)" value={e.params} testId="audit-params" />
      <div className="flex flex-wrap gap-3">
        <Json label="Before" value={e.before} testId="audit-before" />
        <Json label="After" value={e.after} testId="audit-after" />
      </div>
      {e.undo.undoneBy ? (
        <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="audit-undone">
          Undone by {e.undo.undoneBy.user ?? 'someone'} at {new Date(e.undo.undoneBy.time).toLocaleString()} (entry{' '}
          <span className="font-mono">{e.undo.undoneBy.id}</span>).
        </p>
      ) : e.undo.possible && e.undo.plan ? (
        confirming ? (
          <UndoConfirm entry={e} plan={e.undo.plan} onCancel={() => setConfirming(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Undo…
          </Button>
        )
      ) : (
        e.undo.reason && <p className="text-xs text-slate-500">Cannot be undone: {e.undo.reason}</p>
      )}
    </div>
  );
}

function UndoConfirm({ entry, plan, onCancel }: { entry: AuditRow; plan: UndoPlan; onCancel: () => void }) {
  const undo = useUndoAuditMutation();
  return (
    <div
      role="dialog"
      aria-label="Confirm undo"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
      data-testid="undo-confirm"
    >
      <p className="font-medium">{plan.summary}.</p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        This writes exactly the following on cluster {plan.cluster}; it is refused if the state is no longer the one this change left.
      </p>
      {plan.kind === 'config' ? (
        <table className="mt-2 text-xs" data-testid="undo-plan">
          <thead>
            <tr>
              <th className={th}>Config</th>
              <th className={th}>Now</th>
              <th className={th}>After the undo</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className={cx(td, 'font-mono')}>{plan.config}</td>
              <td className={cx(td, 'font-mono')}>{plan.expected.sensitive ? '(sensitive)' : (plan.expected.value ?? '—')}</td>
              <td className={cx(td, 'font-mono')}>{plan.op === 'set' ? plan.value : 'override removed (default applies)'}</td>
            </tr>
          </tbody>
        </table>
      ) : plan.kind === 'acls' ? (
        <div className="mt-2 text-xs" data-testid="undo-plan">
          <p>{plan.op === 'delete' ? 'These bindings will be deleted:' : 'These bindings will be created again:'}</p>
          <ul className="mt-1 list-disc pl-5 font-mono">
            {plan.bindings.map((b) => (
              <li key={`${b.principal}|${b.resourceType}|${b.resourceName}|${b.patternType}|${b.operation}|${b.permission}|${b.host}`}>
                {b.permission} {b.operation} {b.resourceType}:{b.patternType === 'prefixed' ? `${b.resourceName}*` : b.resourceName} for {b.principal}
                {b.host === '*' ? '' : ` from ${b.host}`}
              </li>
            ))}
          </ul>
        </div>
      ) : plan.kind === 'compatibility' ? (
        <table className="mt-2 text-xs" data-testid="undo-plan">
          <thead>
            <tr>
              <th className={th}>Compatibility of</th>
              <th className={th}>Now</th>
              <th className={th}>After the undo</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className={cx(td, 'font-mono')}>{plan.subject ?? 'the registry (global)'}</td>
              <td className={td}>{plan.expected}</td>
              <td className={td}>{plan.level ?? 'the global level (own level removed)'}</td>
            </tr>
          </tbody>
        </table>
      ) : plan.kind === 'connector-config' ? (
        <table className="mt-2 text-xs" data-testid="undo-plan">
          <thead>
            <tr>
              <th className={th}>Connector {plan.connector} config</th>
              <th className={th}>Now</th>
              <th className={th}>After the undo</th>
            </tr>
          </thead>
          <tbody>
            {configDiff(plan.expected, plan.config).map((d) => (
              <tr key={d.key}>
                <td className={cx(td, 'font-mono')}>{d.key}</td>
                <td className={cx(td, 'font-mono')}>{d.before ?? 'not set'}</td>
                <td className={cx(td, 'font-mono')}>{d.after ?? 'removed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : plan.kind === 'quota' ? (
        <table className="mt-2 text-xs" data-testid="undo-plan">
          <thead>
            <tr>
              <th className={th}>Quota</th>
              <th className={th}>Now</th>
              <th className={th}>After the undo</th>
            </tr>
          </thead>
          <tbody>
            {[...Object.keys(plan.set), ...plan.remove].map((k) => (
              <tr key={k}>
                <td className={cx(td, 'font-mono')}>{k}</td>
                <td className={td}>{plan.expected[k as keyof typeof plan.expected] ?? 'not set'}</td>
                <td className={td}>{plan.set[k as keyof typeof plan.set] ?? 'removed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="mt-2 text-xs" data-testid="undo-plan">
          <thead>
            <tr>
              <th className={th}>Topic</th>
              <th className={th}>Partition</th>
              <th className={th}>Now</th>
              <th className={th}>After the undo</th>
            </tr>
          </thead>
          <tbody>
            {plan.writes.map((w) => (
              <tr key={`${w.topic}:${w.partition}`}>
                <td className={td}>{w.topic}</td>
                <td className={td}>{w.partition}</td>
                <td className={td}>{plan.expected.find((x) => x.topic === w.topic && x.partition === w.partition)?.offset ?? '—'}</td>
                <td className={td}>{w.offset ?? 'offset removed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mt-2 text-xs text-slate-500">The same with Kafka&apos;s tools:</div>
      {plan.cli.map((c) => (
        <CliHint key={c} command={c} />
      ))}
      <div className="mt-3 flex gap-2">
        <Button variant="danger" disabled={undo.isPending} onClick={() => undo.mutate(entry, { onSuccess: onCancel })}>
          {undo.isPending ? 'Undoing…' : 'Undo now'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {undo.error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {undo.error.message}
        </p>
      )}
    </div>
  );
}
