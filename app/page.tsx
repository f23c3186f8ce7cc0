import { redirect } from 'next/navigation';
import { listClusterConfigs } from '@/lib/kafka/registry';
import { paths } from '@/lib/paths';

export const dynamic = 'force-dynamic';

export default function Home() {
  const [first] = listClusterConfigs();
  redirect(paths.cluster(first.id));
}
