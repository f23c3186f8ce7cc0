'use client';
import { createContext, useContext } from 'react';

/**
 * How code reports the outcome of an action ("Deleted topic orders", "Failed to ..."): query
 * modules and components call useNotify(); components/ui/notifications.tsx shows the notes.
 */
export type NoteKind = 'success' | 'error';
export const NotifyContext = createContext<(kind: NoteKind, text: string) => void>(() => {});

export function useNotify() {
  const notify = useContext(NotifyContext);
  return {
    success: (text: string) => notify('success', text),
    error: (action: string, err: unknown) => notify('error', `${action}: ${err instanceof Error ? err.message : String(err)}`),
  };
}
