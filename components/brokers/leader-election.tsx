'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { useNotify } from '@/lib/notify';
import { useCan } from '@/lib/queries/auth';
import { queryKeys } from '@/lib/queries/keys';
import type { ElectionOutcome, ElectionPreview, ElectionScope } from '@/lib/schemas/leaders';
import { useBootstrap } from '@/components/topics/use-bootstrap';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, td, th } from '@/components/ui/primitives';

const enc = encodeURIComponent;
type Leaderless = ElectionPreview['leaderless'][number];

/**
 * Preferred leader election for the whole cluster or one topic: preview which partitions move
 * back to their first replica, then elect. Partitions with no leader at all are listed apart,
 * each with what an unclean election would lose, behind a typed confirmation.
 */
export function LeaderElectionCard({ cluster, topic }: { cluster: string; topic?: string }) {
  const scope: ElectionScope = topic ? { type: 'topic', topic } : { type: 'cluster' };
  const qc = useQueryClient();
  const notify = useNotify();
  const can = useCan('leaders:elect', { cluster });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: queryKeys.overview(cluster) });
    void qc.invalidateQueries({ queryKey: queryKeys.topics(cluster) });
  };
  const preview = useMutation({
    mutationFn: () => apiFetch<ElectionPreview>(`/api/clusters/${enc(cluster)}/leader-election/preview`, { method: 'POST', body: { scope } }),
  });
  const elect = useMutation({
    mutationFn: () => apiFetch<ElectionOutcome>(`/api/clusters/${enc(cluster)}/leader-election`, { method: 'POST', body: { scope } }),
    onSuccess: (r) => {
      const elected = r.results.filter((x) => x.outcome === 'elected').length;
      const failed = r.results.filter((x) => x.outcome === 'failed');
      if (failed.length) notify.error(`${failed.length} partition(s) could not be elected`, new Error(failed[0].error ?? ''));
      else notify.success(`Moved leadership back to the preferred replica on ${elected} partition(s)`);
      preview.reset();
      refresh();
    },
    onError: (err) => notify.error('The election failed', err),
  });
  const p = preview.data;
  const eligible = p?.changes.filter((c) => c.eligible && c.leader >= 0).length ?? 0;
  const moving = p?.changes.filter((c) => c.leader >= 0) ?? [];
  return (
    <Card title={topic ? `Preferred leader election for ${topic}` : 'Preferred leader election'}>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        After a broker restarts, others keep leading its partitions and the leader counts drift apart. A preferred election moves leadership back to each
        partition&apos;s first replica when it is in sync. Nothing is copied; clients reconnect to the new leaders.
      </p>
      <div className="mt-3">
        <Button onClick={() => preview.mutate()} disabled={preview.isPending}>
          Preview election
        </Button>
      </div>
      {preview.error && <ErrorPanel title="The preview failed" message={preview.error.message} />}
      {elect.error && <ErrorPanel title="The election failed" message={elect.error.message} />}
      {p && (
        <div className="mt-3 space-y-2" data-testid="election-preview">
          <p className="text-sm">
            {moving.length === 0
              ? `Every partition with a leader (${p.alreadyPreferred}) is led by its preferred replica: no election is needed.`
              : `${eligible} partition(s) will move to their preferred leader; ${moving.length - eligible} cannot yet; ${p.alreadyPreferred} already have it.`}
          </p>
          {moving.length > 0 && (
            <table className="w-full">
              <thead>
                <tr>
                  <th className={th}>Partition</th>
                  <th className={th}>Leader now</th>
                  <th className={th}>Preferred</th>
                  <th className={th}>Why</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {moving.slice(0, 200).map((c) => (
                  <tr key={`${c.topic}-${c.partition}`}>
                    <td className={`${td} font-mono`}>
                      {c.topic}-{c.partition}
                    </td>
                    <td className={td}>{c.leader}</td>
                    <td className={td}>{c.preferred}</td>
                    <td className={td}>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <CliHint command={p.command} />
          {eligible > 0 && (
            <GuardedButton can={can} variant="primary" disabled={elect.isPending} onClick={() => elect.mutate()}>
              Elect preferred leaders ({eligible})
            </GuardedButton>
          )}
          {p.leaderless.length > 0 && (
            <div className="mt-4 space-y-2" data-testid="leaderless">
              <h3 className="text-sm font-semibold text-red-700 dark:text-red-300">{p.leaderless.length} partition(s) have no leader</h3>
              <p className="text-sm">
                No in-sync replica is alive, so a preferred election cannot help. Bringing the last in-sync broker back loses nothing; an unclean election makes
                an out-of-sync replica the leader and loses what it lacks.
              </p>
              {p.leaderless.slice(0, 50).map((l) => (
                <UncleanElection key={`${l.topic}-${l.partition}`} cluster={cluster} part={l} onDone={() => preview.mutate()} />
              ))}
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

/** One leaderless partition: what an unclean election would do, and a typed confirmation (the API checks it too). */
function UncleanElection({ cluster, part, onDone }: { cluster: string; part: Leaderless; onDone: () => void }) {
  const name = `${part.topic}-${part.partition}`;
  const can = useCan('leaders:unclean', { cluster });
  const notify = useNotify();
  const bootstrap = useBootstrap(cluster);
  const [typed, setTyped] = useState('');
  const unclean = useMutation({
    mutationFn: () =>
      apiFetch<ElectionOutcome>(`/api/clusters/${enc(cluster)}/leader-election/unclean`, {
        method: 'POST',
        body: { topic: part.topic, partition: part.partition, confirm: typed },
      }),
    onSuccess: (r) => {
      notify.success(`${name} is led by broker ${r.results[0]?.leader ?? '?'} again`);
      setTyped('');
      onDone();
    },
    onError: (err) => notify.error(`The unclean election of ${name} failed`, err),
  });
  return (
    <form
      className="rounded border border-red-300 p-3 dark:border-red-800"
      data-testid={`unclean-${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (typed === name) unclean.mutate();
      }}
    >
      <p className="font-mono text-sm">
        {name}: replicas {part.replicas.join(', ')}, in sync {part.isr.join(', ') || 'none'}
      </p>
      <p className="mt-1 text-sm text-red-700 dark:text-red-300">{part.risk}</p>
      {part.candidates.length > 0 && (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Type <span className="font-mono">{name}</span> to elect an out-of-sync leader{' '}
            <input
              aria-label={`Confirm unclean election of ${name}`}
              className="ml-1 rounded border border-slate-300 bg-white px-1 py-0.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <GuardedButton can={can} type="submit" variant="danger" disabled={typed !== name || unclean.isPending}>
            Unclean election
          </GuardedButton>
        </div>
      )}
      <CliHint command={`kafka-leader-election --bootstrap-server ${bootstrap} --election-type UNCLEAN --topic ${part.topic} --partition ${part.partition}`} />
      {unclean.error && <ErrorPanel title="Refused" message={unclean.error.message} />}
    </form>
  );
}
