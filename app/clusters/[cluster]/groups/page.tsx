import { GroupsList } from '@/components/groups/groups-list';

export default async function GroupsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <GroupsList cluster={cluster} />;
}
