'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { configDiff, connectCurl, type CurlTarget } from '@/lib/connect/curl';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import {
  useAlterOffsets,
  useConnectorAction,
  useConnectorQuery,
  useDeleteConnector,
  useResetOffsets,
  useRestartTask,
  useUpdateConnectorConfig,
} from '@/lib/queries/connect';
import type { ActionBody, ConnectorDetail, ConnectorOffset } from '@/lib/schemas/connect';
import { GuardedButton } from '@/components/ui/guarded-button';
import { inputClass, labelClass } from '@/components/ui/fields';
import { Button, Card, CliHint, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { StateBadge, useCurlTarget } from './shared';

type Pending = { label: string; body: Pick<ActionBody, 'action'> & Partial<ActionBody>; curl: string };

/** One connector: status of it and each task (worker, trace), actions with their curl call, config with an edit diff, topics, offsets. */
export function ConnectorView({ cluster, connect, name }: { cluster: string; connect: string; name: string }) {
  const { data, error, isPending } = useConnectorQuery(cluster, connect, name);
  const target = useCurlTarget(cluster, connect);
  if (isPending) return <Loading label="Asking the Connect cluster…" />;
  if (error)
    return (
      <div className="space-y-3">
        <Link className="text-sm text-blue-700 hover:underline dark:text-blue-300" href={paths.connect(cluster)}>
          ← Kafka Connect
        </Link>
        <ErrorPanel title={`Connector ${name} cannot be shown`} message={error.message} />
      </div>
    );
  return (
    <div className="space-y-4">
      <Link className="text-sm text-blue-700 hover:underline dark:text-blue-300" href={paths.connect(cluster)}>
        ← Kafka Connect
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold">{data.name}</h1>
        <StateBadge state={data.connector.state} />
        <span className="text-sm text-slate-500">
          {data.type} · <span className="font-mono">{data.class}</span> · on Connect cluster {data.connect} ({data.url})
          {data.connector.workerId && <> · connector on worker {data.connector.workerId}</>}
        </span>
      </div>
      {data.connector.trace && (
        <ErrorPanel title="The connector failed" message={data.connector.trace.split('\n')[0]}>
          <pre className="mt-2 max-h-64 overflow-auto text-xs whitespace-pre-wrap">{data.connector.trace}</pre>
        </ErrorPanel>
      )}
      <Actions cluster={cluster} detail={data} target={target} />
      <Tasks cluster={cluster} detail={data} target={target} />
      <Card title="Topics">
        {data.topics.length === 0 ? (
          <p className="text-sm text-slate-500">No topic used yet.</p>
        ) : (
          <ul className="flex flex-wrap gap-3" data-testid="connector-topics">
            {data.topics.map((t) => (
              <li key={t}>
                <Link className="font-mono text-sm text-blue-700 hover:underline dark:text-blue-300" href={paths.topic(cluster, t)}>
                  {t}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ConfigCard cluster={cluster} detail={data} target={target} />
      <Offsets cluster={cluster} detail={data} target={target} />
      <DeleteCard cluster={cluster} detail={data} target={target} />
    </div>
  );
}

function Actions({ cluster, detail, target }: { cluster: string; detail: ConnectorDetail; target: CurlTarget }) {
  const action = useConnectorAction(cluster);
  const can = useCan('connect:operate', { cluster });
  const [pending, setPending] = useState<Pending | null>(null);
  const n = detail.name;
  const options: Pending[] = [
    { label: 'Pause', body: { action: 'pause' }, curl: connectCurl.pause(target, n) },
    { label: 'Resume', body: { action: 'resume' }, curl: connectCurl.resume(target, n) },
    { label: 'Stop', body: { action: 'stop' }, curl: connectCurl.stop(target, n) },
    { label: 'Restart connector', body: { action: 'restart' }, curl: connectCurl.restart(target, n, { includeTasks: false, onlyFailed: false }) },
    {
      label: 'Restart with tasks',
      body: { action: 'restart', includeTasks: true },
      curl: connectCurl.restart(target, n, { includeTasks: true, onlyFailed: false }),
    },
    {
      label: 'Restart failed',
      body: { action: 'restart', includeTasks: true, onlyFailed: true },
      curl: connectCurl.restart(target, n, { includeTasks: true, onlyFailed: true }),
    },
  ];
  return (
    <Card title="Actions">
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <GuardedButton key={o.label} can={can} onClick={() => setPending(o)}>
            {o.label}
          </GuardedButton>
        ))}
      </div>
      {pending && (
        <div className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="action-preview">
          <p className="text-sm">
            <strong>{pending.label}</strong> {n} on Connect cluster {detail.connect}: the worker call is
          </p>
          <CliHint command={pending.curl} />
          <div className="mt-2 flex gap-2">
            <Button
              variant="primary"
              disabled={action.isPending}
              onClick={() => action.mutate({ connect: detail.connect, name: n, body: pending.body }, { onSuccess: () => setPending(null) })}
            >
              {action.isPending ? 'Sending…' : `${pending.label} now`}
            </Button>
            <Button onClick={() => setPending(null)}>Cancel</Button>
          </div>
          {action.error && <ErrorPanel title={`${pending.label} failed`} message={action.error.message} />}
        </div>
      )}
    </Card>
  );
}

function Tasks({ cluster, detail, target }: { cluster: string; detail: ConnectorDetail; target: CurlTarget }) {
  const restart = useRestartTask(cluster, detail.connect, detail.name);
  const can = useCan('connect:operate', { cluster });
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <Card title={`Tasks (${detail.tasks.length})`}>
      {detail.tasks.length === 0 ? (
        <p className="text-sm text-slate-500">No task {detail.connector.state === 'STOPPED' ? '(the connector is stopped)' : 'is assigned yet'}.</p>
      ) : (
        <table className="w-full" data-testid="tasks-table">
          <thead>
            <tr>
              <th className={th}>Task</th>
              <th className={th}>State</th>
              <th className={th}>Worker</th>
              <th className={th} />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {detail.tasks.map((t) => (
              <tr key={t.id} data-testid="task-row">
                <td className={td}>{t.id}</td>
                <td className={td}>
                  <StateBadge state={t.state} />
                  {t.trace && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-red-700 dark:text-red-300">{t.trace.split('\n')[0].slice(0, 200)}</summary>
                      <pre className="mt-1 max-h-64 overflow-auto text-xs whitespace-pre-wrap" data-testid="task-trace">
                        {t.trace}
                      </pre>
                    </details>
                  )}
                </td>
                <td className={`${td} font-mono`}>{t.workerId}</td>
                <td className={`${td} text-right`}>
                  {confirming === t.id ? (
                    <div className="space-y-1">
                      <CliHint command={connectCurl.restartTask(target, detail.name, t.id)} />
                      <Button variant="primary" onClick={() => restart.mutate(t.id, { onSuccess: () => setConfirming(null) })}>
                        Restart task {t.id} now
                      </Button>
                    </div>
                  ) : (
                    <GuardedButton can={can} variant="ghost" onClick={() => setConfirming(t.id)}>
                      Restart
                    </GuardedButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function ConfigCard({ cluster, detail, target }: { cluster: string; detail: ConnectorDetail; target: CurlTarget }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Record<string, string> | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const update = useUpdateConnectorConfig(cluster, detail.connect, detail.name);
  const can = useCan('connect:write', { cluster });
  const entries = Object.entries(detail.config).sort(([a], [b]) => a.localeCompare(b));
  const diff = preview ? configDiff(detail.config, preview) : [];
  return (
    <Card
      title="Config"
      actions={
        !editing && (
          <GuardedButton
            can={can}
            onClick={() => {
              setText(JSON.stringify(Object.fromEntries(entries), null, 2));
              setPreview(null);
              setEditing(true);
            }}
          >
            Edit config
          </GuardedButton>
        )
      }
    >
      {detail.secretKeys.length > 0 && (
        <p className="mb-2 text-xs text-slate-500">Secrets ({detail.secretKeys.join(', ')}) are masked; left as ******** they keep their stored value.</p>
      )}
      {editing ? (
        <div className="space-y-2">
          <label htmlFor="config-json" className={labelClass}>
            Config (JSON)
          </label>
          <textarea
            id="config-json"
            className={`${inputClass} h-64 font-mono`}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
          />
          {parseError && <p className="text-xs text-red-600 dark:text-red-400">{parseError}</p>}
          {preview && (
            <div data-testid="config-diff">
              {diff.length === 0 ? (
                <p className="text-sm text-slate-500">Nothing changes.</p>
              ) : (
                <table className="w-full">
                  <thead>
                    <tr>
                      <th className={th}>Key</th>
                      <th className={th}>Now</th>
                      <th className={th}>After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.map((d) => (
                      <tr key={d.key} data-testid="diff-row">
                        <td className={`${td} font-mono`}>{d.key}</td>
                        <td className={`${td} font-mono text-red-700 dark:text-red-300`}>{d.before ?? '(unset)'}</td>
                        <td className={`${td} font-mono text-emerald-700 dark:text-emerald-300`}>{d.after ?? '(removed)'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <CliHint command={connectCurl.config(target, detail.name, preview)} />
            </div>
          )}
          {update.error && <ErrorPanel title="The config was not saved" message={update.error.message} />}
          <div className="flex gap-2">
            <Button
              onClick={() => {
                try {
                  const parsed = JSON.parse(text) as Record<string, unknown>;
                  setPreview(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
                  setParseError(null);
                } catch (e) {
                  setParseError(e instanceof Error ? e.message : String(e));
                }
              }}
            >
              Preview changes
            </Button>
            <Button
              variant="primary"
              disabled={!preview || diff.length === 0 || update.isPending}
              onClick={() => preview && update.mutate(preview, { onSuccess: () => setEditing(false) })}
            >
              {update.isPending ? 'Saving…' : 'Save config'}
            </Button>
            <Button onClick={() => setEditing(false)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <table className="w-full" data-testid="config-table">
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {entries.map(([k, v]) => (
              <tr key={k}>
                <td className={`${td} font-mono`}>{k}</td>
                <td className={`${td} font-mono break-all`}>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Offsets({ cluster, detail, target }: { cluster: string; detail: ConnectorDetail; target: CurlTarget }) {
  const can = useCan('connect:offsets', { cluster });
  const alter = useAlterOffsets(cluster, detail.connect, detail.name);
  const reset = useResetOffsets(cluster, detail.connect, detail.name);
  const [mode, setMode] = useState<'alter' | 'reset' | null>(null);
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const [parsed, setParsed] = useState<ConnectorOffset[] | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const stopped = detail.connector.state === 'STOPPED';
  return (
    <Card
      title="Offsets"
      actions={
        <div className="flex gap-2">
          <GuardedButton
            can={stopped ? can : { allowed: false, reason: 'Stop the connector first: offsets change only while it is STOPPED (KIP-875)' }}
            onClick={() => {
              setText(JSON.stringify(detail.offsets ?? [], null, 2));
              setParsed(null);
              setMode('alter');
            }}
          >
            Alter offsets
          </GuardedButton>
          <GuardedButton
            can={stopped ? can : { allowed: false, reason: 'Stop the connector first: offsets change only while it is STOPPED (KIP-875)' }}
            variant="danger"
            onClick={() => setMode('reset')}
          >
            Reset offsets
          </GuardedButton>
        </div>
      }
    >
      {detail.offsetsError ? (
        <p className="text-sm text-slate-500">{detail.offsetsError}</p>
      ) : (detail.offsets ?? []).length === 0 ? (
        <p className="text-sm text-slate-500">No offsets committed.</p>
      ) : (
        <table className="w-full" data-testid="offsets-table">
          <thead>
            <tr>
              <th className={th}>Partition</th>
              <th className={th}>Offset</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {(detail.offsets ?? []).map((o) => (
              <tr key={JSON.stringify(o.partition)}>
                <td className={`${td} font-mono text-xs`}>{JSON.stringify(o.partition)}</td>
                <td className={`${td} font-mono text-xs`}>{JSON.stringify(o.offset)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mode === 'alter' && (
        <div className="mt-3 space-y-2">
          <label htmlFor="offsets-json" className={labelClass}>
            Offsets to write (a list of {'{ partition, offset }'}; an offset of null removes that partition&apos;s)
          </label>
          <textarea id="offsets-json" className={`${inputClass} h-40 font-mono`} value={text} onChange={(e) => setText(e.target.value)} />
          {parseError && <p className="text-xs text-red-600">{parseError}</p>}
          {parsed && (
            <div data-testid="offsets-preview">
              <p className="text-sm">Writes {parsed.length} offset(s); partitions not listed keep theirs. The worker call:</p>
              <CliHint command={connectCurl.alterOffsets(target, detail.name, parsed)} />
            </div>
          )}
          {alter.error && <ErrorPanel title="The offsets were not altered" message={alter.error.message} />}
          <div className="flex gap-2">
            <Button
              onClick={() => {
                try {
                  const v = JSON.parse(text) as ConnectorOffset[];
                  if (!Array.isArray(v)) throw new Error('A JSON list of { partition, offset }');
                  setParsed(v);
                  setParseError(null);
                } catch (e) {
                  setParseError(e instanceof Error ? e.message : String(e));
                }
              }}
            >
              Preview
            </Button>
            <Button variant="primary" disabled={!parsed || alter.isPending} onClick={() => parsed && alter.mutate(parsed, { onSuccess: () => setMode(null) })}>
              Alter offsets now
            </Button>
            <Button onClick={() => setMode(null)}>Cancel</Button>
          </div>
        </div>
      )}
      {mode === 'reset' && (
        <div className="mt-3 space-y-2">
          <p className="text-sm">
            This removes every offset of <strong>{detail.name}</strong>: resumed, a source reads from its start again, a sink from its consumer&apos;s
            auto.offset.reset.
          </p>
          <label htmlFor="reset-confirm" className={labelClass}>
            Type the connector name to confirm
          </label>
          <input id="reset-confirm" className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <CliHint command={connectCurl.resetOffsets(target, detail.name)} />
          {reset.error && <ErrorPanel title="The offsets were not reset" message={reset.error.message} />}
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={typed !== detail.name || reset.isPending}
              onClick={() => reset.mutate(typed, { onSuccess: () => setMode(null) })}
            >
              Reset offsets
            </Button>
            <Button onClick={() => setMode(null)}>Cancel</Button>
          </div>
        </div>
      )}
    </Card>
  );
}

function DeleteCard({ cluster, detail, target }: { cluster: string; detail: ConnectorDetail; target: CurlTarget }) {
  const router = useRouter();
  const can = useCan('connect:delete', { cluster });
  const del = useDeleteConnector(cluster, detail.connect, detail.name);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  return (
    <Card
      title="Delete"
      actions={
        !open && (
          <GuardedButton can={can} variant="danger" onClick={() => setOpen(true)}>
            Delete connector
          </GuardedButton>
        )
      }
    >
      {open ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === detail.name) del.mutate(typed, { onSuccess: () => router.push(paths.connect(cluster)) });
          }}
        >
          <p className="text-sm">
            This deletes <strong>{detail.name}</strong> and its tasks from Connect cluster {detail.connect}. Its config is kept in the audit trail.
          </p>
          <label htmlFor="delete-connector-confirm" className={labelClass}>
            Type the connector name to confirm
          </label>
          <input id="delete-connector-confirm" className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <CliHint command={connectCurl.delete(target, detail.name)} />
          {del.error && <ErrorPanel title="The connector was not deleted" message={del.error.message} />}
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={typed !== detail.name || del.isPending}>
              {del.isPending ? 'Deleting…' : `Delete ${detail.name}`}
            </Button>
            <Button type="button" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className="text-sm text-slate-500">Deleting a connector stops its tasks; its offsets stay in the Connect cluster&apos;s offset topic.</p>
      )}
    </Card>
  );
}
