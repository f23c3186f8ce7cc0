'use client';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cx } from './primitives';

/** Lists longer than this render only the rows in view. */
export const VIRTUALIZE_OVER = 100;

/**
 * The body of a div-based table (role="table" on the caller): plain rows for short lists,
 * virtualized rows (@tanstack/react-virtual) in a scrolling box for long ones. Rows are
 * CSS grids sharing `columns` with the header, so columns line up either way.
 */
export function VirtualRows<T>({
  items,
  rowKey,
  renderRow,
  columns,
  estimate = 37,
  maxHeight = '70vh',
  rowClassName,
  testId,
}: {
  items: T[];
  rowKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  columns: string;
  estimate?: number;
  maxHeight?: string;
  rowClassName?: (item: T) => string | undefined;
  testId?: string;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtual = items.length > VIRTUALIZE_OVER;
  const v = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => estimate,
    overscan: 12,
  });
  const rowStyle: CSSProperties = { display: 'grid', gridTemplateColumns: columns };
  const rowClass = 'items-center border-b border-slate-100 dark:border-slate-800';
  if (!virtual) {
    return (
      <div role="rowgroup" data-testid={testId}>
        {items.map((item, i) => (
          <div role="row" key={rowKey(item)} style={rowStyle} className={cx(rowClass, rowClassName?.(item))}>
            {renderRow(item, i)}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div ref={parentRef} style={{ maxHeight, overflow: 'auto' }} data-testid={testId} data-virtualized="true">
      <div role="rowgroup" style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((vi) => {
          const item = items[vi.index];
          return (
            <div
              role="row"
              key={rowKey(item)}
              data-index={vi.index}
              ref={v.measureElement}
              style={{ ...rowStyle, position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${vi.start}px)` }}
              className={cx(rowClass, rowClassName?.(item))}
            >
              {renderRow(item, vi.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function HeaderRow({ columns, children }: { columns: string; children: ReactNode }) {
  return (
    <div role="row" style={{ display: 'grid', gridTemplateColumns: columns }} className="border-b border-slate-200 dark:border-slate-700">
      {children}
    </div>
  );
}
