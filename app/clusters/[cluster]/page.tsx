import { OverviewView } from '@/components/overview/overview-view';

export default async function OverviewPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <OverviewView cluster={cluster} />;
}
