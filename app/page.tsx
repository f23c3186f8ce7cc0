import { redirect } from 'next/navigation';
import { listClusterConfigs } from '@/lib/kafka/registry';
import { paths } from '@/lib/paths';
import { pageSession } from '@/lib/auth/page-session';

export const dynamic = 'force-dynamic';

export default async function Home() {
  await pageSession();
  const [first] = listClusterConfigs();
  redirect(paths.cluster(first.id));
}
