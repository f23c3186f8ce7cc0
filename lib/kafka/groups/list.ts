import 'server-only';
import { ApiError } from '@/lib/errors';
import { clients, type ClusterClients } from '../registry';
import { listOffsets, tpKey, type PartitionKey, type TopicPartition } from '../offsets';
import { clusterMetadata } from '../metadata';
import type { ListedGroup } from '../protocol';
import { findCoordinator } from '../protocol';
import { brokerGroups, committedOffsets, describeMembers, lagOf, type GroupPosition } from './describe';
import { shareGroupOffsets, sharePositions } from './share';
import type { GroupSummary, GroupsPage, ListGroupsQuery } from '@/lib/schemas/groups';
import { lagGrowth } from '@/lib/history/query';

/**
 * The consumer groups list: every group of the cluster, paged, with members and lag read
 * only for the page shown (a cluster may have thousands of groups).
 */

/** Every group of the cluster from ListGroups on every broker (each lists the groups it coordinates). */
async function allGroups(c: ClusterClients): Promise<{ groups: ListedGroup[]; warnings: string[] }> {
  const meta = await clusterMetadata(c, []);
  const ids = meta.brokers.map((b) => b.nodeId);
  const warnings: string[] = [];
  const byId = new Map<string, ListedGroup>();
  await Promise.all(
    ids.map(async (nodeId) => {
      try {
        const broker = await c.cluster.findBroker({ nodeId: String(nodeId) });
        for (const g of await brokerGroups(c, broker)) byId.set(g.groupId, g);
      } catch {
        warnings.push(`Broker ${nodeId} did not answer ListGroups: the groups it coordinates are missing from this list`);
      }
    }),
  );
  if (ids.length > 0 && warnings.length === ids.length) throw new ApiError('unavailable', 'No broker answered ListGroups');
  return { groups: [...byId.values()], warnings };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function listGroupsPage(clusterId: string, q: ListGroupsQuery): Promise<GroupsPage> {
  const started = Date.now();
  const c = await clients(clusterId);
  const { groups, warnings } = await allGroups(c);
  const states: Record<string, number> = {};
  for (const g of groups) states[g.state ?? 'Unknown'] = (states[g.state ?? 'Unknown'] ?? 0) + 1;
  const needle = q.search?.toLowerCase();
  const filtered = groups
    .filter((g) => (!needle || g.groupId.toLowerCase().includes(needle)) && (!q.state || (g.state ?? 'Unknown') === q.state))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  if (q.sort === 'lagGrowth') {
    const growth = lagGrowth(clusterId);
    filtered.sort((a, b) => (growth.get(b.groupId) ?? -Infinity) - (growth.get(a.groupId) ?? -Infinity));
  }
  const pageGroups = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);

  const [described, offsets] = await Promise.all([
    describeMembers(c, pageGroups),
    mapLimit(pageGroups, 32, async (g): Promise<Map<PartitionKey, GroupPosition> | null> => {
      try {
        if (g.type === 'share') return sharePositions(await shareGroupOffsets(c, await findCoordinator(c.cluster, g.groupId), g.groupId), true);
        return await committedOffsets(c, g.groupId);
      } catch {
        return null;
      }
    }),
  ]);
  const all = new Map<PartitionKey, TopicPartition>();
  for (const o of offsets) for (const [k, v] of o ?? []) all.set(k, { topic: v.topic, partition: v.partition });
  const ends = await listOffsets(c, [...all.values()], 'latest');

  const summaries = pageGroups.map((g, i): GroupSummary => {
    const d = described.get(g.groupId);
    const committed = offsets[i];
    const topics = new Set<string>();
    let lag: number | null = committed && committed.size > 0 ? 0 : null;
    for (const v of committed?.values() ?? []) {
      topics.add(v.topic);
      // A share group's lag is the broker's own count (records not yet acknowledged), not end - start.
      const l = v.lag !== undefined ? v.lag : lagOf(v.offset, ends.get(tpKey(v.topic, v.partition))?.offset);
      lag = lag === null || l === null ? null : lag + l;
    }
    for (const m of d?.members ?? []) for (const a of m.assignment) topics.add(a.topic);
    return {
      groupId: g.groupId,
      state: d?.state ?? g.state ?? 'Unknown',
      type: g.type ?? 'classic',
      protocolType: g.protocolType,
      protocol: d?.protocol ?? null,
      members: d?.members ? d.members.length : null,
      topics: [...topics].sort(),
      lag,
      note: d?.note ?? (committed ? null : 'Committed offsets could not be read'),
    };
  });
  return { groups: summaries, total: filtered.length, page: q.page, pageSize: q.pageSize, states, warnings, elapsedMs: Date.now() - started };
}
