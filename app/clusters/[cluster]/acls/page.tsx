import { AclsView } from '@/components/security/acls-view';

export default async function AclsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <AclsView cluster={cluster} />;
}
