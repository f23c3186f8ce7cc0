import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import { electionBody, electionOutcome, electionPreview, uncleanBody, type ElectionOutcome, type UncleanInput } from '@/lib/schemas/leaders';

export const previewLeaderElection = op({
  id: 'previewLeaderElection',
  permission: 'cluster:view',
  method: 'post',
  path: '/api/clusters/{cluster}/leader-election/preview',
  tag: 'Brokers',
  summary: 'Which partitions a preferred leader election would move back to their first replica, and which cannot move yet (not in sync). Changes nothing',
  params: clusterParams,
  body: electionBody,
  response: electionPreview,
  errors: { 404: 'No such topic or partition', 413: 'Too many partitions in scope' },
});

export const electLeaders = op({
  id: 'electLeaders',
  permission: 'leaders:elect',
  method: 'post',
  path: '/api/clusters/{cluster}/leader-election',
  tag: 'Brokers',
  summary:
    'Preferred leader election (ElectLeaders) for the cluster, a topic or chosen partitions; each partition is elected, not needed, or failed with the reason. Never unclean',
  params: clusterParams,
  body: electionBody,
  mutates: true,
  audit: (r) => {
    const o = r as ElectionOutcome;
    return { resource: 'leaders', after: o.results.filter((x) => x.outcome === 'elected').map((x) => `${x.topic}-${x.partition}`) };
  },
  response: electionOutcome,
  errors: {
    404: 'No such topic or partition',
    413: 'Too many partitions in scope',
    422: 'Kafka refused the election, or none of the chosen partitions can be elected',
  },
});

export const electUnclean = op({
  id: 'electUnclean',
  permission: 'leaders:unclean',
  method: 'post',
  path: '/api/clusters/{cluster}/leader-election/unclean',
  tag: 'Brokers',
  summary:
    'Unclean leader election for one partition with no leader: a live replica that is not in sync takes over, and records only the last in-sync leader had are lost. The body confirms with "topic-partition"',
  params: clusterParams,
  body: uncleanBody,
  mutates: true,
  confirm: ({ body }) => `${(body as UncleanInput).topic}-${(body as UncleanInput).partition}`,
  audit: (r) => ({ resource: 'leaders', after: (r as ElectionOutcome).results }),
  response: electionOutcome,
  errors: {
    404: 'No such topic or partition',
    409: 'The partition has a leader: no unclean election is needed',
    422: 'No live replica to elect, or the confirmation does not match',
  },
});
