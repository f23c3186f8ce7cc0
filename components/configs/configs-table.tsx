'use client';
import { useState } from 'react';
import { ApiClientError } from '@/lib/api-client';
import { cli } from '@/lib/cli-commands';
import { useCan } from '@/lib/queries/auth';
import { confirmationFor, useConfigsQuery, useRevertConfigMutation, useSetConfigMutation, type ConfigResource } from '@/lib/queries/configs';
import type { ConfigEntry } from '@/lib/types';
import { Badge, Button, Card, CliHint, ErrorPanel, Loading, cx, th, td } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { HeaderRow, VirtualRows } from '@/components/ui/virtual-rows';
import { useBootstrap } from '@/components/topics/use-bootstrap';

const GRID = 'minmax(16rem,2fr) minmax(10rem,2fr) 10rem 9rem 11rem';

const SOURCE_LABEL: Record<string, string> = {
  topic: 'topic override',
  broker_dynamic: 'broker (dynamic)',
  broker_dynamic_default: 'cluster default (dynamic)',
  broker_static: 'broker (static)',
  default: 'default',
};

/** Lets long dotted names wrap at the dots rather than mid-word. */
function dotted(name: string) {
  return name.split('.').map((part, i, all) => (
    <span key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          .<wbr />
        </>
      )}
    </span>
  ));
}

/** Kafka's documentation is HTML; show it as plain text (never inject it). */
function plain(doc: string): string {
  return doc
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

type Mode = { name: string; kind: 'edit' | 'revert' } | null;

/** Every config of a topic or a broker: value, source, sensitive (masked) and read-only; edit one or revert one override. */
export function ConfigsTable({ cluster, resource }: { cluster: string; resource: ConfigResource }) {
  const bootstrap = useBootstrap(cluster);
  const { data, error, isPending, isFetching } = useConfigsQuery(cluster, resource);
  const [filter, setFilter] = useState('');
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [mode, setMode] = useState<Mode>(null);
  const [docsOpen, setDocsOpen] = useState<string | null>(null);
  const entity = { type: resource.type === 'topic' ? 'topics' : 'brokers', name: resource.name } as const;
  const overrideLabel = resource.type === 'topic' ? 'override' : 'dynamic';
  const can = useCan(resource.type === 'topic' ? 'topics:alter' : 'brokers:alter', resource.type === 'topic' ? { cluster, topic: resource.name } : { cluster });

  if (isPending) return <Loading label="Reading configs…" />;
  if (error) return <ErrorPanel title={`Configs of ${resource.type} ${resource.name} could not be read`} message={error.message} />;

  const f = filter.toLowerCase();
  const rows = data.configs.filter((c) => (!onlyOverrides || c.isOverride) && (!f || c.name.includes(f) || (c.value ?? '').toLowerCase().includes(f)));
  const overrides = data.configs.filter((c) => c.isOverride).length;

  return (
    <Card title={`Configs of ${resource.type} ${resource.name}`} actions={isFetching ? <span className="text-xs text-slate-400">refreshing…</span> : undefined}>
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <div className="flex flex-col">
          <label htmlFor="config-filter" className="text-xs text-slate-500">
            Filter configs
          </label>
          <input
            id="config-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="retention"
            className="mt-1 w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
          />
        </div>
        <label className="mt-5 flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} />
          Only {resource.type === 'topic' ? 'overrides' : 'dynamic configs'} ({overrides})
        </label>
        <span className="mt-5 text-xs text-slate-500">{data.configs.length} configs</span>
      </div>
      <div role="table" aria-label="Configs" data-testid="configs-table">
        <HeaderRow columns={GRID}>
          {['Name', 'Value', 'Source', 'Flags', ''].map((h) => (
            <div role="columnheader" key={h || 'actions'} className={th}>
              {h}
            </div>
          ))}
        </HeaderRow>
        <VirtualRows<ConfigEntry>
          items={rows}
          rowKey={(c) => c.name}
          columns={GRID}
          estimate={41}
          rowClassName={(c) => (c.isOverride ? 'bg-amber-50/70 dark:bg-amber-950/30' : undefined)}
          renderRow={(c) => (
            <>
              <div role="cell" className={cx(td, 'font-mono text-xs [overflow-wrap:anywhere]')} data-testid={`config-${c.name}`}>
                {c.documentation ? (
                  <button
                    type="button"
                    className="text-left underline decoration-slate-300 decoration-dotted underline-offset-4 hover:decoration-solid dark:decoration-slate-600"
                    aria-expanded={docsOpen === c.name}
                    title="Show documentation"
                    onClick={() => setDocsOpen(docsOpen === c.name ? null : c.name)}
                  >
                    {dotted(c.name)}
                  </button>
                ) : (
                  dotted(c.name)
                )}
              </div>
              <div role="cell" className={cx(td, 'font-mono text-xs break-all')} data-testid="config-value">
                {c.sensitive ? <span className="text-slate-400 italic">hidden (sensitive)</span> : (c.value ?? <span className="text-slate-400">null</span>)}
                {c.isOverride && (
                  <div className="mt-0.5 text-[11px] text-slate-500">default: {c.sensitive ? 'hidden' : (c.defaultValue ?? "Kafka's built-in default")}</div>
                )}
              </div>
              <div role="cell" className={td}>
                <Badge tone={c.isOverride ? 'warn' : 'default'}>{SOURCE_LABEL[c.source] ?? c.source}</Badge>
              </div>
              <div role="cell" className={cx(td, 'flex flex-wrap gap-1')}>
                {c.sensitive && <Badge tone="info">sensitive</Badge>}
                {c.readOnly && <Badge>read-only</Badge>}
              </div>
              <div role="cell" className={cx(td, 'flex gap-1')}>
                {!c.readOnly && (
                  <GuardedButton
                    can={can}
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    onClick={() => setMode({ name: c.name, kind: 'edit' })}
                    aria-label={`Edit ${c.name}`}
                  >
                    Edit
                  </GuardedButton>
                )}
                {c.isOverride && !c.readOnly && (
                  <GuardedButton
                    can={can}
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    onClick={() => setMode({ name: c.name, kind: 'revert' })}
                    aria-label={`Revert ${c.name}`}
                  >
                    Revert
                  </GuardedButton>
                )}
              </div>
              {docsOpen === c.name && c.documentation && (
                <p className="col-span-full px-3 pb-2 text-xs text-slate-600 dark:text-slate-400">
                  {plain(c.documentation)} {c.type !== 'unknown' && <span className="text-slate-400">(type: {c.type})</span>}
                </p>
              )}
              {can.allowed && mode?.name === c.name && mode.kind === 'edit' && (
                <EditConfig cluster={cluster} resource={resource} entry={c} bootstrap={bootstrap} onClose={() => setMode(null)} />
              )}
              {can.allowed && mode?.name === c.name && mode.kind === 'revert' && (
                <RevertConfig cluster={cluster} resource={resource} entry={c} bootstrap={bootstrap} onClose={() => setMode(null)} />
              )}
            </>
          )}
        />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Highlighted rows are {overrideLabel} configs set on this {resource.type}. Sensitive values are never sent to the browser. Click a name for Kafka&apos;s
        documentation.
      </p>
      <CliHint command={cli.describeConfigs(bootstrap, entity)} />
    </Card>
  );
}

function EditConfig({
  cluster,
  resource,
  entry,
  bootstrap,
  onClose,
}: {
  cluster: string;
  resource: ConfigResource;
  entry: ConfigEntry;
  bootstrap: string;
  onClose: () => void;
}) {
  const [value, setValue] = useState(entry.sensitive ? '' : (entry.value ?? ''));
  const [accepted, setAccepted] = useState<string | null>(null);
  const set = useSetConfigMutation(cluster, resource);
  const entity = { type: resource.type === 'topic' ? 'topics' : 'brokers', name: resource.name } as const;
  const err = set.error instanceof ApiClientError || set.error instanceof Error ? set.error.message : null;
  const id = `edit-${entry.name.replace(/[^a-z0-9]/gi, '-')}`;
  const checked = accepted !== null && accepted === value;
  const expected = confirmationFor(resource, entry.name);
  const [typed, setTyped] = useState('');
  const confirmed = expected === null || typed === expected;
  const confirm = expected === null ? undefined : typed;
  return (
    <form
      className="col-span-full space-y-2 border-t border-amber-200 bg-white px-3 py-3 dark:border-amber-900 dark:bg-slate-900"
      aria-label={`Edit ${entry.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!confirmed) return;
        if (checked) set.mutate({ name: entry.name, value, confirm }, { onSuccess: onClose });
        else set.mutate({ name: entry.name, value, validateOnly: true, confirm }, { onSuccess: () => setAccepted(value) });
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">
        New value for {entry.name}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          set.reset();
        }}
        type={entry.sensitive ? 'password' : 'text'}
        aria-invalid={err ? true : undefined}
        aria-describedby={err ? `${id}-error` : undefined}
        className={cx(
          'block w-full max-w-xl rounded-md border bg-white px-2 py-1 font-mono text-sm dark:bg-slate-800',
          err ? 'border-red-500' : 'border-slate-300 dark:border-slate-700',
        )}
        // biome-ignore lint/a11y/noAutofocus: the field appears because the user just chose Edit on this row
        autoFocus
      />
      {err && (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {err}
        </p>
      )}
      <p className="text-xs text-slate-500">
        Only {entry.name} changes (IncrementalAlterConfigs); every other config of this {resource.type} stays as it is. Kafka checks the value first
        (validate-only), then you confirm.
      </p>
      <CliHint command={cli.setConfig(bootstrap, entity, entry.name, entry.sensitive ? '***' : value)} />
      {expected !== null && (
        <ConfirmField
          id={`${id}-confirm`}
          resource={resource}
          name={entry.name}
          expected={expected}
          typed={typed}
          onChange={(v) => {
            setTyped(v);
            set.reset();
          }}
        />
      )}
      {checked && (
        <p className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="config-preview">
          Kafka accepts {entry.name} = {entry.sensitive ? '(hidden)' : value}
          {entry.sensitive
            ? ''
            : ` (now ${entry.value ?? 'null'}${entry.isOverride ? ', an override' : `, from ${SOURCE_LABEL[entry.source] ?? entry.source}`})`}
          .
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={set.isPending || value === '' || !confirmed}>
          {set.isPending ? (checked ? 'Saving…' : 'Checking…') : checked ? `Set ${entry.name}` : 'Check with Kafka'}
        </Button>
        <Button type="button" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function RevertConfig({
  cluster,
  resource,
  entry,
  bootstrap,
  onClose,
}: {
  cluster: string;
  resource: ConfigResource;
  entry: ConfigEntry;
  bootstrap: string;
  onClose: () => void;
}) {
  const revert = useRevertConfigMutation(cluster, resource);
  const entity = { type: resource.type === 'topic' ? 'topics' : 'brokers', name: resource.name } as const;
  const expected = confirmationFor(resource, entry.name);
  const [typed, setTyped] = useState('');
  const confirmed = expected === null || typed === expected;
  return (
    <div
      className="col-span-full space-y-2 border-t border-amber-200 bg-white px-3 py-3 text-sm dark:border-amber-900 dark:bg-slate-900"
      role="group"
      aria-label={`Revert ${entry.name}`}
    >
      <p>
        Remove the {resource.type === 'topic' ? 'override' : 'dynamic value'} of <strong className="font-mono">{entry.name}</strong>? It falls back to{' '}
        <span className="font-mono">{entry.sensitive ? 'its default' : (entry.defaultValue ?? "Kafka's built-in default")}</span>
        {entry.defaultSource ? ` (${SOURCE_LABEL[entry.defaultSource] ?? entry.defaultSource})` : ''}. Other configs are not touched.
      </p>
      {revert.error && <p className="text-xs text-red-600 dark:text-red-400">{revert.error.message}</p>}
      <CliHint command={cli.deleteConfig(bootstrap, entity, entry.name)} />
      {expected !== null && (
        <ConfirmField
          id={`revert-${entry.name.replace(/[^a-z0-9]/gi, '-')}-confirm`}
          resource={resource}
          name={entry.name}
          expected={expected}
          typed={typed}
          onChange={setTyped}
        />
      )}
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={revert.isPending || !confirmed}
          onClick={() => revert.mutate({ name: entry.name, confirm: expected === null ? undefined : typed }, { onSuccess: onClose })}
        >
          {revert.isPending ? 'Reverting…' : `Revert ${entry.name}`}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </div>
  );
}

/** The typed confirmation the API asks for broker configs and for topic configs about listeners, security or quotas. */
function ConfirmField({
  id,
  resource,
  name,
  expected,
  typed,
  onChange,
}: {
  id: string;
  resource: ConfigResource;
  name: string;
  expected: string;
  typed: string;
  onChange: (v: string) => void;
}) {
  const why =
    resource.type === 'broker'
      ? `This changes broker ${resource.name} while it runs, for every client of it.`
      : `${name} is about listeners, security or quotas: a wrong value can lock clients out.`;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-2 dark:border-amber-800 dark:bg-amber-950">
      <p className="text-xs text-amber-900 dark:text-amber-100">{why}</p>
      <label htmlFor={id} className="mt-1 block text-sm font-medium">
        {resource.type === 'broker' ? `Type the broker id (${expected}) to confirm` : 'Type the topic name to confirm'}
      </label>
      <input
        id={id}
        value={typed}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        className="mt-1 block w-64 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
      />
    </div>
  );
}
