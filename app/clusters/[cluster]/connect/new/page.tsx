import { Suspense } from 'react';
import { CreateConnector } from '@/components/connect/create-connector';

export default async function NewConnectorPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <Suspense>
      <CreateConnector cluster={cluster} />
    </Suspense>
  );
}
