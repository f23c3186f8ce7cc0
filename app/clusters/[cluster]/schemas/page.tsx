import { Suspense } from 'react';
import { SchemasView } from '@/components/schemas/schemas-view';

export default async function SchemasPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <Suspense>
      <SchemasView cluster={cluster} />
    </Suspense>
  );
}
