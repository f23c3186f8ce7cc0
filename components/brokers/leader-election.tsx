'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api-client';
import { useNotify } from '@/lib/notify';
import { useCan } from '@/lib/queries/auth';
import { queryKeys } from '@/lib/queries/keys';
import type { ElectionOutcome, ElectionPreview, ElectionScope } from '@/lib/schemas/leaders';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, td, th } from '@/components/ui/primitives';

const enc = encodeURIComponent;

/** Preferred leader election for the whole cluster: preview which partitions move back to their first replica, then elect. */
export function LeaderElectionCard({ cluster }: { cluster: string }) {
  const scope: ElectionScope = { type: 'cluster' };
  const qc = useQueryClient();
  const notify = useNotify();
  const can = useCan('leaders:elect', { cluster });
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
      void qc.invalidateQueries({ queryKey: queryKeys.overview(cluster) });
    },
    onError: (err) => notify.error('The election failed', err),
  });
  const p = preview.data;
  const eligible = p?.changes.filter((c) => c.eligible).length ?? 0;
  return (
    <Card title="Preferred leader election">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        After a broker restarts, others keep leading its partitions and the leader counts above drift apart. A preferred election moves leadership back to each
        partition&apos;s first replica when it is in sync. Nothing is copied; clients reconnect to the new leaders.
      </p>
      <div className="mt-3">
        <Button onClick={() => preview.mutate()} disabled={preview.isPending}>
          Preview
        </Button>
      </div>
      {preview.error && <ErrorPanel title="The preview failed" message={preview.error.message} />}
      {elect.error && <ErrorPanel title="The election failed" message={elect.error.message} />}
      {p && (
        <div className="mt-3 space-y-2" data-testid="election-preview">
          <p className="text-sm">
            {p.changes.length === 0
              ? `Every partition (${p.alreadyPreferred}) is led by its preferred replica: no election is needed.`
              : `${eligible} partition(s) will move to their preferred leader; ${p.changes.length - eligible} cannot yet; ${p.alreadyPreferred} already have it.`}
          </p>
          {p.changes.length > 0 && (
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
                {p.changes.slice(0, 200).map((c) => (
                  <tr key={`${c.topic}-${c.partition}`}>
                    <td className={`${td} font-mono`}>
                      {c.topic}-{c.partition}
                    </td>
                    <td className={td}>{c.leader < 0 ? 'none' : c.leader}</td>
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
        </div>
      )}
    </Card>
  );
}
