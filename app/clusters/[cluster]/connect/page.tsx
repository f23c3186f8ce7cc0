import { ConnectorsView } from '@/components/connect/connectors-view';

export default async function ConnectPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <ConnectorsView cluster={cluster} />;
}
