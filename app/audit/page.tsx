'use client';
import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';
import { Loading } from '@/components/ui/primitives';

/** Admins only: the API answers 403 to anyone else, and the view says so. */
export default function AuditPage() {
  return (
    <Suspense fallback={<Loading label="Reading the audit trail…" />}>
      <AuditView />
    </Suspense>
  );
}
