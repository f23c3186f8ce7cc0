'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { BinaryView } from '@/lib/messages/format';
import type { WireRecord } from '@/lib/types';
import { cx } from '@/components/ui/primitives';
import { preview } from './record-view';

const cols = 'grid min-w-[40rem] grid-cols-[2rem_4rem_10.5rem_minmax(5rem,10rem)_minmax(8rem,1fr)_2.5rem_3.5rem] gap-2';
const ROW = 30;

export const recordId = (r: WireRecord) => `${r.partition}:${r.offset}`;

/** Records as a virtualized table: only the rows in view are in the DOM. */
export function RecordTable({
  records,
  binary,
  selected,
  onSelect,
  empty,
}: {
  records: WireRecord[];
  binary: BinaryView;
  selected: string | null;
  onSelect: (r: WireRecord) => void;
  empty: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: records.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 10 });
  return (
    <div
      role="table"
      aria-label="Records"
      aria-rowcount={records.length}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div
        role="row"
        className={cx(cols, 'border-b border-slate-200 px-3 py-2 text-xs font-semibold text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400')}
      >
        <span role="columnheader">P</span>
        <span role="columnheader">Offset</span>
        <span role="columnheader">Timestamp</span>
        <span role="columnheader">Key</span>
        <span role="columnheader">Value</span>
        <span role="columnheader">Hdrs</span>
        <span role="columnheader">Size</span>
      </div>
      {records.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{empty}</p>
      ) : (
        <div ref={parent} className="h-[28rem] min-w-[40rem] overflow-y-auto" data-testid="records-scroll">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((item) => {
              const r = records[item.index];
              const id = recordId(r);
              return (
                <div
                  key={id}
                  role="row"
                  aria-selected={selected === id}
                  data-testid="record-row"
                  tabIndex={0}
                  onClick={() => onSelect(r)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(r)}
                  className={cx(
                    cols,
                    'absolute inset-x-0 cursor-pointer items-center px-3 font-mono text-xs tabular-nums hover:bg-slate-50 dark:hover:bg-slate-800',
                    selected === id && 'bg-blue-50 dark:bg-blue-950',
                  )}
                  style={{ top: item.start, height: ROW }}
                >
                  <span role="cell">{r.partition}</span>
                  <span role="cell">{r.offset}</span>
                  <span role="cell" title={r.timestampType}>
                    {new Date(r.timestamp).toISOString().replace('T', ' ').slice(0, 23)}
                  </span>
                  <span role="cell" className={cx('truncate', r.key === null && 'text-slate-400 italic')}>
                    {preview(r.key, binary, r.keySchema)}
                  </span>
                  <span role="cell" className={cx('truncate', (r.value === null || r.value.data === '') && 'text-slate-400 italic')}>
                    {preview(r.value, binary, r.valueSchema)}
                  </span>
                  <span role="cell">{r.headers.length || ''}</span>
                  <span role="cell">{r.size}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
