import type { Metadata } from 'next';
import { AccessView } from '@/components/access/access-view';

export const metadata: Metadata = { title: 'Access · Kafka Console' };

/** Admins only: the API answers 403 to anyone else, and the view says so. */
export default function AccessPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <AccessView />
    </div>
  );
}
