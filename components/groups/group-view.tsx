'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useDeleteGroupMutation, useDeleteTopicOffsetsMutation, useGroupQuery } from '@/lib/queries/groups';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import type { GroupDetail, GroupPartition } from '@/lib/types';
import { Badge, Button, Card, CliHint, ErrorPanel, Loading, Stat, td, th } from '@/components/ui/primitives';
import { cli, shareDeleteOffsetsCli } from '@/lib/cli-commands';
import { ResourceAcls } from '@/components/security/resource-acls';
import { GuardedButton } from '@/components/ui/guarded-button';
import { VirtualTable, type Column } from './virtual-table';
import { useNotify } from '@/components/ui/notifications';
import { formatCount, formatDuration, stateTone } from './format';
import { ResetOffsetsForm } from './reset-offsets-form';
import { GroupHistory } from '@/components/history/group-history';
import { StreamsCards } from './streams-view';

export function GroupView({ cluster, group }: { cluster: string; group: string }) {
  const { data, error, isPending, isFetching } = useGroupQuery(cluster, group);
  if (isPending) return <Loading label="Describing the group…" />;
  if (error && !data) {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="font-mono text-xl font-semibold">{group}</h1>
        <ErrorPanel title="This group cannot be shown" message={error.message} />
        <Link href={paths.groups(cluster)} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          All consumer groups
        </Link>
      </div>
    );
  }
  const maxTimeLag = Math.max(0, ...data.partitions.map((p) => p.timeLagMs ?? 0));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href={paths.groups(cluster)} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          Consumer groups
        </Link>
        <span className="text-slate-400">/</span>
        <h1 className="font-mono text-xl font-semibold">{data.groupId}</h1>
        <Badge tone={stateTone(data.state)}>{data.state}</Badge>
        {data.type === 'consumer' ? (
          <Badge tone="info">KIP-848 consumer protocol</Badge>
        ) : data.type === 'share' ? (
          <Badge tone="info">share group (KIP-932)</Badge>
        ) : data.type === 'streams' ? (
          <Badge tone="info">streams group (KIP-1071)</Badge>
        ) : (
          <Badge>{data.protocolType || 'classic'}</Badge>
        )}
        {data.protocol && <Badge>assignor: {data.protocol}</Badge>}
        {isFetching && <span className="text-xs text-slate-400">refreshing…</span>}
      </div>
      {data.note && <p className="text-sm text-amber-700 dark:text-amber-300">{data.note}</p>}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Members" value={data.membersKnown ? data.members.length : '?'} />
        <Stat
          label="Total lag"
          value={formatCount(data.totalLag)}
          tone={data.totalLag === null ? undefined : data.totalLag > 0 ? 'warn' : 'good'}
          hint="records behind the log end, all partitions"
        />
        <Stat label="Behind in time" value={maxTimeLag ? formatDuration(maxTimeLag) : '—'} hint="age of the oldest unconsumed record" />
        <Stat label="Partitions" value={data.partitions.length} />
      </div>

      {data.type !== 'share' && <GroupHistory cluster={cluster} group={group} />}

      <Card title={`Members (${data.membersKnown ? data.members.length : 'unknown'})`}>
        {data.members.length === 0 ? (
          <p className="text-sm text-slate-500">
            {data.membersKnown
              ? 'No active members: the group is empty.'
              : 'Members cannot be shown for this group (see the note above); it is not treated as empty.'}
          </p>
        ) : (
          <table className="w-full" data-testid="members-table">
            <thead>
              <tr>
                <th className={th}>Member id</th>
                <th className={th}>Client id</th>
                <th className={th}>Host</th>
                <th className={th}>Assigned partitions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.members.map((m) => (
                <tr key={m.memberId}>
                  <td className={`${td} font-mono text-xs`}>{m.memberId}</td>
                  <td className={td}>{m.clientId}</td>
                  <td className={`${td} font-mono`}>{m.host}</td>
                  <td className={td}>{m.assignment.length ? m.assignment.map((a) => `${a.topic}: ${a.partitions.join(', ')}`).join('; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      {data.streams && <StreamsCards info={data.streams} />}

      <TopicsCard cluster={cluster} data={data} />

      <Card title="Partitions">
        <PartitionsTable partitions={data.partitions} share={data.type === 'share'} />
      </Card>

      {data.type === 'streams' ? (
        <Card title="Reset offsets">
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="streams-reset-note">
            A streams group&apos;s offsets belong to its tasks, whose state also lives in changelog and repartition topics; the console does not reset them.
            Stop every instance of the application, then:{' '}
            <code className="font-mono text-xs">
              kafka-streams-groups --bootstrap-server {data.bootstrap.split(',')[0]} --group {data.groupId} --reset-offsets --to-earliest --all-input-topics
              --execute
            </code>
          </p>
        </Card>
      ) : (
        <ResetOffsetsForm cluster={cluster} group={data} />
      )}

      <Card title="ACLs">
        <ResourceAcls cluster={cluster} kind="group" name={data.groupId} />
      </Card>
      <DeleteGroupCard cluster={cluster} data={data} />
    </div>
  );
}

function TopicsCard({ cluster, data }: { cluster: string; data: GroupDetail }) {
  const notify = useNotify();
  const share = data.type === 'share';
  const del = useDeleteTopicOffsetsMutation(cluster, data.groupId, share);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  return (
    <Card title="Lag per topic">
      <table className="w-full" data-testid="topics-lag-table">
        <thead>
          <tr>
            <th className={th}>Topic</th>
            <th className={th}>Partitions</th>
            <th className={`${th} text-right`}>Lag</th>
            <th className={`${th} text-right`}>Behind in time</th>
            <th className={th} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {data.topics.map((t) => (
            <tr key={t.topic} data-testid={`topic-lag-${t.topic}`}>
              <td className={`${td} font-mono`}>{t.topic}</td>
              <td className={td}>{t.partitions}</td>
              <td className={`${td} text-right`} data-testid="topic-lag">
                {formatCount(t.lag)}
              </td>
              <td className={`${td} text-right`}>{t.timeLagMs !== null ? formatDuration(t.timeLagMs) : '—'}</td>
              <td className={`${td} text-right`}>
                {confirming === t.topic ? (
                  <form
                    className="flex items-center justify-end gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      del.mutate(
                        { topic: t.topic, confirm: typed },
                        {
                          onSuccess: (r) => {
                            notify.success(
                              `Deleted the ${share ? 'start' : 'committed'} offsets of group ${data.groupId} for topic ${t.topic} (${r.deleted.length} partitions)`,
                            );
                            setConfirming(null);
                            setTyped('');
                          },
                          onError: (err) => notify.error(`Failed to delete the offsets of group ${data.groupId} for topic ${t.topic}`, err),
                        },
                      );
                    }}
                  >
                    <label htmlFor={`confirm-offsets-${t.topic}`} className="text-xs text-slate-500">
                      Type the topic name
                    </label>
                    <input
                      id={`confirm-offsets-${t.topic}`}
                      value={typed}
                      onChange={(e) => setTyped(e.target.value)}
                      className="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
                    />
                    <Button type="submit" variant="danger" disabled={typed !== t.topic || del.isPending}>
                      Delete offsets
                    </Button>
                    <Button type="button" onClick={() => setConfirming(null)}>
                      Cancel
                    </Button>
                  </form>
                ) : data.type === 'streams' ? null : (
                  <DeleteOffsetsButton
                    cluster={cluster}
                    group={data.groupId}
                    topic={t.topic}
                    share={share}
                    onClick={() => {
                      setConfirming(t.topic);
                      setTyped('');
                    }}
                    disabled={data.partitions.every((p) => p.topic !== t.topic || p.committed === null)}
                  />
                )}
              </td>
            </tr>
          ))}
          {data.topics.length === 0 && (
            <tr>
              <td colSpan={5} className={`${td} text-slate-500`}>
                No committed offsets and no assigned partitions.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {confirming && (
        <CliHint
          command={
            share
              ? shareDeleteOffsetsCli(data.bootstrap.split(',')[0], data.groupId, confirming)
              : cli.deleteOffsets(
                  data.bootstrap.split(',')[0],
                  data.groupId,
                  confirming,
                  data.partitions.filter((p) => p.topic === confirming && p.committed !== null).map((p) => p.partition),
                )
          }
        />
      )}
    </Card>
  );
}

function DeleteOffsetsButton({
  cluster,
  group,
  topic,
  onClick,
  disabled,
  share,
}: {
  cluster: string;
  group: string;
  topic: string;
  onClick: () => void;
  disabled: boolean;
  share: boolean;
}) {
  const can = useCan('groups:delete', { cluster, group, topic });
  return (
    <GuardedButton can={can} variant="ghost" onClick={onClick} disabled={disabled}>
      {share ? 'Delete start offsets…' : 'Delete committed offsets…'}
    </GuardedButton>
  );
}

const partitionColumns = (share: boolean): Column<GroupPartition>[] => [
  { header: 'Topic', className: 'truncate', cell: (p) => <span className="font-mono">{p.topic}</span> },
  { header: 'Partition', cell: (p) => p.partition },
  { header: share ? 'Start offset' : 'Committed', className: 'text-right', cell: (p) => p.committed ?? '—', testId: 'partition-committed' },
  { header: 'Log end', className: 'text-right', cell: (p) => p.logEnd ?? '?' },
  { header: 'Lag', className: 'text-right', cell: (p) => formatCount(p.lag), testId: 'partition-lag' },
  { header: 'Behind', className: 'text-right', cell: (p) => (p.timeLagMs !== null ? formatDuration(p.timeLagMs) : '—') },
  { header: 'Owner', className: 'truncate', cell: (p) => (p.owner ? <span title={p.owner.memberId}>{`${p.owner.clientId} ${p.owner.host}`}</span> : '—') },
];

/** Per-partition table; virtualized so topics with thousands of partitions stay smooth. */
function PartitionsTable({ partitions, share }: { partitions: GroupPartition[]; share: boolean }) {
  return (
    <VirtualTable
      rows={partitions}
      columns={partitionColumns(share)}
      rowKey={(p) => `${p.topic}:${p.partition}`}
      rowTestId={(p) => `partition-row-${p.topic}-${p.partition}`}
      grid="grid-cols-[minmax(8rem,2fr)_5rem_8rem_8rem_7rem_8rem_minmax(8rem,2fr)]"
      testId="partitions-table"
    />
  );
}

function DeleteGroupCard({ cluster, data }: { cluster: string; data: GroupDetail }) {
  const router = useRouter();
  const notify = useNotify();
  const del = useDeleteGroupMutation(cluster, data.groupId);
  const can = useCan('groups:delete', { cluster, group: data.groupId });
  const [typed, setTyped] = useState('');
  const empty = data.membersKnown && data.members.length === 0;
  return (
    <Card title="Delete group">
      {!empty ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {data.membersKnown
            ? 'Kafka deletes a group only when it has no active members; stop its consumers first.'
            : 'The members of this group cannot be described, so it cannot be deleted from here.'}
        </p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!can.allowed || typed !== data.groupId) return;
            del.mutate(typed, {
              onSuccess: () => {
                notify.success(`Deleted consumer group ${data.groupId}`);
                router.push(paths.groups(cluster));
              },
              onError: (err) => notify.error(`Failed to delete consumer group ${data.groupId}`, err),
            });
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="delete-group-confirm" className="text-xs text-slate-500">
              Type the group id to delete it and all its committed offsets
            </label>
            <input
              id="delete-group-confirm"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="w-80 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
            />
          </div>
          <GuardedButton can={can} type="submit" variant="danger" disabled={typed !== data.groupId || del.isPending}>
            Delete group
          </GuardedButton>
        </form>
      )}
    </Card>
  );
}
