'use client';
import { useMemo, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { paths } from '@/lib/paths';
import { useLogDirsQuery } from '@/lib/queries/storage';
import type { LogDirsReport } from '@/lib/schemas/storage';
import { formatBytes, formatCount } from '@/components/topics/format';
import { Badge, Button, Card, CliHint, ErrorPanel, Loading, th, td } from '@/components/ui/primitives';

const PAGE = 50;

/** Where the bytes are: per broker and dir, per topic, replicas moving between dirs; one topic's replicas on demand. */
export function StorageView({ cluster, topic }: { cluster: string; topic?: string }) {
  const { data, error, isPending } = useLogDirsQuery(cluster, topic);
  if (isPending) return <Loading label="Asking every broker for its log dirs…" />;
  if (error) return <ErrorPanel title="Log dirs could not be read" message={error.message} />;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Storage</h1>
        <Link className="text-sm text-blue-700 underline dark:text-blue-300" href={paths.reassignments(cluster)}>
          Move partitions between brokers…
        </Link>
      </div>
      <BrokerDirs report={data} />
      {data.moving.length > 0 && <MovingReplicas report={data} />}
      {topic && data.partitions ? <TopicReplicas cluster={cluster} topic={topic} report={data} /> : <TopicsBySize cluster={cluster} report={data} />}
      <CliHint command={data.command} />
    </div>
  );
}

function Usage({ used, total, usable }: { used: number; total: number | null; usable: number | null }) {
  if (total === null || usable === null) return <span className="text-slate-500">volume size unknown</span>;
  const full = total > 0 ? (total - usable) / total : 0;
  return (
    <span className="inline-flex items-center gap-2">
      <span
        className="inline-block h-2 w-28 overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
        title={`${formatBytes(total - usable)} of ${formatBytes(total)} used`}
      >
        <span className={full > 0.85 ? 'block h-full bg-red-500' : 'block h-full bg-blue-500'} style={{ width: `${Math.min(100, full * 100).toFixed(1)}%` }} />
      </span>
      <span className="text-xs text-slate-500">
        {formatBytes(usable)} free of {formatBytes(total)}; Kafka {formatBytes(used)}
      </span>
    </span>
  );
}

function BrokerDirs({ report }: { report: LogDirsReport }) {
  return (
    <Card title="Brokers and log dirs">
      <table className="w-full" data-testid="log-dirs">
        <thead>
          <tr>
            <th className={th}>Broker</th>
            <th className={th}>Log dir</th>
            <th className={th}>Status</th>
            <th className={th}>Replicas</th>
            <th className={th}>Size</th>
            <th className={th}>Volume</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {report.brokers.flatMap((b) =>
            b.error
              ? [
                  <tr key={b.id} data-testid={`log-dir-${b.id}`}>
                    <td className={td}>{b.id}</td>
                    <td className={td} colSpan={5}>
                      <Badge tone="bad">not answering</Badge> {b.error}
                    </td>
                  </tr>,
                ]
              : b.dirs.map((d, i) => (
                  <tr key={`${b.id}:${d.path}`} data-testid={`log-dir-${b.id}`}>
                    <td className={td}>{i === 0 ? `${b.id} (${formatBytes(b.size)})` : ''}</td>
                    <td className={`${td} font-mono text-xs`} data-testid="log-dir-path">
                      {d.path}
                    </td>
                    <td className={td}>
                      {d.offline ? (
                        <Badge tone="bad">offline ({d.error})</Badge>
                      ) : d.error ? (
                        <Badge tone="warn">{d.error}</Badge>
                      ) : (
                        <Badge tone="good">online</Badge>
                      )}
                    </td>
                    <td className={td}>{formatCount(d.replicas)}</td>
                    <td className={td} data-testid="log-dir-size">
                      {formatBytes(d.size)}
                    </td>
                    <td className={td}>
                      <Usage used={d.size} total={d.totalBytes} usable={d.usableBytes} />
                    </td>
                  </tr>
                )),
          )}
        </tbody>
      </table>
    </Card>
  );
}

function MovingReplicas({ report }: { report: LogDirsReport }) {
  return (
    <Card title={`Replicas moving between log dirs (${report.moving.length})`}>
      <table className="w-full" data-testid="moving-replicas">
        <thead>
          <tr>
            <th className={th}>Partition</th>
            <th className={th}>Broker</th>
            <th className={th}>From</th>
            <th className={th}>To</th>
            <th className={th}>Copied</th>
            <th className={th}>Behind</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {report.moving.map((m) => (
            <tr key={`${m.topic}:${m.partition}:${m.broker}`}>
              <td className={`${td} font-mono`}>
                {m.topic}-{m.partition}
              </td>
              <td className={td}>{m.broker}</td>
              <td className={`${td} font-mono text-xs`}>{m.from ?? '—'}</td>
              <td className={`${td} font-mono text-xs`}>{m.to}</td>
              <td className={td}>
                {formatBytes(m.size)}
                {m.currentSize ? ` of ${formatBytes(m.currentSize)} (${Math.min(100, (100 * m.size) / m.currentSize).toFixed(0)}%)` : ''}
              </td>
              <td className={td}>{formatCount(m.offsetLag)} messages</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function TopicsBySize({ cluster, report }: { cluster: string; report: LogDirsReport }) {
  const router = useRouter();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<'size' | 'name'>('size');
  const [page, setPage] = useState(0);
  const rows = useMemo(() => {
    const f = filter.toLowerCase();
    const r = report.topics.filter((t) => t.topic.toLowerCase().includes(f));
    return sort === 'name' ? [...r].sort((a, b) => a.topic.localeCompare(b.topic)) : r;
  }, [report.topics, filter, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
  const total = report.brokers.reduce((s, b) => s + b.size, 0);
  return (
    <Card
      title={`Topics by size (${formatCount(report.topicCount)} topics, ${formatBytes(total)} in all)`}
      actions={
        <div className="flex items-center gap-2">
          <input
            aria-label="Filter topics"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            placeholder="Filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
          />
          <select
            aria-label="Sort topics"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            value={sort}
            onChange={(e) => setSort(e.target.value as 'size' | 'name')}
          >
            <option value="size">Largest first</option>
            <option value="name">By name</option>
          </select>
        </div>
      }
    >
      {report.topicCount > report.topics.length && (
        <p className="mb-2 text-xs text-slate-500">The {formatCount(report.topics.length)} largest topics are listed.</p>
      )}
      <table className="w-full" data-testid="topics-by-size">
        <thead>
          <tr>
            <th className={th}>Topic</th>
            <th className={th}>Replicas</th>
            <th className={th}>Size (all replicas)</th>
            <th className={th}>Share</th>
            <th className={th} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {shown.map((t) => (
            <tr key={t.topic} data-testid={`topic-size-${t.topic}`}>
              <td className={`${td} font-mono`}>
                <Link className="text-blue-700 underline dark:text-blue-300" href={paths.topic(cluster, t.topic)}>
                  {t.topic}
                </Link>
              </td>
              <td className={td}>{formatCount(t.replicas)}</td>
              <td className={td} data-testid="topic-size">
                {formatBytes(t.size)}
              </td>
              <td className={td}>{total > 0 ? `${((100 * t.size) / total).toFixed(1)}%` : '—'}</td>
              <td className={td}>
                <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => router.push(paths.storage(cluster, t.topic))}>
                  Replicas
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="mt-2 flex items-center gap-2 text-sm">
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <Button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </div>
      )}
    </Card>
  );
}

function TopicReplicas({ cluster, topic, report }: { cluster: string; topic: string; report: LogDirsReport }) {
  const parts = report.partitions ?? [];
  const total = parts.filter((p) => !p.future).reduce((s, p) => s + p.size, 0);
  return (
    <Card
      title={`Replicas of ${topic} (${formatBytes(total)})`}
      actions={
        <Link className="text-sm text-blue-700 underline dark:text-blue-300" href={paths.storage(cluster)}>
          All topics
        </Link>
      }
    >
      <table className="w-full" data-testid="topic-replicas">
        <thead>
          <tr>
            <th className={th}>Partition</th>
            <th className={th}>Broker</th>
            <th className={th}>Log dir</th>
            <th className={th}>Size</th>
            <th className={th}>Behind</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {parts.map((p) => (
            <tr key={`${p.partition}:${p.broker}:${p.future}`} data-testid={`replica-${p.partition}-${p.broker}`}>
              <td className={td}>{p.partition}</td>
              <td className={td}>{p.broker}</td>
              <td className={`${td} font-mono text-xs`}>
                {p.dir} {p.future && <Badge tone="info">future (moving here)</Badge>}
              </td>
              <td className={td} data-testid="replica-size">
                {formatBytes(p.size)}
              </td>
              <td className={td}>{formatCount(p.offsetLag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
