import { QuotasView } from '@/components/security/quotas-view';

export default async function QuotasPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <QuotasView cluster={cluster} />;
}
