'use client';
import { useState } from 'react';
import { ACL_OPERATIONS, ACL_RESOURCE_TYPES, MAX_BINDINGS_PER_REQUEST, type AclBinding, type AclListQuery, type DeletePreview } from '@/lib/schemas/acls';
import { useAclDeletePreview, useAclsQuery, useDeleteAcls } from '@/lib/queries/security';
import { useBootstrap } from '@/components/topics/use-bootstrap';
import { useCan } from '@/lib/queries/auth';
import { useDebounced } from '@/components/ui/use-debounced';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, Loading } from '@/components/ui/primitives';
import { AclExplainer } from './acl-explainer';
import { AclTable, bindingId, Commands, NoAuthorizer, noAuthorizer } from './acl-table';
import { inputClass, labelClass, SelectField, TextField } from '@/components/ui/fields';
import { AclWizardPanel } from './acl-wizard';
import { aclCommands } from '@/lib/acl/commands';

const PAGE = 50;
type Filter = Pick<AclListQuery, 'principal' | 'resourceType' | 'resourceName' | 'patternType' | 'operation' | 'permission'>;

/** Every ACL binding: filter, sort, page; select and delete exactly those; add with wizards; explain access. */
export function AclsView({ cluster }: { cluster: string }) {
  const bootstrap = useBootstrap(cluster);
  const [filter, setFilter] = useState<Partial<Filter>>({});
  const [sort, setSort] = useState<AclListQuery['sort']>('resource');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Map<string, AclBinding>>(new Map());
  const [confirming, setConfirming] = useState<DeletePreview | null>(null);
  const [typed, setTyped] = useState('');
  const [panel, setPanel] = useState<'add' | 'explain' | null>(null);
  const debounced = useDebounced(filter, 250);
  const q = { ...debounced, sort, order, offset, limit: PAGE };
  const { data, error, isPending, isFetching } = useAclsQuery(cluster, q);
  const deleting = useDeleteAcls(cluster);
  const matching = useAclDeletePreview(cluster);
  const canDelete = useCan('acls:alter', { cluster });

  const setF = (k: keyof Filter, v: string) => {
    setFilter((f) => ({ ...f, [k]: v || undefined }));
    setOffset(0);
  };
  const sortBy = (s: AclListQuery['sort']) => {
    if (s === sort) setOrder((o) => (o === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(s);
      setOrder('asc');
    }
  };
  const toggle = (b: AclBinding) =>
    setSelected((m) => {
      const n = new Map(m);
      if (n.has(bindingId(b))) n.delete(bindingId(b));
      else n.set(bindingId(b), b);
      return n;
    });
  const chosen = [...selected.values()];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">ACLs</h1>
        {isFetching && <span className="text-xs text-slate-400">refreshing…</span>}
        <div className="ml-auto flex gap-2">
          <Button onClick={() => setPanel(panel === 'add' ? null : 'add')} aria-expanded={panel === 'add'}>
            Add ACLs
          </Button>
          <Button onClick={() => setPanel(panel === 'explain' ? null : 'explain')} aria-expanded={panel === 'explain'}>
            Explain access
          </Button>
        </div>
      </div>
      {panel === 'add' && <AclWizardPanel cluster={cluster} />}
      {panel === 'explain' && <AclExplainer cluster={cluster} />}

      <Card title="Bindings">
        <div className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-6" data-testid="acl-filters">
          <TextField
            label="Principal"
            ariaLabel="Filter by principal"
            placeholder="User:alice"
            value={filter.principal ?? ''}
            onChange={(v) => setF('principal', v)}
          />
          <SelectField
            label="Resource type"
            ariaLabel="Filter by resource type"
            value={filter.resourceType ?? ''}
            onChange={(v) => setF('resourceType', v)}
            options={[['', 'any'], ...ACL_RESOURCE_TYPES]}
          />
          <TextField label="Resource name" ariaLabel="Filter by resource name" value={filter.resourceName ?? ''} onChange={(v) => setF('resourceName', v)} />
          <SelectField
            label="Pattern"
            ariaLabel="Filter by pattern"
            value={filter.patternType ?? 'any'}
            onChange={(v) => setF('patternType', v)}
            options={['any', 'literal', 'prefixed', ['match', 'applies to the name']]}
          />
          <SelectField
            label="Operation"
            ariaLabel="Filter by operation"
            value={filter.operation ?? ''}
            onChange={(v) => setF('operation', v)}
            options={[['', 'any'], ...ACL_OPERATIONS]}
          />
          <SelectField
            label="Permission"
            ariaLabel="Filter by permission"
            value={filter.permission ?? ''}
            onChange={(v) => setF('permission', v)}
            options={[['', 'any'], 'allow', 'deny']}
          />
        </div>
        <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
          <span>Sort by</span>
          {(['resource', 'principal', 'operation', 'permission'] as const).map((s) => (
            <Button key={s} variant={s === sort ? 'primary' : 'secondary'} onClick={() => sortBy(s)} aria-pressed={s === sort}>
              {s}
              {s === sort ? (order === 'asc' ? ' ↑' : ' ↓') : ''}
            </Button>
          ))}
          <span className="ml-auto" data-testid="acl-total">
            {data ? `${data.total} binding(s)` : ''}
          </span>
        </div>
        {isPending ? (
          <Loading label="Asking the cluster for its ACLs…" />
        ) : noAuthorizer(error) || data?.authorizer === false ? (
          <NoAuthorizer />
        ) : error ? (
          <ErrorPanel title="ACLs cannot be listed" message={error.message} />
        ) : (
          <>
            <AclTable bindings={data.bindings} selected={new Set(selected.keys())} onToggle={toggle} />
            <div className="mt-3 flex items-center gap-2 text-sm">
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </Button>
              <span>{data.total ? `${offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total}` : 'No bindings match'}</span>
              <Button disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </Button>
              <GuardedButton
                can={canDelete}
                variant="danger"
                className="ml-auto"
                disabled={chosen.length === 0}
                onClick={() => {
                  setTyped('');
                  setConfirming({ matched: chosen, total: chosen.length, command: aclCommands(chosen, 'remove', bootstrap).join('\n') });
                }}
              >
                Delete selected ({chosen.length})
              </GuardedButton>
              <GuardedButton
                can={canDelete}
                variant="danger"
                disabled={data.total === 0 || matching.isPending}
                title="Shows exactly which bindings the current filter matches before anything is deleted"
                onClick={() =>
                  matching.mutate(
                    { ...debounced, patternType: debounced.patternType ?? 'any' },
                    {
                      onSuccess: (p) => {
                        setTyped('');
                        setConfirming(p);
                      },
                    },
                  )
                }
              >
                Delete all matching the filter…
              </GuardedButton>
            </div>
            <CliHint command={data.command} />
          </>
        )}
      </Card>

      {confirming && (
        <Card title={`Delete ${confirming.matched.length} binding(s)`}>
          <div role="dialog" aria-label="Confirm deleting ACLs" className="space-y-3">
            {confirming.total > MAX_BINDINGS_PER_REQUEST ? (
              <p className="text-sm text-amber-700 dark:text-amber-300" role="alert">
                This matches {confirming.total} bindings; at most {MAX_BINDINGS_PER_REQUEST} can be deleted at once. Narrow the filter, or select bindings.
              </p>
            ) : (
              <p className="text-sm">Exactly these bindings will be deleted, and nothing else:</p>
            )}
            <AclTable bindings={confirming.matched} testId="acl-delete-table" />
            <Commands commands={confirming.command.split('\n')} />
            <label htmlFor="acl-delete-confirm" className={labelClass}>
              Type {confirming.matched.length} to confirm
            </label>
            <input id="acl-delete-confirm" className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} />
            <div className="flex gap-2">
              <GuardedButton
                can={canDelete}
                variant="danger"
                disabled={typed !== String(confirming.matched.length) || confirming.total > MAX_BINDINGS_PER_REQUEST || deleting.isPending}
                onClick={() =>
                  deleting.mutate(
                    { bindings: confirming.matched, confirm: typed },
                    {
                      onSuccess: () => {
                        setConfirming(null);
                        setSelected(new Map());
                      },
                    },
                  )
                }
              >
                Delete {confirming.matched.length} binding(s)
              </GuardedButton>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}
