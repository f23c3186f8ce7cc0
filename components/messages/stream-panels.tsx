'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BinaryView } from '@/lib/messages/format';
import { MAX_SEARCH_MATCHES } from '@/lib/schemas/messages';
import type { PartitionWarning, StreamDone, StreamEvent, StreamProgress, WireRecord } from '@/lib/types';
import { paths, withQuery } from '@/lib/paths';
import { useMessageStream } from '@/lib/queries/messages';
import { Badge, Button, ErrorPanel } from '@/components/ui/primitives';
import { emptyFilter, ExportButtons, FilterFields, filterQuery, PartitionsField, partitionsError, type FilterState } from './filter-fields';
import { RecordTable } from './record-table';
import { inputCls, labelCls } from './styles';

interface PanelProps {
  cluster: string;
  topic: string;
  binary: BinaryView;
  selected: string | null;
  onSelect: (r: WireRecord) => void;
}

function Warnings({ warnings }: { warnings: PartitionWarning[] }) {
  return (
    <>
      {warnings.map((w, i) => (
        <p
          key={i}
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          {w.partition >= 0 ? `Partition ${w.partition}: ` : ''}
          {w.message}
        </p>
      ))}
    </>
  );
}

const REASONS: Record<StreamDone['reason'], string> = {
  end: 'searched the whole range',
  limit: 'reached the match limit',
  'records-budget': 'used the records budget',
  'time-budget': 'used the time budget',
  closed: 'stopped',
};

export function SearchPanel({ cluster, topic, binary, selected, onSelect }: PanelProps) {
  const [filter, setFilter] = useState<FilterState>(emptyFilter);
  const [partitions, setPartitions] = useState('');
  const [from, setFrom] = useState<'oldest' | 'newest'>('oldest');
  const [maxRecords, setMaxRecords] = useState('10000000');
  const [maxSeconds, setMaxSeconds] = useState('60');
  const [limit, setLimit] = useState('100');
  const [url, setUrl] = useState<string | null>(null);
  const [matches, setMatches] = useState<WireRecord[]>([]);
  const [progress, setProgress] = useState<StreamProgress | null>(null);
  const [done, setDone] = useState<StreamDone | null>(null);
  const [warnings, setWarnings] = useState<PartitionWarning[]>([]);

  const onEvents = useCallback((events: StreamEvent[]) => {
    const found: WireRecord[] = [];
    for (const e of events) {
      if (e.event === 'message') found.push(e.data);
      else if (e.event === 'progress') setProgress(e.data);
      else if (e.event === 'done') setDone(e.data);
      else if (e.event === 'warning') setWarnings((w) => [...w, e.data]);
    }
    if (found.length) setMatches((m) => [...m, ...found]);
  }, []);
  const stream = useMessageStream(url, onEvents);
  const running = stream.status === 'connecting' || stream.status === 'open';

  const numErr = (v: string, max: number) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? null : `1 to ${max}`);
  const errors = { maxRecords: numErr(maxRecords, 1_000_000_000), maxSeconds: numErr(maxSeconds, 600), limit: numErr(limit, MAX_SEARCH_MATCHES) };
  const invalid = Object.values(errors).some(Boolean) || !!partitionsError(partitions);

  const start = (cursor?: string) => {
    if (invalid) return;
    if (!cursor) setMatches([]);
    setProgress(null);
    setDone(null);
    setWarnings([]);
    setUrl(
      withQuery(paths.api.messagesSearch(cluster, topic), {
        ...filterQuery(filter),
        partitions: partitions.trim() || undefined,
        from,
        maxRecords,
        maxSeconds,
        limit,
        cursor,
        run: Date.now(),
      }),
    );
  };

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Search records"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <FilterFields idPrefix="search" value={filter} onChange={setFilter} />
        <PartitionsField id="search-partitions" value={partitions} onChange={setPartitions} />
        <div>
          <label htmlFor="search-from" className={labelCls}>
            Range
          </label>
          <select id="search-from" value={from} onChange={(e) => setFrom(e.target.value as 'oldest' | 'newest')} className={inputCls}>
            <option value="oldest">from the oldest</option>
            <option value="newest">the newest (budget)</option>
          </select>
        </div>
        {(
          [
            ['maxRecords', 'Records budget', maxRecords, setMaxRecords],
            ['maxSeconds', 'Seconds budget', maxSeconds, setMaxSeconds],
            ['limit', 'Max matches', limit, setLimit],
          ] as const
        ).map(([k, label, v, set]) => (
          <div key={k}>
            <label htmlFor={`search-${k}`} className={labelCls}>
              {label}
            </label>
            <input id={`search-${k}`} value={v} onChange={(e) => set(e.target.value)} aria-invalid={!!errors[k]} className={`${inputCls} w-28`} />
            {errors[k] && <p className="mt-1 text-xs text-red-600">{errors[k]}</p>}
          </div>
        ))}
        {running ? (
          <Button type="button" variant="danger" onClick={stream.stop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" variant="primary" disabled={invalid}>
            Search
          </Button>
        )}
      </form>
      {stream.error && <ErrorPanel title={`Failed to search topic ${topic}`} message={stream.error} />}
      <Warnings warnings={warnings} />
      {(progress || done) && (
        <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="search-progress">
          <span>
            Scanned <strong className="tabular-nums">{(done?.scanned ?? progress?.scanned ?? 0).toLocaleString()}</strong> records, matched{' '}
            <strong className="tabular-nums">{matches.length}</strong>
          </span>
          {done && (
            <Badge tone={done.reason === 'end' ? 'good' : 'info'}>
              {REASONS[done.reason]} in {(done.elapsedMs / 1000).toFixed(1)} s
            </Badge>
          )}
          {done?.cursor && <Button onClick={() => start(done.cursor!)}>Continue search</Button>}
          {progress && (
            <span className="flex flex-wrap gap-1 text-xs text-slate-500">
              {Object.entries(progress.positions).map(([p, o]) => (
                <Badge key={p}>
                  p{p}: {o}
                  {progress.ends?.[p] !== undefined ? ` / ${progress.ends[p]}` : ''}
                </Badge>
              ))}
            </span>
          )}
        </div>
      )}
      <div className="flex justify-end">
        <ExportButtons records={matches} name={`${topic}-search`} />
      </div>
      <RecordTable records={matches} binary={binary} selected={selected} onSelect={onSelect} empty={running ? 'Searching…' : 'No matches yet.'} />
    </div>
  );
}

const KEEP = 1000;

export function TailPanel({ cluster, topic, binary, selected, onSelect }: PanelProps) {
  const [filter, setFilter] = useState<FilterState>(emptyFilter);
  const [partitions, setPartitions] = useState('');
  const [last, setLast] = useState('0');
  const [url, setUrl] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const [records, setRecords] = useState<WireRecord[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [warnings, setWarnings] = useState<PartitionWarning[]>([]);
  const [rate, setRate] = useState(0);
  const [total, setTotal] = useState(0);
  const counter = useRef(0);

  const onEvents = useCallback((events: StreamEvent[]) => {
    const incoming: WireRecord[] = [];
    for (const e of events) {
      if (e.event === 'message') incoming.push(e.data);
      else if (e.event === 'skipped') setSkipped((s) => s + e.data.count);
      else if (e.event === 'warning') setWarnings((w) => [...w.slice(-4), e.data]);
    }
    if (incoming.length) {
      counter.current += incoming.length;
      setTotal((t) => t + incoming.length);
      setRecords((r) => [...incoming.reverse(), ...r].slice(0, KEEP));
    }
  }, []);
  const stream = useMessageStream(url, onEvents, paused);
  const running = stream.status === 'connecting' || stream.status === 'open';

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => {
      setRate(counter.current);
      counter.current = 0;
    }, 1000);
    return () => clearInterval(t);
  }, [running]);

  const lastErr = /^\d+$/.test(last) && Number(last) <= 1000 ? null : '0 to 1000';
  const invalid = !!lastErr || !!partitionsError(partitions);
  const start = () => {
    if (invalid) return;
    setRecords([]);
    setSkipped(0);
    setTotal(0);
    setWarnings([]);
    setPaused(false);
    setUrl(withQuery(paths.api.messagesTail(cluster, topic), { ...filterQuery(filter), partitions: partitions.trim() || undefined, last, run: Date.now() }));
  };
  const stop = () => {
    stream.stop();
    setUrl(null);
    setRate(0);
  };

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Live tail"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <FilterFields idPrefix="tail" value={filter} onChange={setFilter} />
        <PartitionsField id="tail-partitions" value={partitions} onChange={setPartitions} />
        <div>
          <label htmlFor="tail-last" className={labelCls}>
            Also last N per partition
          </label>
          <input id="tail-last" value={last} onChange={(e) => setLast(e.target.value)} aria-invalid={!!lastErr} className={`${inputCls} w-20`} />
          {lastErr && <p className="mt-1 text-xs text-red-600">{lastErr}</p>}
        </div>
        {running ? (
          <>
            <Button type="button" onClick={() => setPaused((p) => !p)}>
              {paused ? 'Resume' : 'Pause'}
            </Button>
            <Button type="button" variant="danger" onClick={stop}>
              Stop
            </Button>
          </>
        ) : (
          <Button type="submit" variant="primary" disabled={invalid}>
            Start live tail
          </Button>
        )}
      </form>
      {stream.error && <ErrorPanel title={`Failed to tail topic ${topic}`} message={stream.error} />}
      <Warnings warnings={warnings} />
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <div className="flex items-center gap-3" data-testid="tail-status">
          {stream.status === 'open' && !paused && <Badge tone="good">live</Badge>}
          {stream.status === 'connecting' && <Badge tone="info">connecting</Badge>}
          {paused && <Badge tone="warn">paused</Badge>}
          {stream.status === 'done' && <Badge>stopped</Badge>}
          <span className="tabular-nums">{rate.toLocaleString()} records/s</span>
          <span className="tabular-nums text-slate-500">
            {total.toLocaleString()} received{total > KEEP ? `, newest ${KEEP} kept` : ''}
          </span>
          {skipped > 0 && <Badge tone="warn">{skipped.toLocaleString()} skipped (the browser fell behind)</Badge>}
        </div>
        <ExportButtons records={records} name={`${topic}-tail`} />
      </div>
      <RecordTable
        records={records}
        binary={binary}
        selected={selected}
        onSelect={onSelect}
        empty={running ? 'Waiting for new records…' : 'Start the live tail to see new records as they arrive.'}
      />
    </div>
  );
}
