import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/layout/console-shell';

export const dynamic = 'force-dynamic';

/** The audit trail is console-wide; the shell's cluster switcher starts on the first cluster. */
export default function AuditLayout({ children }: { children: ReactNode }) {
  return <ConsoleShell>{children}</ConsoleShell>;
}
