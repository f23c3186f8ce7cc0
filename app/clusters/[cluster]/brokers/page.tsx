import { BrokersView } from '@/components/brokers/brokers-view';

export default async function BrokersPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <BrokersView cluster={cluster} />;
}
