import { describe, expect, test } from 'vitest';
import { aclCommands, listCommand } from './commands';
import { wizardBindings } from './wizards';

const ops = (bs: ReturnType<typeof wizardBindings>) => bs.map((b) => `${b.resourceType}:${b.resourceName}:${b.patternType}:${b.operation}`).sort();

describe('wizards', () => {
  test('producer: like kafka-acls --producer, plus transactional id and idempotence when asked', () => {
    const bs = wizardBindings({
      kind: 'producer',
      principal: 'User:app',
      host: '*',
      topic: 'orders',
      prefixed: false,
      transactionalId: 'tx-1',
      idempotent: true,
    });
    expect(ops(bs)).toEqual([
      'cluster:kafka-cluster:literal:idempotentWrite',
      'topic:orders:literal:create',
      'topic:orders:literal:describe',
      'topic:orders:literal:write',
      'transactionalId:tx-1:literal:describe',
      'transactionalId:tx-1:literal:write',
    ]);
    expect(bs.every((b) => b.principal === 'User:app' && b.permission === 'allow' && b.host === '*')).toBe(true);
  });

  test('consumer: read and describe on the topic prefix, read on the group', () => {
    const bs = wizardBindings({
      kind: 'consumer',
      principal: 'User:app',
      host: '10.1.1.1',
      topic: 'orders-',
      prefixed: true,
      group: 'billing',
      groupPrefixed: false,
    });
    expect(ops(bs)).toEqual(['group:billing:literal:read', 'topic:orders-:prefixed:describe', 'topic:orders-:prefixed:read']);
  });

  test('streams: inputs, outputs, internal topics and group by application id, transactions for exactly-once', () => {
    const bs = wizardBindings({
      kind: 'streams',
      principal: 'User:s',
      host: '*',
      applicationId: 'wordcount',
      inputTopics: ['in'],
      outputTopics: ['out'],
      exactlyOnce: true,
    });
    expect(ops(bs)).toEqual([
      'cluster:kafka-cluster:literal:idempotentWrite',
      'group:wordcount:literal:read',
      'topic:in:literal:describe',
      'topic:in:literal:read',
      'topic:out:literal:describe',
      'topic:out:literal:write',
      'topic:wordcount:prefixed:all',
      'transactionalId:wordcount:prefixed:describe',
      'transactionalId:wordcount:prefixed:write',
    ]);
  });

  test('connect worker: its group and internal topics; sink groups only with sink topics', () => {
    const base = {
      kind: 'connect',
      principal: 'User:c',
      host: '*',
      groupId: 'connect-cluster',
      configTopic: 'cfg',
      offsetTopic: 'off',
      statusTopic: 'st',
    } as const;
    const none = wizardBindings({ ...base, sourceTopics: [], sinkTopics: [] });
    expect(none.filter((b) => b.resourceType === 'topic')).toHaveLength(15);
    expect(none.some((b) => b.resourceName === 'connect-' && b.patternType === 'prefixed')).toBe(false);
    const sink = wizardBindings({ ...base, sourceTopics: ['src'], sinkTopics: ['snk'] });
    expect(ops(sink)).toEqual(
      expect.arrayContaining(['group:connect-:prefixed:read', 'topic:snk:literal:read', 'topic:src:literal:write', 'topic:src:literal:create']),
    );
  });
});

describe('kafka-acls commands', () => {
  test('one command per resource and principal, repeated --operation, prefixed and host options', () => {
    const bs = wizardBindings({
      kind: 'consumer',
      principal: 'User:app',
      host: '10.1.1.1',
      topic: 'orders-',
      prefixed: true,
      group: 'billing',
      groupPrefixed: false,
    });
    expect(aclCommands(bs, 'add', 'k1:9092')).toEqual([
      'kafka-acls --bootstrap-server k1:9092 --add --allow-principal User:app --allow-host 10.1.1.1 --operation Read --operation Describe --topic orders- --resource-pattern-type prefixed',
      'kafka-acls --bootstrap-server k1:9092 --add --allow-principal User:app --allow-host 10.1.1.1 --operation Read --group billing',
    ]);
  });

  test('deny, the cluster, quoting of the wildcard, remove', () => {
    const cmds = aclCommands(
      [
        { resourceType: 'topic', resourceName: '*', patternType: 'literal', principal: 'User:*', host: '*', operation: 'describe', permission: 'deny' },
        {
          resourceType: 'cluster',
          resourceName: 'kafka-cluster',
          patternType: 'literal',
          principal: 'User:ops',
          host: '*',
          operation: 'idempotentWrite',
          permission: 'allow',
        },
      ],
      'remove',
      'b:9092',
    );
    expect(cmds).toEqual([
      "kafka-acls --bootstrap-server b:9092 --remove --deny-principal 'User:*' --operation Describe --topic '*'",
      'kafka-acls --bootstrap-server b:9092 --remove --allow-principal User:ops --operation IdempotentWrite --cluster',
    ]);
  });

  test('list', () => {
    expect(listCommand({ principal: 'User:a', resourceType: 'topic', resourceName: 'orders', patternType: 'match' }, 'b:1')).toBe(
      'kafka-acls --bootstrap-server b:1 --list --principal User:a --topic orders --resource-pattern-type match',
    );
  });
});
