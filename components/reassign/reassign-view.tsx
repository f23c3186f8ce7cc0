'use client';
import { useState } from 'react';
import { useOverviewQuery } from '@/lib/queries/clusters';
import { useGeneratePlanMutation } from '@/lib/queries/reassignments';
import type { GenerateInput } from '@/lib/schemas/reassignments';
import { Button, Card, ErrorPanel, Loading } from '@/components/ui/primitives';
import { SelectField, TextField } from '@/components/ui/fields';
import { PlanReview } from './plan-review';
import { RunningReassignments } from './running';

/**
 * Partition reassignment: propose a balanced plan (or one that empties a broker, or changes
 * the replication factor), review and edit it, execute it with a throttle, watch it, and move
 * back from a finished run.
 */
export function ReassignView({ cluster, topic }: { cluster: string; topic?: string }) {
  const overview = useOverviewQuery(cluster);
  const generate = useGeneratePlanMutation(cluster);
  const [topics, setTopics] = useState(topic ?? '');
  const [rf, setRf] = useState('');
  const [remove, setRemove] = useState('');
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  if (overview.isPending) return <Loading label="Asking the cluster…" />;
  if (overview.error) return <ErrorPanel title="The brokers could not be listed" message={overview.error.message} />;
  const brokers = overview.data.brokers.filter((b) => b.registered);

  const input = (): GenerateInput => {
    const names = topics
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    const chosen = brokers.map((b) => b.id).filter((id) => !excluded.has(id));
    return {
      ...(names.length ? { topics: names } : {}),
      ...(excluded.size ? { brokers: chosen } : {}),
      ...(rf ? { replicationFactor: Number(rf) } : {}),
      ...(remove ? { removeBroker: Number(remove) } : {}),
    };
  };
  const fieldError = (f: string) => (generate.error && (generate.error as { field?: string }).field === f ? generate.error.message : undefined);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Partition reassignment</h1>
      <RunningReassignments cluster={cluster} />
      <Card title="Plan a reassignment">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          The console proposes an assignment that spreads replicas and preferred leaders evenly over the chosen brokers (on different racks where brokers have
          racks), moving as few replicas as it can. Nothing changes until you execute it.
        </p>
        <form
          className="mt-3 grid gap-3 md:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            generate.mutate(input());
          }}
        >
          <TextField
            label="Topics (comma-separated; empty: every topic but the internal ones)"
            value={topics}
            onChange={setTopics}
            ariaLabel="Topics to plan for"
            aria-invalid={Boolean(fieldError('topics'))}
          />
          <TextField
            label="New replication factor (empty: keep each topic's)"
            value={rf}
            onChange={setRf}
            inputMode="numeric"
            ariaLabel="Replication factor"
            aria-invalid={Boolean(fieldError('replicationFactor'))}
          />
          <SelectField
            label="Decommission: move everything off broker"
            value={remove}
            onChange={setRemove}
            ariaLabel="Broker to empty"
            options={[['', 'none'] as const, ...overview.data.brokers.map((b) => [String(b.id), `broker ${b.id}`] as const)]}
          />
          <fieldset className="md:col-span-3">
            <legend className="text-xs text-slate-500 dark:text-slate-400">Brokers to place replicas on</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {brokers.map((b) => (
                <label key={b.id} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={!excluded.has(b.id) && String(b.id) !== remove}
                    disabled={String(b.id) === remove}
                    onChange={(e) => {
                      const next = new Set(excluded);
                      if (e.target.checked) next.delete(b.id);
                      else next.add(b.id);
                      setExcluded(next);
                    }}
                  />
                  broker {b.id}
                  {b.rack ? ` (rack ${b.rack})` : ''}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="md:col-span-3">
            <Button type="submit" variant="primary" disabled={generate.isPending}>
              {generate.isPending ? 'Planning…' : 'Propose a plan'}
            </Button>
          </div>
        </form>
        {generate.error && <ErrorPanel title="No plan could be made" message={generate.error.message} />}
      </Card>
      {generate.data && <PlanReview key={generate.data.json} cluster={cluster} plan={generate.data} />}
    </div>
  );
}
