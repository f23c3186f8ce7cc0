'use client';
import { cx } from '@/components/ui/primitives';
import { HISTORY_RANGE_OPTIONS } from './format';

export function RangePicker({ value, onChange }: { value: string; onChange: (r: string) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
      {HISTORY_RANGE_OPTIONS.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={value === r}
          onClick={() => onChange(r)}
          className={cx(
            'px-2 py-0.5 text-xs',
            value === r ? 'bg-blue-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800',
          )}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
