import 'server-only';
import { AssignerProtocol } from 'kafkajs';
import { ApiError } from '@/lib/errors';
import { clients, type ClusterClients } from '../registry';
import { listOffsets, tpKey, type PartitionKey, type TopicPartition } from '../offsets';
import { recordTimestamps } from '../record-at';
import { clusterMetadata } from '../metadata';
import {
  consumerGroupDescribe,
  findCoordinator,
  listGroups as listGroupsApi,
  supportsConsumerGroupDescribe,
  type KjsBroker,
  type ListedGroup,
} from '../protocol';
import type { GroupDetail, GroupMember, GroupPartition } from '@/lib/schemas/groups';
import { describeShareMembers, getShareGroup } from './share';
import { describeStreams, getStreamsGroup, streamsMembers } from './streams';

/**
 * One consumer group: its members and per-partition lag. The reads it is made of (the group
 * as its coordinator lists it, its members, its committed offsets) are also what the groups
 * list and the offset resets start from, so they are exported from here.
 */

async function connected(broker: KjsBroker): Promise<KjsBroker> {
  if (!broker.isConnected()) await broker.connect();
  return broker;
}

export async function brokerGroups(c: ClusterClients, broker: KjsBroker): Promise<ListedGroup[]> {
  return listGroupsApi(c.cluster, { broker });
}

/** The group as its coordinator lists it; 404 when the group does not exist. */
export async function findGroup(c: ClusterClients, groupId: string): Promise<ListedGroup> {
  const coordinator = await findCoordinator(c.cluster, groupId);
  const found = (await brokerGroups(c, coordinator)).find((g) => g.groupId === groupId);
  if (!found || found.state === 'Dead') throw new ApiError('not_found', `Consumer group ${groupId} does not exist`);
  return found;
}

interface Described {
  state: string | null;
  protocol: string | null;
  members: GroupMember[] | null;
  note: string | null;
}

function decodeAssignment(buf: Buffer | null | undefined): { topic: string; partitions: number[] }[] {
  if (!buf || buf.length === 0) return [];
  try {
    const a = AssignerProtocol.MemberAssignment.decode(buf);
    return a ? Object.entries(a.assignment).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((x, y) => x - y) })) : [];
  } catch {
    return [];
  }
}

const isKip848 = (g: ListedGroup) => g.type === 'consumer';

/** Members and assignor of the given groups: DescribeGroups for classic groups, ConsumerGroupDescribe for KIP-848 ones. */
export async function describeMembers(c: ClusterClients, groups: ListedGroup[]): Promise<Map<string, Described>> {
  const out = new Map<string, Described>();
  const classic = groups.filter((g) => !isKip848(g) && (g.type === null || g.type === 'classic'));
  const modern = groups.filter(isKip848);
  const share = groups.filter((g) => g.type === 'share');
  const streams = groups.filter((g) => g.type === 'streams');
  for (const g of groups) {
    if (!classic.includes(g) && !modern.includes(g) && !share.includes(g) && !streams.includes(g)) {
      out.set(g.groupId, { state: null, protocol: null, members: null, note: `This is a ${g.type} group; the console does not describe its members` });
    }
  }
  const tasks: Promise<void>[] = [];
  for (const g of share) {
    tasks.push(
      (async () => {
        try {
          const d = await describeShareMembers(c, await findCoordinator(c.cluster, g.groupId), g.groupId);
          out.set(g.groupId, { state: d.state, protocol: d.assignor, members: d.members, note: null });
        } catch (err) {
          out.set(g.groupId, { state: null, protocol: null, members: null, note: `Share group members could not be described: ${(err as Error).message}` });
        }
      })(),
    );
  }
  for (const g of streams) {
    tasks.push(
      (async () => {
        try {
          const d = await describeStreams(c, await findCoordinator(c.cluster, g.groupId), g.groupId);
          out.set(g.groupId, { state: d.state, protocol: null, members: streamsMembers(d.info), note: null });
        } catch (err) {
          out.set(g.groupId, { state: null, protocol: null, members: null, note: `Streams group members could not be described: ${(err as Error).message}` });
        }
      })(),
    );
  }
  if (classic.length) {
    tasks.push(
      (async () => {
        const res = await c.admin.describeGroups(classic.map((g) => g.groupId));
        for (const d of res.groups) {
          out.set(d.groupId, {
            state: d.state,
            protocol: d.protocol || null,
            members: d.members.map((m) => ({
              memberId: m.memberId,
              clientId: m.clientId,
              host: m.clientHost,
              instanceId: null,
              assignment: d.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
            })),
            note: null,
          });
        }
      })(),
    );
  }
  if (modern.length) {
    const byCoordinator = new Map<number, { broker: KjsBroker; ids: string[] }>();
    const coordinators = await Promise.all(modern.map((g) => findCoordinator(c.cluster, g.groupId)));
    for (const [i, g] of modern.entries()) {
      const broker = coordinators[i];
      const entry = byCoordinator.get(broker.nodeId) ?? { broker, ids: [] };
      entry.ids.push(g.groupId);
      byCoordinator.set(broker.nodeId, entry);
    }
    for (const { broker, ids } of byCoordinator.values()) {
      tasks.push(
        (async () => {
          await connected(broker);
          if (!supportsConsumerGroupDescribe(broker)) {
            for (const id of ids) {
              out.set(id, {
                state: null,
                protocol: null,
                members: null,
                note: 'This group uses the KIP-848 consumer protocol and this broker does not support ConsumerGroupDescribe: its members cannot be shown',
              });
            }
            return;
          }
          for (const g of await consumerGroupDescribe(c.cluster, { broker }, ids)) {
            if (g.errorCode) {
              out.set(g.groupId, {
                state: null,
                protocol: null,
                members: null,
                note: `ConsumerGroupDescribe failed (${g.errorType}${g.errorMessage ? `: ${g.errorMessage}` : ''}): members cannot be shown`,
              });
              continue;
            }
            out.set(g.groupId, {
              state: g.state,
              protocol: g.assignorName || null,
              members: g.members.map((m) => ({
                memberId: m.memberId,
                clientId: m.clientId,
                host: m.clientHost,
                instanceId: m.instanceId,
                assignment: m.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y) })),
              })),
              note: null,
            });
          }
        })(),
      );
    }
  }
  await Promise.all(tasks);
  return out;
}

/** Committed offsets of a group (offset >= 0 only), as "topic:partition" -> offset. */
export async function committedOffsets(c: ClusterClients, groupId: string): Promise<Map<PartitionKey, { topic: string; partition: number; offset: string }>> {
  const res = await c.admin.fetchOffsets({ groupId });
  const out = new Map<PartitionKey, { topic: string; partition: number; offset: string }>();
  for (const t of res) {
    for (const p of t.partitions) {
      if (Number(p.offset) >= 0) out.set(tpKey(t.topic, p.partition), { topic: t.topic, partition: p.partition, offset: String(p.offset) });
    }
  }
  return out;
}

export function lagOf(committed: string | null, end: string | null | undefined): number | null {
  if (committed === null || end === null || end === undefined) return null;
  const lag = Number(BigInt(end) - BigInt(committed));
  return Math.max(0, lag);
}

/**
 * Lag summed over the partitions with a committed offset: unknown (null) when none has one
 * (nothing consumed yet is not "no lag") or when one of them has no known log end.
 */
export function summedLag(partitions: GroupPartition[]): number | null {
  const committed = partitions.filter((p) => p.committed !== null);
  if (committed.length === 0 || committed.some((p) => p.lag === null)) return null;
  return committed.reduce((s, p) => s + (p.lag ?? 0), 0);
}

/** Where a group stands on one partition: its committed offset (a share group's start offset), and the broker's lag when it counts it. */
export interface GroupPosition {
  topic: string;
  partition: number;
  offset: string | null;
  /** Set when the broker counts the lag itself (share groups); otherwise it is the log end minus the offset. */
  lag?: number | null;
}

/**
 * A group's rows: every partition it has a position on or a member is assigned, with the log
 * range, lag, how long the first unconsumed record has waited and a member consuming it; then
 * the sums per topic and in all. Consumer and share groups both.
 */
export async function groupRows(
  c: ClusterClients,
  positions: Map<PartitionKey, GroupPosition>,
  members: GroupMember[],
): Promise<Pick<GroupDetail, 'partitions' | 'topics' | 'totalLag'>> {
  const owners = new Map<PartitionKey, GroupMember>();
  const keys = new Map<PartitionKey, TopicPartition>();
  for (const v of positions.values()) keys.set(tpKey(v.topic, v.partition), { topic: v.topic, partition: v.partition });
  for (const m of members)
    for (const a of m.assignment)
      for (const p of a.partitions) {
        const k = tpKey(a.topic, p);
        // A share-partition may have several consumers: the first one is shown.
        if (!owners.has(k)) owners.set(k, m);
        keys.set(k, { topic: a.topic, partition: p });
      }
  const tps = [...keys.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const metadata = tps.length ? await clusterMetadata(c, [...new Set(tps.map((t) => t.topic))]).catch(() => undefined) : undefined;
  const [earliest, latest] = await Promise.all([listOffsets(c, tps, 'earliest', { metadata }), listOffsets(c, tps, 'latest', { metadata })]);
  const partitions: GroupPartition[] = tps.map((tp) => {
    const k = tpKey(tp.topic, tp.partition);
    const pos = positions.get(k);
    const cm = pos?.offset ?? null;
    const owner = owners.get(k);
    return {
      topic: tp.topic,
      partition: tp.partition,
      committed: cm,
      logStart: earliest.get(k)?.offset ?? null,
      logEnd: latest.get(k)?.offset ?? null,
      lag: pos?.lag !== undefined ? pos.lag : lagOf(cm, latest.get(k)?.offset),
      timeLagMs: null,
      owner: owner ? { memberId: owner.memberId, clientId: owner.clientId, host: owner.host } : null,
    };
  });
  const behind = partitions.filter((p) => p.lag && p.committed !== null);
  const stamps = await recordTimestamps(
    c,
    behind.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed! })),
    metadata,
  );
  const now = Date.now();
  for (const p of behind) {
    const ts = stamps.get(tpKey(p.topic, p.partition));
    if (ts !== null && ts !== undefined && ts >= 0) p.timeLagMs = Math.max(0, now - ts);
  }
  const topicMap = new Map<string, { topic: string; lag: number | null; partitions: number; timeLagMs: number | null }>();
  for (const p of partitions) {
    const t = topicMap.get(p.topic) ?? { topic: p.topic, lag: null, partitions: 0, timeLagMs: null };
    t.partitions++;
    if (p.timeLagMs !== null) t.timeLagMs = Math.max(t.timeLagMs ?? 0, p.timeLagMs);
    topicMap.set(p.topic, t);
  }
  for (const t of topicMap.values()) t.lag = summedLag(partitions.filter((p) => p.topic === t.topic));
  return { partitions, topics: [...topicMap.values()], totalLag: summedLag(partitions) };
}

export async function getGroup(clusterId: string, groupId: string): Promise<GroupDetail> {
  const c = await clients(clusterId);
  const listed = await findGroup(c, groupId);
  if (listed.type === 'share') return getShareGroup(c, listed);
  if (listed.type === 'streams') return getStreamsGroup(c, listed);
  const [described, committed] = await Promise.all([describeMembers(c, [listed]).then((m) => m.get(groupId)), committedOffsets(c, groupId)]);
  const { partitions, topics, totalLag } = await groupRows(c, committed, described?.members ?? []);
  return {
    groupId,
    state: described?.state ?? listed.state ?? 'Unknown',
    type: listed.type ?? 'classic',
    protocolType: listed.protocolType,
    protocol: described?.protocol ?? null,
    members: described?.members ?? [],
    membersKnown: Boolean(described?.members),
    partitions,
    topics,
    totalLag,
    note: described?.note ?? null,
    bootstrap: c.config.bootstrapServers.join(','),
  };
}
