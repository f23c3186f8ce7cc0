import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/layout/console-shell';

export const dynamic = 'force-dynamic';

export default function AccessLayout({ children }: { children: ReactNode }) {
  return <ConsoleShell>{children}</ConsoleShell>;
}
