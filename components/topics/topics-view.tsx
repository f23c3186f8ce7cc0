'use client';
import { useDebounced } from '@/components/ui/use-debounced';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ApiClientError } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { useTopicsQuery } from '@/lib/queries/topics';
import type { TopicList, TopicSummary } from '@/lib/types';
import { DEFAULT_TOPIC_LIST, type TopicListParams, type TopicSort } from '@/lib/schemas/topics';
import { cli } from '@/lib/cli-commands';
import { useCan } from '@/lib/queries/auth';
import { Badge, Button, CliHint, ErrorPanel, Loading, cx, th, td } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { HeaderRow, VirtualRows } from '@/components/ui/virtual-rows';
import { CreateTopicForm } from './create-topic-form';
import { formatBytes, formatCount } from './format';
import { useBootstrap } from './use-bootstrap';
import { useTopicsHistory } from '@/lib/queries/history';
import { formatRate } from '@/components/history/format';

const COLUMNS: { id: TopicSort; label: string; numeric?: boolean }[] = [
  { id: 'name', label: 'Topic' },
  { id: 'partitions', label: 'Partitions', numeric: true },
  { id: 'replicationFactor', label: 'RF', numeric: true },
  { id: 'underReplicated', label: 'Under-replicated', numeric: true },
  { id: 'offline', label: 'Offline', numeric: true },
  { id: 'messages', label: 'Messages', numeric: true },
  { id: 'size', label: 'Size', numeric: true },
];
const GRID = 'minmax(12rem, 3fr) repeat(6, minmax(4.5rem, 1fr)) minmax(5.5rem, 1fr) minmax(8rem, 2fr)';
const PAGE_SIZES = [50, 100, 500, 1000];

export function TopicsView({ cluster, initial }: { cluster: string; initial?: TopicList | null }) {
  const bootstrap = useBootstrap(cluster);
  const [search, setSearch] = useState('');
  const [regex, setRegex] = useState(false);
  const [internal, setInternal] = useState(false);
  const [sort, setSort] = useState<TopicSort>(DEFAULT_TOPIC_LIST.sort);
  const [order, setOrder] = useState<'asc' | 'desc'>(DEFAULT_TOPIC_LIST.order);
  const [page, setPage] = useState<number>(DEFAULT_TOPIC_LIST.page);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_TOPIC_LIST.pageSize);
  const [initialAt] = useState(() => Date.now());
  const [creating, setCreating] = useState(false);
  // A grant narrowed to a topic prefix may create topics it names; the form checks the name.
  const canCreate = useCan('topics:create', { cluster }, { partial: true });
  const debounced = useDebounced(search, 250);
  const params: TopicListParams = { search: debounced || undefined, regex: regex || undefined, internal: internal || undefined, sort, order, page, pageSize };
  const isDefault =
    !debounced &&
    !regex &&
    !internal &&
    sort === DEFAULT_TOPIC_LIST.sort &&
    order === DEFAULT_TOPIC_LIST.order &&
    page === DEFAULT_TOPIC_LIST.page &&
    pageSize === DEFAULT_TOPIC_LIST.pageSize;
  const { data, error, isPending, isFetching } = useTopicsQuery(cluster, params, true, isDefault && initial ? { data: initial, at: initialAt } : undefined);
  const searchError = error instanceof ApiClientError && error.field === 'search' ? error.message : null;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const flow = useTopicsHistory(cluster, data?.topics.map((t) => t.name) ?? []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed filter or page size starts again at page 1
  useEffect(() => setPage(1), [debounced, regex, internal, pageSize]);

  const toggleSort = (id: TopicSort) => {
    if (sort === id) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(id);
      setOrder(id === 'name' ? 'asc' : 'desc');
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Topics</h1>
        {data && (
          <span className="text-sm text-slate-500" data-testid="topics-count">
            {data.total === data.clusterTotal ? `${data.total} topics` : `${data.total} of ${data.clusterTotal} topics`}
          </span>
        )}
        {isFetching && !isPending && <span className="text-xs text-slate-400">refreshing…</span>}
        <div className="ml-auto">
          <GuardedButton can={canCreate} variant="primary" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            {creating ? 'Close form' : 'Create topic'}
          </GuardedButton>
        </div>
      </div>

      {creating && canCreate.allowed && <CreateTopicForm cluster={cluster} onDone={() => setCreating(false)} />}

      <div className="flex flex-wrap items-start gap-4">
        <div className="flex flex-col">
          <label htmlFor="topic-search" className="text-xs text-slate-500">
            Search {regex ? '(regular expression)' : '(part of the name)'}
          </label>
          <input
            id="topic-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? 'topic-search-error' : undefined}
            placeholder={regex ? '^orders-.*' : 'orders'}
            className={cx(
              'mt-1 w-80 rounded-md border bg-white px-2 py-1 text-sm dark:bg-slate-800',
              searchError ? 'border-red-500' : 'border-slate-300 dark:border-slate-700',
            )}
          />
          {searchError && (
            <span id="topic-search-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {searchError}
            </span>
          )}
        </div>
        <label className="mt-6 flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> Regex
        </label>
        <label className="mt-6 flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Show internal topics
        </label>
      </div>

      {error && !searchError && <ErrorPanel title="Topics could not be listed" message={error.message} />}
      {isPending && <Loading label="Listing topics…" />}

      {data && (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <div role="table" aria-label="Topics" aria-rowcount={data.topics.length} data-testid="topics-table">
            <HeaderRow columns={GRID}>
              {COLUMNS.map((c) => (
                <div
                  role="columnheader"
                  key={c.id}
                  aria-sort={sort === c.id ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={cx(th, c.numeric && 'text-right')}
                >
                  <button type="button" onClick={() => toggleSort(c.id)} className="uppercase hover:text-slate-900 dark:hover:text-slate-100">
                    {c.label}
                    {sort === c.id ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </div>
              ))}
              <div role="columnheader" className={cx(th, 'text-right')} title="Records per second over the last minutes, from the lag history">
                Produce rate
              </div>
              <div role="columnheader" className={th} title="Groups with committed offsets on the topic, worst lag first">
                Consumers (worst lag)
              </div>
            </HeaderRow>
            {data.topics.length === 0 ? (
              <p className="p-4 text-sm text-slate-500">No topic matches.</p>
            ) : (
              <VirtualRows<TopicSummary>
                items={data.topics}
                rowKey={(t) => t.name}
                columns={GRID}
                testId="topics-rows"
                renderRow={(t) => (
                  <>
                    <div role="cell" className={cx(td, 'truncate')}>
                      <Link href={paths.topic(cluster, t.name)} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
                        {t.name}
                      </Link>{' '}
                      {t.internal && <Badge>internal</Badge>}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {t.partitions}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {t.replicationFactor}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {t.underReplicated ? <Badge tone="warn">{t.underReplicated}</Badge> : 0}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {t.offline ? <Badge tone="bad">{t.offline}</Badge> : 0}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {formatCount(t.messages)}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')}>
                      {formatBytes(t.size)}
                    </div>
                    <div role="cell" className={cx(td, 'text-right')} data-testid="topic-produce-rate">
                      {formatRate(flow.get(t.name)?.produceRate)}
                    </div>
                    <div role="cell" className={cx(td, 'truncate')} data-testid="topic-consumers">
                      <ConsumersCell cluster={cluster} summary={flow.get(t.name)} />
                    </div>
                  </>
                )}
              />
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
            <Button onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
              Previous
            </Button>
            <span data-testid="topics-page">
              Page {data.page} of {pages}
            </span>
            <Button onClick={() => setPage((p) => Math.min(pages, p + 1))} disabled={page >= pages}>
              Next
            </Button>
            <label className="ml-auto flex items-center gap-1.5">
              Rows per page
              <select
                value={pageSize}
                onChange={(e) => setPageSize(Number(e.target.value))}
                className="rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-800"
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <span className="text-xs text-slate-400">answered in {data.elapsedMs} ms</span>
          </div>
        </div>
      )}
      <CliHint command={cli.listTopics(bootstrap)} />
    </div>
  );
}

function ConsumersCell({ cluster, summary }: { cluster: string; summary: { groups: { group: string; lag: number }[]; groupCount: number } | undefined }) {
  if (!summary) return <span className="text-slate-400">—</span>;
  if (summary.groupCount === 0) return <span className="text-slate-400">none</span>;
  const worst = summary.groups[0];
  return (
    <span title={summary.groups.map((g) => `${g.group}: ${formatCount(g.lag)}`).join('\n')}>
      <Link href={paths.group(cluster, worst.group)} className="font-mono text-blue-700 hover:underline dark:text-blue-300">
        {worst.group}
      </Link>{' '}
      <span className={worst.lag > 0 ? 'text-amber-700 dark:text-amber-300' : 'text-slate-500'}>{formatCount(worst.lag)}</span>
      {summary.groupCount > 1 && <span className="text-slate-500"> +{summary.groupCount - 1}</span>}
    </span>
  );
}
