import { UsersView } from '@/components/security/users-view';

export default async function UsersPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <UsersView cluster={cluster} />;
}
