import { describe, expect, test } from 'vitest';
import type { StreamsGroupInfo } from '@/lib/schemas/groups';
import { streamsMembers } from './streams';

describe('streamsMembers', () => {
  const member = (memberId: string, active: StreamsGroupInfo['members'][number]['active']): StreamsGroupInfo['members'][number] => ({
    memberId,
    memberEpoch: 3,
    processId: 'p',
    clientId: `${memberId}-client`,
    host: '/127.0.0.1',
    instanceId: null,
    rackId: null,
    topologyEpoch: 0,
    userEndpoint: null,
    isClassic: false,
    active,
    standby: [{ subtopologyId: '1', partitions: [5] }],
    warmup: [],
    targetActive: active,
  });
  const info: StreamsGroupInfo = {
    groupEpoch: 3,
    assignmentEpoch: 3,
    topologyEpoch: 0,
    subtopologies: [
      { subtopologyId: '0', sourceTopics: ['in-a', 'in-b'], repartitionSinkTopics: ['app-repartition'], stateChangelogTopics: [], repartitionSourceTopics: [] },
      {
        subtopologyId: '1',
        sourceTopics: [],
        repartitionSinkTopics: [],
        stateChangelogTopics: [{ name: 'app-changelog', partitions: 0 }],
        repartitionSourceTopics: [{ name: 'app-repartition', partitions: 0 }],
      },
    ],
    members: [
      member('m1', [
        { subtopologyId: '0', partitions: [1, 0] },
        { subtopologyId: '1', partitions: [2] },
      ]),
      member('m2', []),
    ],
  };

  test("a member's partitions are its active tasks' input partitions; standby tasks read none", () => {
    expect(streamsMembers(info)).toEqual([
      {
        memberId: 'm1',
        clientId: 'm1-client',
        host: '/127.0.0.1',
        instanceId: null,
        assignment: [
          { topic: 'app-repartition', partitions: [2] },
          { topic: 'in-a', partitions: [0, 1] },
          { topic: 'in-b', partitions: [0, 1] },
        ],
      },
      { memberId: 'm2', clientId: 'm2-client', host: '/127.0.0.1', instanceId: null, assignment: [] },
    ]);
  });

  test('a task of a subtopology the topology does not (yet) list reads nothing known', () => {
    expect(streamsMembers({ ...info, subtopologies: [] })[0].assignment).toEqual([]);
  });
});
