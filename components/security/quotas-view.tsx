'use client';
import { useState } from 'react';
import {
  CLIENT_QUOTA_KEYS,
  IP_QUOTA_KEYS,
  type AlterQuotaInput,
  type AlterQuotaOutcome,
  type QuotaEntity,
  type QuotaKey,
  type QuotaValues,
} from '@/lib/schemas/quotas';
import { useAlterQuota, useQuotasQuery } from '@/lib/queries/security';
import { useCan } from '@/lib/queries/auth';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { inputClass, labelClass } from '@/components/ui/fields';

const KEY_LABELS: Record<QuotaKey, string> = {
  producer_byte_rate: 'Produce rate (bytes/s)',
  consumer_byte_rate: 'Fetch rate (bytes/s)',
  request_percentage: 'Request time (% of one I/O thread)',
  controller_mutation_rate: 'Partition mutations (per s)',
  connection_creation_rate: 'New connections (per s)',
};

/** 1048576 → "1 MiB/s" for byte rates; other keys as they are. */
export function formatQuota(key: QuotaKey, v: number): string {
  if (key !== 'producer_byte_rate' && key !== 'consumer_byte_rate') return key === 'request_percentage' ? `${v}%` : `${v}/s`;
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let n = v;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}/s`;
}

const part = (name: string | null | undefined) => (name === null ? '(default)' : name);
export function describeEntity(e: QuotaEntity): string {
  const parts: string[] = [];
  if (e.user !== undefined) parts.push(`user ${part(e.user)}`);
  if (e.clientId !== undefined) parts.push(`client ${part(e.clientId)}`);
  if (e.ip !== undefined) parts.push(`IP ${part(e.ip)}`);
  return parts.join(' + ');
}

/** Client quotas: list by entity type; set and remove per key with a preview (before → after, the kafka-configs command). */
export function QuotasView({ cluster }: { cluster: string }) {
  const [type, setType] = useState('all');
  const { data, error, isPending } = useQuotasQuery(cluster, type);
  const [editing, setEditing] = useState<{ entity: QuotaEntity; values: QuotaValues } | 'new' | null>(null);
  const can = useCan('quotas:alter', { cluster });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Client quotas</h1>
        <GuardedButton can={can} className="ml-auto" onClick={() => setEditing('new')}>
          Add quota
        </GuardedButton>
      </div>
      {editing && (
        <QuotaForm
          key={editing === 'new' ? 'new' : describeEntity(editing.entity)}
          cluster={cluster}
          initial={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <Card
        title="Quotas"
        actions={
          <select
            aria-label="Entity type"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
            value={type}
            onChange={(e) => setType(e.target.value)}
          >
            <option value="all">all entities</option>
            <option value="user">users</option>
            <option value="client-id">client ids</option>
            <option value="ip">IPs</option>
          </select>
        }
      >
        {isPending ? (
          <Loading label="Asking the cluster…" />
        ) : error ? (
          <ErrorPanel title="Quotas cannot be listed" message={error.message} />
        ) : data.entries.length === 0 ? (
          <p className="text-sm text-slate-500">No quota is set{type === 'all' ? '' : ' for this entity type'}.</p>
        ) : (
          <table className="w-full" data-testid="quotas-table">
            <thead>
              <tr>
                <th className={th}>Entity</th>
                <th className={th}>Quotas</th>
                <th className={th} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.entries.map((e) => (
                <tr key={describeEntity(e.entity)} data-testid="quota-row">
                  <td className={`${td} font-mono`}>{describeEntity(e.entity)}</td>
                  <td className={td}>
                    {Object.entries(e.values)
                      .map(([k, v]) => `${k} ${formatQuota(k as QuotaKey, v as number)}`)
                      .join(', ')}
                  </td>
                  <td className={`${td} text-right`}>
                    <GuardedButton can={can} variant="ghost" aria-label={`Edit ${describeEntity(e.entity)}`} onClick={() => setEditing(e)}>
                      Edit
                    </GuardedButton>
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

type Shape = 'user' | 'client' | 'user+client' | 'ip';
const shapeOf = (e: QuotaEntity): Shape =>
  e.ip !== undefined ? 'ip' : e.user !== undefined && e.clientId !== undefined ? 'user+client' : e.user !== undefined ? 'user' : 'client';

function QuotaForm({ cluster, initial, onClose }: { cluster: string; initial: { entity: QuotaEntity; values: QuotaValues } | null; onClose: () => void }) {
  const [shape, setShape] = useState<Shape>(initial ? shapeOf(initial.entity) : 'user');
  const [names, setNames] = useState({ user: initial?.entity.user ?? '', clientId: initial?.entity.clientId ?? '', ip: initial?.entity.ip ?? '' });
  const [defaults, setDefaults] = useState({
    user: initial?.entity.user === null,
    clientId: initial?.entity.clientId === null,
    ip: initial?.entity.ip === null,
  });
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(Object.entries(initial?.values ?? {}).map(([k, v]) => [k, String(v)])));
  const [preview, setPreview] = useState<{ input: AlterQuotaInput; outcome: AlterQuotaOutcome } | null>(null);
  const alter = useAlterQuota(cluster);
  const can = useCan('quotas:alter', { cluster });
  const keys: readonly QuotaKey[] = shape === 'ip' ? IP_QUOTA_KEYS : CLIENT_QUOTA_KEYS;
  const pick = (k: 'user' | 'clientId' | 'ip') => (defaults[k] ? null : names[k]);

  const input = (): AlterQuotaInput => {
    const entity: QuotaEntity =
      shape === 'ip'
        ? { ip: pick('ip') }
        : shape === 'user'
          ? { user: pick('user') }
          : shape === 'client'
            ? { clientId: pick('clientId') }
            : { user: pick('user'), clientId: pick('clientId') };
    const set: QuotaValues = {};
    const remove: QuotaKey[] = [];
    for (const k of keys) {
      const v = values[k]?.trim() ?? '';
      if (v !== '') set[k] = Number(v);
      else if (initial?.values[k] !== undefined) remove.push(k);
    }
    return { entity, set, remove, validateOnly: false };
  };

  const nameField = (k: 'user' | 'clientId' | 'ip', label: string) => (
    <div>
      <label htmlFor={`quota-${k}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`quota-${k}`}
        className={inputClass}
        value={defaults[k] ? '' : (names[k] ?? '')}
        disabled={defaults[k] || initial !== null}
        onChange={(e) => setNames((n) => ({ ...n, [k]: e.target.value }))}
      />
      <label className="mt-1 flex items-center gap-1 text-xs">
        <input type="checkbox" checked={defaults[k]} disabled={initial !== null} onChange={(e) => setDefaults((d) => ({ ...d, [k]: e.target.checked }))} />
        the default for every {k === 'clientId' ? 'client id' : k === 'ip' ? 'IP' : 'user'}
      </label>
    </div>
  );

  return (
    <Card title={initial ? `Quotas of ${describeEntity(initial.entity)}` : 'Add a quota'}>
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          const i = input();
          alter.mutate({ ...i, validateOnly: true }, { onSuccess: (outcome) => setPreview({ input: i, outcome }) });
        }}
      >
        <div>
          <label htmlFor="quota-shape" className={labelClass}>
            Entity
          </label>
          <select id="quota-shape" className={inputClass} value={shape} disabled={initial !== null} onChange={(e) => setShape(e.target.value as Shape)}>
            <option value="user">user</option>
            <option value="client">client id</option>
            <option value="user+client">user and client id</option>
            <option value="ip">IP</option>
          </select>
        </div>
        {(shape === 'user' || shape === 'user+client') && nameField('user', 'User')}
        {(shape === 'client' || shape === 'user+client') && nameField('clientId', 'Client id')}
        {shape === 'ip' && nameField('ip', 'IP address')}
        <div className="grid grid-cols-1 gap-3 md:col-span-3 md:grid-cols-4">
          {keys.map((k) => (
            <div key={k}>
              <label htmlFor={`quota-${k}`} className={labelClass}>
                {KEY_LABELS[k]}
              </label>
              <input
                id={`quota-${k}`}
                inputMode="decimal"
                className={inputClass}
                placeholder="not set"
                value={values[k] ?? ''}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [k]: e.target.value }));
                  setPreview(null);
                }}
              />
            </div>
          ))}
        </div>
        <p className="text-xs text-slate-500 md:col-span-3">Leave a field empty to remove that quota; quotas you do not touch stay as they are.</p>
        <div className="flex gap-2 md:col-span-3">
          <Button type="submit" variant="primary" disabled={alter.isPending}>
            Preview
          </Button>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
      {alter.error && !preview && <ErrorPanel title="The change was refused" message={alter.error.message} />}
      {preview && (
        <div className="mt-4 space-y-2" data-testid="quota-preview">
          <table className="w-full">
            <thead>
              <tr>
                <th className={th}>Quota</th>
                <th className={th}>Now</th>
                <th className={th}>After</th>
              </tr>
            </thead>
            <tbody>
              {[...Object.keys(preview.input.set), ...preview.input.remove].map((k) => (
                <tr key={k}>
                  <td className={td}>{k}</td>
                  <td className={td}>
                    {preview.outcome.before[k as QuotaKey] === undefined
                      ? 'not set'
                      : formatQuota(k as QuotaKey, preview.outcome.before[k as QuotaKey] as number)}
                  </td>
                  <td className={td}>
                    {preview.input.set[k as QuotaKey] === undefined ? 'removed' : formatQuota(k as QuotaKey, preview.input.set[k as QuotaKey] as number)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <CliHint command={preview.outcome.command} />
          <GuardedButton can={can} variant="primary" disabled={alter.isPending} onClick={() => alter.mutate(preview.input, { onSuccess: onClose })}>
            Apply
          </GuardedButton>
        </div>
      )}
    </Card>
  );
}
