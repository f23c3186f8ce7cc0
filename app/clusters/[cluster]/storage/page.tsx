import { StorageView } from '@/components/brokers/storage-view';

export default async function StoragePage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<{ topic?: string | string[] }>;
}) {
  const { cluster } = await params;
  const { topic } = await searchParams;
  return <StorageView cluster={cluster} topic={typeof topic === 'string' ? topic : undefined} />;
}
