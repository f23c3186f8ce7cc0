'use client';
import { useCallback, useState, type ReactNode } from 'react';
import { NotifyContext as Ctx, type NoteKind as Kind } from '@/lib/notify';

export { useNotify } from '@/lib/notify';

interface Note {
  id: number;
  kind: Kind;
  text: string;
}

/** The one place that shows the outcome of actions ("Deleted topic orders", "Failed to ..."). */
export function Notifications({ children }: { children: ReactNode }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const notify = useCallback((kind: Kind, text: string) => {
    const id = Date.now() + Math.random();
    setNotes((n) => [...n.slice(-3), { id, kind, text }]);
    setTimeout(() => setNotes((n) => n.filter((x) => x.id !== id)), kind === 'error' ? 10_000 : 4_000);
  }, []);
  return (
    <Ctx.Provider value={notify}>
      {children}
      <div className="fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2" role="status" aria-live="polite">
        {notes.map((n) => (
          <div
            key={n.id}
            data-kind={n.kind}
            className={`rounded-md border px-4 py-3 text-sm shadow-lg ${
              n.kind === 'error'
                ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
                : 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
            }`}
          >
            {n.text}
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}
