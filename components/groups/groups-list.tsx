'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useGroupsQuery } from '@/lib/queries/groups';
import { paths } from '@/lib/paths';
import { Badge, Button, Card, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { formatCount, stateTone } from './format';
import { useGroupsHistory } from '@/lib/queries/history';
import { Sparkline, TrendArrow } from '@/components/history/sparkline';

const PAGE_SIZE = 50;

export function GroupsList({ cluster }: { cluster: string }) {
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<'name' | 'lagGrowth'>('name');
  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(searchInput.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [searchInput]);
  const { data, error, isPending, isFetching, isPlaceholderData } = useGroupsQuery(cluster, {
    search: search || undefined,
    state: state || undefined,
    page,
    pageSize: PAGE_SIZE,
    sort,
  });
  const history = useGroupsHistory(cluster, data?.groups.map((g) => g.groupId) ?? []);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Consumer groups</h1>
        {data && (
          <span className="text-sm text-slate-500" data-testid="groups-total">
            {formatCount(data.total)} group{data.total === 1 ? '' : 's'}
          </span>
        )}
        {isFetching && <span className="text-xs text-slate-400">refreshing…</span>}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="group-search" className="text-xs text-slate-500">
            Search
          </label>
          <input
            id="group-search"
            type="search"
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
            placeholder="group id contains…"
            className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="group-state" className="text-xs text-slate-500">
            State
          </label>
          <select
            id="group-state"
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setPage(1);
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
          >
            <option value="">All states</option>
            {Object.entries(data?.states ?? {})
              .sort()
              .map(([s, n]) => (
                <option key={s} value={s}>
                  {s} ({n})
                </option>
              ))}
            {state && !data?.states[state] && <option value={state}>{state}</option>}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="group-sort" className="text-xs text-slate-500">
            Sort
          </label>
          <select
            id="group-sort"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as 'name' | 'lagGrowth');
              setPage(1);
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
          >
            <option value="name">By name</option>
            <option value="lagGrowth">Lag growing fastest</option>
          </select>
        </div>
      </div>
      {data?.warnings.map((w) => (
        <p key={w} className="text-sm text-amber-700 dark:text-amber-300">
          {w}
        </p>
      ))}
      {isPending ? (
        <Loading label="Listing groups…" />
      ) : error && !data ? (
        <ErrorPanel title="Consumer groups cannot be listed" message={error.message} />
      ) : (
        <Card>
          <table className={`w-full ${isPlaceholderData ? 'opacity-60' : ''}`} data-testid="groups-table">
            <thead>
              <tr>
                <th className={th}>Group</th>
                <th className={th}>State</th>
                <th className={th}>Protocol / assignor</th>
                <th className={th}>Members</th>
                <th className={th}>Topics</th>
                <th className={`${th} text-right`}>Total lag</th>
                <th className={th}>Last hour</th>
                <th className={th}>Trend</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.groups.map((g) => (
                <tr key={g.groupId} data-testid={`group-row-${g.groupId}`}>
                  <td className={`${td} font-mono`}>
                    <Link className="text-blue-700 hover:underline dark:text-blue-300" href={paths.group(cluster, g.groupId)}>
                      {g.groupId}
                    </Link>
                  </td>
                  <td className={td}>
                    <Badge tone={stateTone(g.state)}>{g.state}</Badge>
                  </td>
                  <td className={td} data-testid="group-type">
                    <span className="flex items-center gap-1.5">
                      {g.type === 'consumer' ? (
                        <Badge tone="info">KIP-848</Badge>
                      ) : g.type === 'share' ? (
                        <Badge tone="info">share</Badge>
                      ) : g.type === 'streams' ? (
                        <Badge tone="info">streams</Badge>
                      ) : (
                        <span className="text-slate-500">{g.protocolType && g.protocolType !== 'consumer' ? `${g.type} (${g.protocolType})` : g.type}</span>
                      )}
                      {g.protocol && <span>{g.protocol}</span>}
                    </span>
                  </td>
                  <td className={td} title={g.note ?? undefined}>
                    {g.members ?? '?'}
                  </td>
                  <td className={`${td} max-w-xs truncate`} title={g.topics.join(', ')}>
                    {g.topics.length ? g.topics.join(', ') : <span className="text-slate-400">none</span>}
                  </td>
                  <td className={`${td} text-right`} data-testid="group-lag">
                    {formatCount(g.lag)}
                  </td>
                  <td className={td} data-testid="group-sparkline">
                    <Sparkline values={history.get(g.groupId)?.lag ?? []} label={`lag of ${g.groupId} over the last hour`} />
                  </td>
                  <td className={td} data-testid="group-trend">
                    <TrendArrow perSec={history.get(g.groupId)?.growthPerSec} />
                  </td>
                </tr>
              ))}
              {data.groups.length === 0 && (
                <tr>
                  <td colSpan={8} className={`${td} text-center text-slate-500`}>
                    No consumer groups match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="mt-3 flex items-center justify-between text-sm">
            <span className="text-slate-500">
              Page {data.page} of {pages} · lag computed for this page in {data.elapsedMs} ms
            </span>
            <span className="flex gap-2">
              <Button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                Previous
              </Button>
              <Button disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                Next
              </Button>
            </span>
          </div>
        </Card>
      )}
    </div>
  );
}
