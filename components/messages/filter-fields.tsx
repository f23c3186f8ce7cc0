'use client';
import { recordsToCsv, recordsToJson } from '@/lib/messages/format';
import type { WireRecord } from '@/lib/types';
import { Button } from '@/components/ui/primitives';
import { inputCls, labelCls } from './styles';

export interface FilterState {
  q: string;
  field: 'any' | 'key' | 'value' | 'header';
  match: 'contains' | 'exact' | 'regex';
  ignoreCase: boolean;
  headerKey: string;
}

export const emptyFilter: FilterState = { q: '', field: 'any', match: 'contains', ignoreCase: true, headerKey: '' };

export function filterQuery(f: FilterState) {
  return f.q || f.headerKey ? { q: f.q, field: f.field, match: f.match, ignoreCase: String(f.ignoreCase), headerKey: f.headerKey || undefined } : {};
}

const PARTITIONS = /^\s*(\d+\s*(,\s*\d+\s*)*)?$/;
export const partitionsError = (s: string) => (PARTITIONS.test(s) ? null : 'Partition numbers separated by commas, e.g. 0,2');

export function PartitionsField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const error = partitionsError(value);
  return (
    <div>
      <label htmlFor={id} className={labelCls}>
        Partitions
      </label>
      <input
        id={id}
        value={value}
        placeholder="all"
        aria-invalid={!!error}
        aria-describedby={`${id}-error`}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputCls} w-28`}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

export function FilterFields({ idPrefix, value, onChange }: { idPrefix: string; value: FilterState; onChange: (f: FilterState) => void }) {
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <>
      <div className="min-w-48 flex-1">
        <label htmlFor={`${idPrefix}-q`} className={labelCls}>
          Filter text
        </label>
        <input
          id={`${idPrefix}-q`}
          value={value.q}
          onChange={(e) => set('q', e.target.value)}
          placeholder={value.match === 'regex' ? 'regular expression, e.g. ^order-\\d+' : 'no filter'}
          className={inputCls}
        />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-field`} className={labelCls}>
          In
        </label>
        <select id={`${idPrefix}-field`} value={value.field} onChange={(e) => set('field', e.target.value as FilterState['field'])} className={inputCls}>
          <option value="any">key, value or headers</option>
          <option value="key">key</option>
          <option value="value">value</option>
          <option value="header">headers</option>
        </select>
      </div>
      {(value.field === 'header' || value.field === 'any') && (
        <div>
          <label htmlFor={`${idPrefix}-hk`} className={labelCls}>
            Header name
          </label>
          <input
            id={`${idPrefix}-hk`}
            value={value.headerKey}
            onChange={(e) => set('headerKey', e.target.value)}
            placeholder="any"
            className={`${inputCls} w-28`}
          />
        </div>
      )}
      <div>
        <label htmlFor={`${idPrefix}-match`} className={labelCls}>
          Match
        </label>
        <select id={`${idPrefix}-match`} value={value.match} onChange={(e) => set('match', e.target.value as FilterState['match'])} className={inputCls}>
          <option value="contains">contains</option>
          <option value="exact">exactly</option>
          <option value="regex">regex</option>
        </select>
      </div>
      <label className="flex items-center gap-1 self-end pb-1 text-sm">
        <input type="checkbox" checked={value.ignoreCase} onChange={(e) => set('ignoreCase', e.target.checked)} /> ignore case
      </label>
    </>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButtons({ records, name }: { records: WireRecord[]; name: string }) {
  return (
    <div className="flex gap-2">
      <Button disabled={!records.length} onClick={() => download(`${name}.json`, 'application/json', recordsToJson(records))}>
        Export JSON
      </Button>
      <Button disabled={!records.length} onClick={() => download(`${name}.csv`, 'text/csv', recordsToCsv(records))}>
        Export CSV
      </Button>
    </div>
  );
}
