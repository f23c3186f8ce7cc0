'use client';
import { useMemo, useState } from 'react';
import { useGroupHistoryQuery } from '@/lib/queries/history';
import type { SamplerStatus } from '@/lib/schemas/history';
import { formatCount, formatDuration } from '@/components/groups/format';
import { Badge, Card, Stat, td, th } from '@/components/ui/primitives';
import { LineChart, type ChartSeries } from './line-chart';
import { RangePicker } from './range-picker';
import { drainText, formatRate } from './format';
import { Sparkline } from './sparkline';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const count = (v: number) => formatCount(Math.round(v));
const duration = (v: number) => formatDuration(v);

/** The group page's history: lag in records and time, rates, time to drain, lag per partition. */
export function GroupHistory({ cluster, group }: { cluster: string; group: string }) {
  const [range, setRange] = useState('1h');
  const { data, error } = useGroupHistoryQuery(cluster, group, range);
  const h = data?.available ? data : null;
  const lagSeries = useMemo<ChartSeries[]>(
    () =>
      h
        ? [
            { label: 'Lag (records)', values: h.lag, color: COLORS[0] },
            { label: 'Behind in time', values: h.timeLagMs, color: COLORS[1], right: true },
          ]
        : [],
    [h],
  );
  const rateSeries = useMemo<ChartSeries[]>(
    () =>
      h
        ? [
            { label: 'Consumed (rec/s)', values: h.consumeRate, color: COLORS[2] },
            { label: 'Produced (rec/s)', values: h.produceRate, color: COLORS[4] },
          ]
        : [],
    [h],
  );
  const partSeries = useMemo<ChartSeries[]>(
    () => (h ? h.partitions.slice(0, 8).map((p, i) => ({ label: `${p.topic}-${p.partition}`, values: p.lag, color: COLORS[i % COLORS.length] })) : []),
    [h],
  );
  const drain = h ? drainText(h.drain) : null;

  return (
    <Card title="Lag history" actions={<RangePicker value={range} onChange={setRange} />}>
      {error && <p className="text-sm text-red-700 dark:text-red-300">History cannot be read: {error.message}</p>}
      {data && !data.available && <p className="text-sm text-slate-500">{data.reason}</p>}
      {h && h.t.length < 2 && (
        <p className="text-sm text-slate-500" data-testid="history-empty">
          Not enough samples yet: the console samples every {Math.round(h.sampler.intervalMs / 1000)} s{h.sampler.sampling ? '' : ' (another instance samples)'}
          .
        </p>
      )}
      {h && h.t.length >= 2 && (
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat
              label="Time to drain"
              value={<span data-testid="drain">{drain?.text}</span>}
              tone={drain?.tone}
              hint="the slowest partition, at the last minutes' rates"
            />
            <Stat label="Consuming" value={formatRate(h.consumeRate.at(-1))} />
            <Stat label="Producing" value={formatRate(h.produceRate.at(-1))} hint="to the partitions this group reads" />
            <Stat
              label="Samples"
              value={<span data-testid="samples">{h.t.length}</span>}
              hint={h.tier === 'm5' ? 'one per 5 minutes' : `every ${Math.round(h.sampler.intervalMs / 1000)} s`}
            />
          </div>
          {h.slowest && h.drain.status !== 'caught-up' && (
            <p className="text-xs text-slate-500">
              Slowest partition: <span className="font-mono">{`${h.slowest.topic}-${h.slowest.partition}`}</span>
            </p>
          )}
          <LineChart label="Lag over time" t={h.t} series={lagSeries} format={count} formatRight={duration} />
          <LineChart label="Consumption and production rate" t={h.t} series={rateSeries} height={160} />
          <div>
            <h3 className="mb-1 text-sm font-medium">Lag per partition</h3>
            <LineChart label="Lag per partition" t={h.t} series={partSeries} height={160} format={count} />
            <table className="mt-2 w-full text-left" data-testid="history-partitions">
              <thead>
                <tr>
                  <th className={th}>Partition</th>
                  <th className={th}>Lag</th>
                  <th className={th}>Trend</th>
                  <th className={th}>Consumed</th>
                  <th className={th}>Produced</th>
                  <th className={th}>Drain</th>
                </tr>
              </thead>
              <tbody>
                {h.partitions.map((p) => {
                  const d = drainText(p.drain);
                  return (
                    <tr key={`${p.topic}-${p.partition}`} className="border-t border-slate-100 dark:border-slate-800">
                      <td className={`${td} font-mono`}>{`${p.topic}-${p.partition}`}</td>
                      <td className={td}>{formatCount(p.current)}</td>
                      <td className={td}>
                        <Sparkline values={p.lag.filter((x): x is number => x !== null)} label={`lag of ${p.topic}-${p.partition}`} />
                      </td>
                      <td className={td}>{formatRate(p.consumeRate)}</td>
                      <td className={td}>{formatRate(p.produceRate)}</td>
                      <td className={td}>
                        <Badge tone={d.tone}>{d.text}</Badge>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {h.partitionsOmitted > 0 && <p className="mt-1 text-xs text-slate-500">{h.partitionsOmitted} partitions with less lag not shown.</p>}
          </div>
          <SamplerLine s={h.sampler} />
        </div>
      )}
    </Card>
  );
}

function SamplerLine({ s }: { s: SamplerStatus }) {
  const every = `${Math.round(s.currentIntervalMs / 1000)} s`;
  return (
    <p className="text-xs text-slate-500" data-testid="sampler-status">
      {s.sampling ? `Sampled by this console every ${every}` : `Sampled by another console instance (history topic ${s.topic})`}
      {s.currentIntervalMs > s.intervalMs && ` (slowed down from ${Math.round(s.intervalMs / 1000)} s: rounds took longer than the interval)`}
      {s.lastRound &&
        s.sampling &&
        `; the last round read ${formatCount(s.lastRound.partitions)} partitions and ${formatCount(s.lastRound.groups)} groups in ${s.lastRound.wallMs} ms with ${s.lastRound.requests} requests`}
      {s.lastError && `; last problem: ${s.lastError}`}
    </p>
  );
}
