import { ConnectorView } from '@/components/connect/connector-view';

export default async function ConnectorPage({ params }: { params: Promise<{ cluster: string; connect: string; connector: string }> }) {
  const { cluster, connect, connector } = await params;
  return <ConnectorView cluster={cluster} connect={decodeURIComponent(connect)} name={decodeURIComponent(connector)} />;
}
