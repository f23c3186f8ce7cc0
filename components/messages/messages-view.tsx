'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { BinaryView } from '@/lib/messages/format';
import type { WireRecord } from '@/lib/types';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import { cx } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { TopicTabBar } from '@/components/topics/topic-tabs';
import { BrowsePanel } from './browse-panel';
import { ProduceForm } from './produce-form';
import { RecordDetail } from './record-view';
import { recordId } from './record-table';
import { SearchPanel, TailPanel } from './stream-panels';

type Mode = 'browse' | 'search' | 'tail';
const MODES: { id: Mode; label: string }[] = [
  { id: 'browse', label: 'Browse' },
  { id: 'search', label: 'Search' },
  { id: 'tail', label: 'Live tail' },
];

export function MessagesView({ cluster, topic }: { cluster: string; topic: string }) {
  const [mode, setMode] = useState<Mode>('browse');
  const [binary, setBinary] = useState<BinaryView>('hex');
  const [selected, setSelected] = useState<WireRecord | null>(null);
  const canProduce = useCan('messages:produce', { cluster, topic });
  const [formOpen, setFormOpen] = useState(false);
  const producing = formOpen && canProduce.allowed;
  const props = { cluster, topic, binary, selected: selected ? recordId(selected) : null, onSelect: setSelected };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <Link href={paths.topic(cluster, topic)} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
            ← Topic {topic}
          </Link>
          <h1 className="text-xl font-semibold">
            Messages <span className="font-mono">{topic}</span>
          </h1>
        </div>
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-1 text-sm">
            Binary as
            <select
              value={binary}
              onChange={(e) => setBinary(e.target.value as BinaryView)}
              className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
            >
              <option value="hex">hex</option>
              <option value="base64">base64</option>
            </select>
          </label>
          <GuardedButton can={canProduce} variant={producing ? 'secondary' : 'primary'} onClick={() => setFormOpen((p) => !p)} aria-expanded={producing}>
            {producing ? 'Hide produce form' : 'Produce a record'}
          </GuardedButton>
        </div>
      </div>

      <TopicTabBar cluster={cluster} topic={topic} active="messages" />

      <div role="tablist" aria-label="Message views" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {MODES.map((m) => (
          <button
            type="button"
            key={m.id}
            role="tab"
            id={`tab-${m.id}`}
            aria-selected={mode === m.id}
            aria-controls={`panel-${m.id}`}
            onClick={() => setMode(m.id)}
            className={cx(
              '-mb-px border-b-2 px-3 py-1.5 text-sm',
              mode === m.id
                ? 'border-blue-600 font-medium text-blue-700 dark:text-blue-300'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400',
            )}
          >
            {m.label}
          </button>
        ))}
      </div>

      <div className={cx('grid gap-4', (selected || producing) && 'xl:grid-cols-[minmax(0,1fr)_26rem]')}>
        <div role="tabpanel" id={`panel-${mode}`} aria-labelledby={`tab-${mode}`} className="min-w-0">
          {mode === 'browse' && <BrowsePanel {...props} />}
          {mode === 'search' && <SearchPanel {...props} />}
          {mode === 'tail' && <TailPanel {...props} />}
        </div>
        {(selected || producing) && (
          <div className="space-y-4">
            {producing && <ProduceForm cluster={cluster} topic={topic} />}
            {selected && <RecordDetail record={selected} binary={binary} onClose={() => setSelected(null)} />}
          </div>
        )}
      </div>
    </div>
  );
}
