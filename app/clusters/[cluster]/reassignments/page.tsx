import { ReassignView } from '@/components/reassign/reassign-view';

export default async function ReassignmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<{ topic?: string | string[] }>;
}) {
  const { cluster } = await params;
  const { topic } = await searchParams;
  return <ReassignView cluster={cluster} topic={typeof topic === 'string' ? topic : undefined} />;
}
