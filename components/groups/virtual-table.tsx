'use client';
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cx, td, th } from '@/components/ui/primitives';

export interface Column<T> {
  header: string;
  /** Extra classes for both header and cells (e.g. text-right). */
  className?: string;
  cell: (row: T) => ReactNode;
  testId?: string;
}

const ROW_HEIGHT = 37;
const VIRTUAL_FROM = 100;

/**
 * A table that renders plainly up to ~100 rows and virtualizes beyond (rows become CSS
 * grid rows positioned by @tanstack/react-virtual, so `grid` gives the column widths).
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  grid,
  testId,
  rowClassName,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  /** Tailwind grid-cols-[...] class used when virtualized. */
  grid: string;
  testId?: string;
  rowClassName?: (row: T) => string | undefined;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, enabled: virtual });
  const header = (
    <tr className={virtual ? cx('grid', grid) : undefined}>
      {columns.map((c) => (
        <th key={c.header} className={cx(th, c.className)}>
          {c.header}
        </th>
      ))}
    </tr>
  );
  const cells = (row: T) =>
    columns.map((c) => (
      <td key={c.header} className={cx(td, c.className)} data-testid={c.testId}>
        {c.cell(row)}
      </td>
    ));
  if (!virtual) {
    return (
      <table className="w-full" data-testid={testId}>
        <thead>{header}</thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={rowKey(r)} data-testid={rowTestId?.(r)} className={rowClassName?.(r)}>
              {cells(r)}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div ref={parentRef} className="max-h-[32rem] overflow-auto">
      <table className="w-full" data-testid={testId}>
        <thead className="sticky top-0 z-10 bg-white dark:bg-slate-900">{header}</thead>
        <tbody style={{ display: 'block', position: 'relative', height: v.getTotalSize() }}>
          {v.getVirtualItems().map((item) => {
            const r = rows[item.index];
            return (
              <tr
                key={rowKey(r)}
                data-testid={rowTestId?.(r)}
                className={cx('absolute grid w-full border-b border-slate-100 dark:border-slate-800', grid, rowClassName?.(r))}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {cells(r)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
