'use client';
import { useState } from 'react';
import { ACL_OPERATIONS, ACL_RESOURCE_TYPES, type ExplainQuestion } from '@/lib/schemas/acls';
import { useExplain } from '@/lib/queries/security';
import { Badge, Button, Card, ErrorPanel } from '@/components/ui/primitives';
import { AclTable } from './acl-table';
import { SelectField, TextField } from '@/components/ui/fields';

/** Whether a principal may do something, and which binding (or rule) decides it. */
export function AclExplainer({ cluster }: { cluster: string }) {
  const [q, setQ] = useState<ExplainQuestion>({ principal: '', host: '127.0.0.1', operation: 'read', resourceType: 'topic', resourceName: '' });
  const explain = useExplain(cluster);
  const set = <K extends keyof ExplainQuestion>(k: K, v: ExplainQuestion[K]) => setQ((x) => ({ ...x, [k]: v }));
  const r = explain.data;
  return (
    <Card title="Explain access">
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          explain.mutate({ ...q, resourceName: q.resourceType === 'cluster' ? 'kafka-cluster' : q.resourceName });
        }}
      >
        <TextField label="Principal" placeholder="User:alice" value={q.principal} onChange={(v) => set('principal', v)} />
        <TextField label="From host (IP)" value={q.host} onChange={(v) => set('host', v)} />
        <SelectField
          label="Operation"
          value={q.operation}
          onChange={(v) => set('operation', v as ExplainQuestion['operation'])}
          options={ACL_OPERATIONS.filter((o) => o !== 'all')}
        />
        <SelectField
          label="Resource type"
          value={q.resourceType}
          onChange={(v) => set('resourceType', v as ExplainQuestion['resourceType'])}
          options={ACL_RESOURCE_TYPES}
        />
        <TextField
          label="Resource name"
          disabled={q.resourceType === 'cluster'}
          value={q.resourceType === 'cluster' ? 'kafka-cluster' : q.resourceName}
          onChange={(v) => set('resourceName', v)}
        />
        <div className="md:col-span-5">
          <Button type="submit" variant="primary" disabled={explain.isPending}>
            Explain
          </Button>
        </div>
      </form>
      {explain.error && <ErrorPanel title="Could not explain" message={explain.error.message} />}
      {r && (
        <div className="mt-4 space-y-3" data-testid="explain-result">
          <div className="flex items-center gap-2">
            {r.allowed ? <Badge tone="good">Allowed</Badge> : <Badge tone="bad">Denied</Badge>}
            <span className="text-xs text-slate-500">rule: {r.rule}</span>
          </div>
          <p className="text-sm" data-testid="explain-summary">
            {r.summary}
          </p>
          {r.decisive && (
            <div>
              <h3 className="text-xs font-semibold text-slate-500 uppercase">Deciding binding</h3>
              <AclTable bindings={[r.decisive]} testId="explain-decisive" />
            </div>
          )}
          {r.considered.length > 0 && (
            <details>
              <summary className="cursor-pointer text-sm">
                Every binding on {q.resourceType} resources ({r.consideredTotal}), and why it does or does not apply
              </summary>
              <ul className="mt-2 space-y-1 text-sm">
                {r.considered.map((c) => (
                  <li
                    key={`${c.binding.principal}|${c.binding.resourceName}|${c.binding.patternType}|${c.binding.operation}|${c.binding.permission}|${c.binding.host}`}
                  >
                    <span className="font-mono">
                      {c.binding.permission} {c.binding.operation} {c.binding.principal}
                    </span>{' '}
                    — {c.why}
                  </li>
                ))}
              </ul>
              {r.consideredTotal > r.considered.length && (
                <p className="mt-1 text-xs text-slate-500">and {r.consideredTotal - r.considered.length} more that do not apply</p>
              )}
            </details>
          )}
        </div>
      )}
    </Card>
  );
}
