'use client';
import type { StreamsGroupInfo } from '@/lib/types';
import { Badge, Card, td, th } from '@/components/ui/primitives';

/** "0: 0, 1; 1: 2": tasks as subtopology: partitions. */
function taskList(tasks: StreamsGroupInfo['members'][number]['active']): string {
  return tasks.length ? tasks.map((t) => `${t.subtopologyId}: ${t.partitions.join(', ')}`).join('; ') : '—';
}

function Topics({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <div className="text-sm">
      <span className="text-xs text-slate-500 uppercase">{label}</span>{' '}
      {names.map((n) => (
        <span key={n} className="mr-2 font-mono">
          {n}
        </span>
      ))}
    </div>
  );
}

/** A streams group's members with their tasks, and its topology, as StreamsGroupDescribe gives them. */
export function StreamsCards({ info }: { info: StreamsGroupInfo }) {
  const partitions = (t: { name: string; partitions: number }) => `${t.name}${t.partitions ? ` (${t.partitions} partitions)` : ''}`;
  return (
    <>
      <Card title={`Tasks (group epoch ${info.groupEpoch}, assignment epoch ${info.assignmentEpoch})`}>
        {info.members.length === 0 ? (
          <p className="text-sm text-slate-500">No members: the application is not running; its tasks are unassigned.</p>
        ) : (
          <table className="w-full" data-testid="streams-tasks-table">
            <thead>
              <tr>
                <th className={th}>Member</th>
                <th className={th}>Process</th>
                <th className={th}>Client id</th>
                <th className={th}>Epoch</th>
                <th className={th}>Active</th>
                <th className={th}>Standby</th>
                <th className={th}>Warm-up</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {info.members.map((m) => (
                <tr key={m.memberId} data-testid={`streams-member-${m.memberId}`}>
                  <td className={`${td} font-mono text-xs`}>
                    {m.memberId} {m.isClassic && <Badge tone="warn">classic protocol</Badge>}
                  </td>
                  <td className={`${td} font-mono text-xs`}>{m.processId}</td>
                  <td className={td}>
                    {m.clientId} <span className="font-mono text-xs text-slate-500">{m.host}</span>
                    {m.userEndpoint && <div className="font-mono text-xs text-slate-500">IQ: {m.userEndpoint}</div>}
                  </td>
                  <td className={td}>{m.memberEpoch}</td>
                  <td className={`${td} font-mono`} data-testid="active-tasks">
                    {taskList(m.active)}
                  </td>
                  <td className={`${td} font-mono`} data-testid="standby-tasks">
                    {taskList(m.standby)}
                  </td>
                  <td className={`${td} font-mono`} data-testid="warmup-tasks">
                    {taskList(m.warmup)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-xs text-slate-500">
          A task is a subtopology and a partition number: it reads that partition of each of the subtopology&apos;s input topics.
        </p>
      </Card>
      <Card title={`Topology${info.topologyEpoch !== null ? ` (epoch ${info.topologyEpoch})` : ''}`}>
        {info.subtopologies.length === 0 ? (
          <p className="text-sm text-slate-500">No member has sent the application&apos;s topology yet.</p>
        ) : (
          <ol className="space-y-3" data-testid="streams-topology">
            {info.subtopologies.map((s) => (
              <li key={s.subtopologyId} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid={`subtopology-${s.subtopologyId}`}>
                <div className="mb-1 text-sm font-semibold">Subtopology {s.subtopologyId}</div>
                <Topics label="Source" names={s.sourceTopics} />
                <Topics label="Repartition source" names={s.repartitionSourceTopics.map(partitions)} />
                <Topics label="Repartition sink" names={s.repartitionSinkTopics} />
                <Topics label="Changelog" names={s.stateChangelogTopics.map(partitions)} />
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
