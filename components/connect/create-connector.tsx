'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useId, useMemo, useState } from 'react';
import { ApiClientError } from '@/lib/api-client';
import { connectCurl } from '@/lib/connect/curl';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import { useClustersQuery } from '@/lib/queries/clusters';
import { useCreateConnector, usePluginConfigQuery, usePluginsQuery, useValidateConnector } from '@/lib/queries/connect';
import type { ConfigDefinition, ConnectorConfig } from '@/lib/schemas/connect';
import { GuardedButton } from '@/components/ui/guarded-button';
import { inputClass, labelClass, SelectField, TextField } from '@/components/ui/fields';
import { Button, Card, CliHint, ErrorPanel, Loading } from '@/components/ui/primitives';
import { useCurlTarget } from './shared';

/** Keys the form sets itself. */
const FIXED = new Set(['name', 'connector.class']);

/** The plugin's own settings first, then the worker's common ones by group; each group in its definition order. */
export function groupDefinitions(defs: ConfigDefinition[]): { group: string; defs: ConfigDefinition[] }[] {
  const groups = new Map<string, ConfigDefinition[]>();
  for (const d of defs) {
    if (FIXED.has(d.name)) continue;
    const g = d.group ?? 'Connector';
    groups.set(g, [...(groups.get(g) ?? []), d]);
  }
  const order = (g: string) => (g === 'Connector' ? 0 : g === 'Common' ? 1 : 2);
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([group, list]) => ({ group, defs: [...list].sort((a, b) => a.orderInGroup - b.orderInGroup) }));
}

/** Create a connector: a form generated from the plugin's config definition, or the config as raw JSON; the worker validates before it is saved. */
export function CreateConnector({ cluster }: { cluster: string }) {
  const router = useRouter();
  const search = useSearchParams();
  const connects = useClustersQuery().data?.clusters.find((c) => c.id === cluster)?.connect ?? [];
  const [connect, setConnect] = useState<string | null>(search.get('connect'));
  const chosenConnect = connect ?? connects[0]?.name ?? null;
  const plugins = usePluginsQuery(cluster, chosenConnect);
  const [plugin, setPlugin] = useState<string | null>(null);
  const def = usePluginConfigQuery(cluster, chosenConnect, plugin);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [validated, setValidated] = useState<boolean | null>(null);
  const target = useCurlTarget(cluster, chosenConnect ?? '');
  const create = useCreateConnector(cluster, chosenConnect ?? '');
  const validate = useValidateConnector(cluster, chosenConnect ?? '');
  const can = useCan('connect:write', { cluster });
  const groups = useMemo(() => groupDefinitions(def.data?.definitions ?? []), [def.data]);
  const pluginInfo = plugins.data?.plugins.find((p) => p.class === plugin);

  const config = (): ConnectorConfig | null => {
    if (!plugin) return null;
    if (mode === 'json') {
      try {
        const parsed = JSON.parse(json) as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The config is a JSON object of string values');
        const out: ConnectorConfig = {};
        for (const [k, v] of Object.entries(parsed)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
        setJsonError(null);
        return { ...out, 'connector.class': out['connector.class'] ?? plugin, name };
      } catch (e) {
        setJsonError(e instanceof Error ? e.message : String(e));
        return null;
      }
    }
    const out: ConnectorConfig = { 'connector.class': plugin, name };
    for (const [k, v] of Object.entries(values)) if (v !== '') out[k] = v;
    return out;
  };
  const current = (() => {
    const out: ConnectorConfig = plugin ? { 'connector.class': plugin, name } : {};
    if (mode === 'form') {
      for (const [k, v] of Object.entries(values)) if (v !== '') out[k] = v;
      return out;
    }
    try {
      Object.assign(out, JSON.parse(json), { name });
    } catch {
      // shown when submitted
    }
    return out;
  })();

  const runValidate = async (c: ConnectorConfig) => {
    const v = await validate.mutateAsync({ plugin: plugin as string, config: c });
    setErrors(v.errors);
    setValidated(v.valid);
    return v.valid;
  };

  const switchMode = (m: 'form' | 'json') => {
    if (m === 'json') {
      const { name: _n, ...rest } = current;
      setJson(JSON.stringify(rest, null, 2));
    } else {
      try {
        const parsed = JSON.parse(json) as Record<string, string>;
        setValues(Object.fromEntries(Object.entries(parsed).filter(([k]) => !FIXED.has(k))));
      } catch {
        // keep the form as it was
      }
    }
    setMode(m);
  };

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">New connector</h1>
      <Card title="Plugin">
        <div className="grid grid-cols-3 gap-3">
          <SelectField
            label="Connect cluster"
            value={chosenConnect ?? ''}
            onChange={(v) => {
              setConnect(v);
              setPlugin(null);
            }}
            options={connects.map((c) => [c.name, `${c.name} (${c.url})`] as const)}
          />
          <SelectField
            label="Plugin"
            value={plugin ?? ''}
            onChange={(v) => {
              setPlugin(v || null);
              setValues({});
              setErrors({});
              setValidated(null);
            }}
            options={[
              ['', plugins.isPending ? 'Loading…' : 'Choose a plugin'] as const,
              ...(plugins.data?.plugins ?? []).map((p) => [p.class, `${p.alias} (${p.type})`] as const),
            ]}
          />
          <TextField label="Connector name" value={name} onChange={setName} autoComplete="off" />
        </div>
        {plugins.error && <ErrorPanel title="The plugins cannot be listed" message={plugins.error.message} />}
      </Card>
      {plugin && (
        <Card
          title={`${pluginInfo?.alias ?? plugin} config`}
          actions={
            <div className="flex gap-1" role="tablist">
              <Button variant={mode === 'form' ? 'primary' : 'ghost'} role="tab" aria-selected={mode === 'form'} onClick={() => switchMode('form')}>
                Form
              </Button>
              <Button variant={mode === 'json' ? 'primary' : 'ghost'} role="tab" aria-selected={mode === 'json'} onClick={() => switchMode('json')}>
                JSON
              </Button>
            </div>
          }
        >
          {def.isPending ? (
            <Loading label="Reading the plugin's config definition…" />
          ) : def.error ? (
            <ErrorPanel title="The plugin's config definition cannot be read" message={def.error.message} />
          ) : mode === 'form' ? (
            <div className="space-y-4">
              {groups.map((g, i) => (
                <details key={g.group} open={i === 0 || g.group === 'Common'} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                  <summary className="cursor-pointer text-sm font-semibold">
                    {g.group} ({g.defs.length})
                  </summary>
                  <div className="mt-3 grid grid-cols-2 gap-3">
                    {g.defs.map((d) => (
                      <ConfigField
                        key={d.name}
                        def={d}
                        value={values[d.name] ?? ''}
                        errors={errors[d.name]}
                        onChange={(v) => setValues((x) => ({ ...x, [d.name]: v }))}
                      />
                    ))}
                  </div>
                </details>
              ))}
            </div>
          ) : (
            <div>
              <label className={labelClass} htmlFor="connector-json">
                Config (JSON object; name and connector.class are filled in)
              </label>
              <textarea
                id="connector-json"
                className={`${inputClass} h-64 font-mono`}
                value={json}
                spellCheck={false}
                onChange={(e) => setJson(e.target.value)}
              />
              {jsonError && <p className="mt-1 text-xs text-red-600 dark:text-red-400">{jsonError}</p>}
              {Object.entries(errors).map(([k, e]) => (
                <p key={k} className="mt-1 text-xs text-red-600 dark:text-red-400" data-testid="field-error">
                  {k}: {e.join('; ')}
                </p>
              ))}
            </div>
          )}
          {validated === true && <p className="mt-3 text-sm text-emerald-700 dark:text-emerald-300">The worker accepts this config.</p>}
          {validated === false && (
            <p className="mt-3 text-sm text-red-700 dark:text-red-300" role="alert">
              The worker found {Object.values(errors).flat().length} error(s); they are shown on the fields.
            </p>
          )}
          {create.error && !(create.error instanceof ApiClientError && create.error.status === 422 && Object.keys(errors).length) && (
            <ErrorPanel title="The connector was not created" message={create.error.message} />
          )}
          <CliHint command={connectCurl.create(target, name || '<name>', current)} />
          <div className="mt-3 flex gap-2">
            <Button
              disabled={validate.isPending}
              onClick={() => {
                const c = config();
                if (c) void runValidate(c).catch(() => {});
              }}
            >
              Validate
            </Button>
            <GuardedButton
              can={can}
              variant="primary"
              disabled={!name || create.isPending || validate.isPending}
              onClick={async () => {
                const c = config();
                if (!c) return;
                const ok = await runValidate(c).catch(() => false);
                if (!ok) return;
                create.mutate(
                  { name, config: c },
                  {
                    onSuccess: () => router.push(paths.connector(cluster, chosenConnect as string, name)),
                    onError: (e) => {
                      const details = e instanceof ApiClientError ? (e.details as { errors?: Record<string, string[]> } | undefined) : undefined;
                      if (details?.errors) setErrors(details.errors);
                    },
                  },
                );
              }}
            >
              {create.isPending ? 'Creating…' : 'Create connector'}
            </GuardedButton>
          </div>
        </Card>
      )}
    </div>
  );
}

function ConfigField({ def, value, errors, onChange }: { def: ConfigDefinition; value: string; errors?: string[]; onChange: (v: string) => void }) {
  const id = useId();
  const bad = Boolean(errors?.length);
  const common = {
    id,
    'aria-label': def.name,
    'aria-invalid': bad || undefined,
    'aria-describedby': `${id}-doc`,
    className: `${inputClass} ${bad ? 'border-red-500' : ''}`,
  };
  return (
    <div data-testid="config-field" data-name={def.name}>
      <label htmlFor={id} className={labelClass}>
        {def.displayName}
        {def.required && <span className="text-red-600"> *</span>} <span className="font-mono">({def.name})</span>
      </label>
      {def.type === 'BOOLEAN' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">default ({def.default ?? 'none'})</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          {...common}
          type={def.type === 'PASSWORD' ? 'password' : 'text'}
          autoComplete="off"
          placeholder={def.default !== null && def.default !== '' ? `default: ${def.default}` : def.type === 'LIST' ? 'comma-separated' : ''}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <p id={`${id}-doc`} className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
        {def.type} · {def.documentation.slice(0, 240)}
      </p>
      {errors?.map((e) => (
        <p key={e} className="mt-0.5 text-xs text-red-600 dark:text-red-400" data-testid="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}
