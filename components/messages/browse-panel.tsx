'use client';
import { useState } from 'react';
import type { BinaryView } from '@/lib/messages/format';
import { MAX_PAGE_SIZE } from '@/lib/schemas/messages';
import type { WireRecord } from '@/lib/types';
import { useBrowseMessagesQuery, type BrowseParams } from '@/lib/queries/messages';
import { Badge, Button, ErrorPanel } from '@/components/ui/primitives';
import { ExportButtons, PartitionsField, partitionsError } from './filter-fields';
import { RecordTable } from './record-table';
import { inputCls, labelCls } from './styles';

export function BrowsePanel({
  cluster,
  topic,
  binary,
  selected,
  onSelect,
}: {
  cluster: string;
  topic: string;
  binary: BinaryView;
  selected: string | null;
  onSelect: (r: WireRecord) => void;
}) {
  const [from, setFrom] = useState<BrowseParams['from']>('newest');
  const [partitions, setPartitions] = useState('');
  const [offset, setOffset] = useState('0');
  const [timestamp, setTimestamp] = useState('');
  const [limit, setLimit] = useState('100');
  const [params, setParams] = useState<BrowseParams | null>({ from: 'newest', limit: 100 });
  const { data, error, isFetching } = useBrowseMessagesQuery(cluster, topic, params);

  const limitN = Number(limit);
  const limitError = Number.isInteger(limitN) && limitN >= 1 && limitN <= MAX_PAGE_SIZE ? null : `A page size from 1 to ${MAX_PAGE_SIZE}`;
  const offsetError = from === 'offset' && !/^\d+$/.test(offset) ? 'An offset (0 or more)' : null;
  const tsError = from === 'timestamp' && (!timestamp || Number.isNaN(new Date(timestamp).getTime())) ? 'Pick a date and time' : null;
  const invalid = !!(limitError || offsetError || tsError || partitionsError(partitions));

  const load = () => {
    if (invalid) return;
    setParams({
      from,
      limit: limitN,
      partitions: partitions.trim() || undefined,
      offset: from === 'offset' ? offset : undefined,
      timestamp: from === 'timestamp' ? new Date(timestamp).toISOString() : undefined,
    });
  };
  const page = (cursor: string) => setParams((p) => ({ ...(p ?? { from: 'newest', limit: 100 }), cursor }));

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Browse records"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <PartitionsField id="browse-partitions" value={partitions} onChange={setPartitions} />
        <div>
          <label htmlFor="browse-from" className={labelCls}>
            Start from
          </label>
          <select id="browse-from" value={from} onChange={(e) => setFrom(e.target.value as BrowseParams['from'])} className={inputCls}>
            <option value="newest">newest (last N)</option>
            <option value="oldest">oldest</option>
            <option value="offset">offset</option>
            <option value="timestamp">timestamp</option>
          </select>
        </div>
        {from === 'offset' && (
          <div>
            <label htmlFor="browse-offset" className={labelCls}>
              Offset
            </label>
            <input id="browse-offset" value={offset} onChange={(e) => setOffset(e.target.value)} aria-invalid={!!offsetError} className={`${inputCls} w-28`} />
            {offsetError && <p className="mt-1 text-xs text-red-600">{offsetError}</p>}
          </div>
        )}
        {from === 'timestamp' && (
          <div>
            <label htmlFor="browse-timestamp" className={labelCls}>
              Timestamp (local time)
            </label>
            <input
              id="browse-timestamp"
              type="datetime-local"
              step="1"
              value={timestamp}
              onChange={(e) => setTimestamp(e.target.value)}
              aria-invalid={!!tsError}
              className={inputCls}
            />
            {tsError && <p className="mt-1 text-xs text-red-600">{tsError}</p>}
          </div>
        )}
        <div>
          <label htmlFor="browse-limit" className={labelCls}>
            Page size
          </label>
          <input id="browse-limit" value={limit} onChange={(e) => setLimit(e.target.value)} aria-invalid={!!limitError} className={`${inputCls} w-20`} />
          {limitError && <p className="mt-1 text-xs text-red-600">{limitError}</p>}
        </div>
        <Button type="submit" variant="primary" disabled={invalid}>
          Load
        </Button>
        {isFetching && <span className="pb-1 text-xs text-slate-400">reading…</span>}
      </form>

      {error && <ErrorPanel title={`Failed to read records of topic ${topic}`} message={error.message} />}
      {data?.warnings.map((w, i) => (
        <p
          key={i}
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          Partition {w.partition}: {w.message}
        </p>
      ))}

      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <Button disabled={!data?.prev} onClick={() => data?.prev && page(data.prev)}>
            ← Older
          </Button>
          <Button disabled={!data?.next} onClick={() => data?.next && page(data.next)}>
            Newer →
          </Button>
          {data && (
            <span className="text-sm text-slate-500" data-testid="browse-count">
              {data.records.length} records
            </span>
          )}
          {data && (
            <span className="flex gap-1">
              {data.partitions.map((p) => (
                <span key={p.partition} title={p.start === null || p.end === null ? 'offsets unknown' : `log start offset ${p.start}, log end offset ${p.end}`}>
                  <Badge tone={p.start === null || p.end === null ? 'warn' : undefined}>
                    p{p.partition}: {p.start === null || p.end === null ? 'unavailable' : p.end > p.start ? `${p.start}–${p.end - 1}` : 'empty'}
                  </Badge>
                </span>
              ))}
            </span>
          )}
        </div>
        <ExportButtons records={data?.records ?? []} name={`${topic}-page`} />
      </div>
      <RecordTable
        records={data?.records ?? []}
        binary={binary}
        selected={selected}
        onSelect={onSelect}
        empty={data ? 'No records in this range.' : 'Loading…'}
      />
    </div>
  );
}
