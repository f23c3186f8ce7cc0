'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { paths } from '@/lib/paths';
import { useTopicHistoryQuery } from '@/lib/queries/history';
import { formatCount } from '@/components/groups/format';
import { Card, td, th } from '@/components/ui/primitives';
import { LineChart, type ChartSeries } from './line-chart';
import { RangePicker } from './range-picker';
import { formatBytesRate, formatRate } from './format';
import { Sparkline, TrendArrow } from './sparkline';

/** The topic page's Throughput tab: production rate over time and the groups consuming it. */
export function TopicHistoryTab({ cluster, topic }: { cluster: string; topic: string }) {
  const [range, setRange] = useState('1h');
  const { data, error } = useTopicHistoryQuery(cluster, topic, range);
  const h = data?.available ? data : null;
  const series = useMemo<ChartSeries[]>(
    () =>
      h
        ? [
            { label: 'Records/s', values: h.produceRate, color: '#2563eb' },
            { label: 'Bytes/s', values: h.bytesRate, color: '#ea580c', right: true },
          ]
        : [],
    [h],
  );
  return (
    <div className="space-y-4">
      <Card title="Production rate" actions={<RangePicker value={range} onChange={setRange} />}>
        {error && <p className="text-sm text-red-700 dark:text-red-300">History cannot be read: {error.message}</p>}
        {data && !data.available && <p className="text-sm text-slate-500">{data.reason}</p>}
        {h && h.t.length < 2 && <p className="text-sm text-slate-500">Not enough samples yet.</p>}
        {h && h.t.length >= 2 && (
          <>
            <p className="mb-2 text-sm">
              Now: <span data-testid="produce-rate">{formatRate(h.produceRate.at(-1))}</span>, {formatBytesRate(h.bytesRate.at(-1))}
            </p>
            <LineChart label="Production rate" t={h.t} series={series} formatRight={(v) => formatBytesRate(v)} />
          </>
        )}
      </Card>
      {h && (
        <Card title={`Consumer groups (${h.groups.length})`}>
          {h.groups.length === 0 ? (
            <p className="text-sm text-slate-500">No group has committed offsets on this topic.</p>
          ) : (
            <table className="w-full text-left">
              <thead>
                <tr>
                  <th className={th}>Group</th>
                  <th className={th}>Lag</th>
                  <th className={th}>Trend</th>
                  <th className={th}>History</th>
                </tr>
              </thead>
              <tbody>
                {h.groups.map((g) => (
                  <tr key={g.group} className="border-t border-slate-100 dark:border-slate-800">
                    <td className={`${td} font-mono`}>
                      <Link href={paths.group(cluster, g.group)} className="text-blue-700 hover:underline dark:text-blue-300">
                        {g.group}
                      </Link>
                    </td>
                    <td className={td}>{formatCount(g.lag)}</td>
                    <td className={td}>
                      <TrendArrow perSec={g.trendPerSec} />
                    </td>
                    <td className={td}>
                      <Sparkline values={g.lagSeries.filter((x): x is number => x !== null)} label={`lag of ${g.group} on ${topic}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
    </div>
  );
}
