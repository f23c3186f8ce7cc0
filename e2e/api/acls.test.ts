/**
 * ACLs on the secured cluster (StandardAuthorizer): listing agrees with `kafka-acls --list`,
 * the producer wizard's bindings let a real principal produce and not consume, deleting
 * removes exactly the bindings shown, and the explainer's verdicts match what the broker
 * decides when the principal tries the action for real.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { uniqueName } from '../support/kafka';
import { secureKafka, type Principal } from '../support/secure-kafka';
import { disconnectAll } from '@/lib/kafka/registry';

const C = '/api/clusters/secure';

interface Binding {
  resourceType: string;
  resourceName: string;
  patternType: string;
  principal: string;
  host: string;
  operation: string;
  permission: string;
}

const key = (b: Binding) => [b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.operation, b.permission].join('|');

/** `kafka-acls --list` for one principal, as binding keys in the API's words. */
async function cliBindings(principal: string): Promise<string[]> {
  const out = await secureKafka.toolOk('kafka-acls', ['--list', '--principal', principal]);
  const keys: string[] = [];
  let resource: { type: string; name: string; pattern: string } | null = null;
  for (const line of out.split('\n')) {
    const r = /ResourcePattern\(resourceType=(\w+), name=(.*), patternType=(\w+)\)/.exec(line);
    if (r) resource = { type: r[1], name: r[2], pattern: r[3] };
    const a = /\(principal=(.+?), host=(.+?), operation=(\w+), permissionType=(\w+)\)/.exec(line);
    if (a && resource) {
      const camel = (s: string) => s.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
      keys.push([camel(resource.type), resource.name, resource.pattern.toLowerCase(), a[1], a[2], camel(a[3]), a[4].toLowerCase()].join('|'));
    }
  }
  return keys.sort();
}

/** A SCRAM user made with Kafka's own CLI, with a password the test knows. */
async function scramUser(name: string): Promise<Principal> {
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  await secureKafka.toolOk('kafka-configs', [
    '--alter',
    '--add-config',
    `SCRAM-SHA-512=[password=${password}]`,
    '--entity-type',
    'users',
    '--entity-name',
    name,
  ]);
  return { user: name, password };
}

/** The topic's end offset on partition 0, as the admin's kafka-get-offsets reports it. */
async function endOffset(topic: string): Promise<number> {
  const out = await secureKafka.toolOk('kafka-get-offsets', ['--topic', topic, '--partitions', '0']);
  return Number(new RegExp(`^${topic}:0:(\\d+)$`, 'm').exec(out)?.[1] ?? Number.NaN);
}

/**
 * Whether the principal's console producer got a record in: the end offset grew. (The tool logs
 * send failures to its log file and exits 0 either way.)
 */
async function produceAs(who: Principal, topic: string, value: string): Promise<boolean> {
  const before = await endOffset(topic);
  await secureKafka.tool(
    'kafka-console-producer',
    [
      '--topic',
      topic,
      '--producer-property',
      'max.block.ms=8000',
      '--producer-property',
      'delivery.timeout.ms=8000',
      '--producer-property',
      'request.timeout.ms=5000',
    ],
    who,
    `${value}\n`,
  );
  return (await endOffset(topic)) === before + 1;
}

async function consumeAs(who: Principal, topic: string, group: string): Promise<boolean> {
  const r = await secureKafka.tool(
    'kafka-console-consumer',
    ['--topic', topic, '--group', group, '--from-beginning', '--max-messages', '1', '--timeout-ms', '10000'],
    who,
  );
  return r.code === 0 && /Processed a total of 1 message/.test(r.stderr);
}

afterAll(async () => {
  await disconnectAll();
});

test('a cluster without an authorizer: no ACLs to list, everything allowed, changes refused naming the setting', async () => {
  const list = await api.get('/api/clusters/local/acls');
  expect(list.status).toBe(200);
  expect(list.body).toMatchObject({ bindings: [], total: 0, authorizer: false });
  const explained = await api.get('/api/clusters/local/acls/explain?principal=User:anyone&operation=write&resourceType=topic&resourceName=x');
  expect(explained.body).toMatchObject({ allowed: true, rule: 'noAuthorizer' });
  const create = await api.post('/api/clusters/local/acls', {
    bindings: [{ resourceType: 'topic', resourceName: 'x', patternType: 'literal', principal: 'User:a', host: '*', operation: 'read', permission: 'allow' }],
  });
  expect(create.status).toBe(409);
  expect(create.body.error.details.kafkaError).toBe('SECURITY_DISABLED');
  expect(create.body.error.message).toMatch(/no authorizer \(authorizer\.class\.name/);
});

describe('the producer wizard, create and delete, against a real principal', () => {
  const topic = uniqueName('acl-orders');
  const user = uniqueName('acl-producer');
  const principal = `User:${user}`;
  let who: Principal;

  beforeAll(async () => {
    await secureKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
    who = await scramUser(user);
  });

  test('before: the principal can do nothing', async () => {
    expect(await produceAs(who, topic, 'before')).toBe(false);
  });

  test('preview shows the bindings and the kafka-acls command; creating them lets it produce, not consume', async () => {
    const preview = await api.post(`${C}/acls/preview`, { wizard: { kind: 'producer', principal, host: '*', topic, prefixed: false } });
    expect(preview.status).toBe(200);
    const bindings = preview.body.bindings as Binding[];
    expect(bindings.map((b) => b.operation).sort()).toEqual(['create', 'describe', 'write']);
    expect(preview.body.commands.join('\n')).toMatch(new RegExp(`kafka-acls --bootstrap-server \\S+ --add --allow-principal ${principal}.*--topic ${topic}`));
    const listedBefore = await api.get(`${C}/acls?principal=${encodeURIComponent(principal)}`);
    expect(listedBefore.body.total).toBe(0);

    const created = await api.post(`${C}/acls`, { bindings });
    expect(created.status).toBe(200);
    expect(created.body.created.every((c: { error: unknown }) => c.error === null)).toBe(true);

    const listed = await api.get(`${C}/acls?principal=${encodeURIComponent(principal)}`);
    expect(listed.status).toBe(200);
    expect((listed.body.bindings as Binding[]).map(key).sort()).toEqual(await cliBindings(principal));
    expect(listed.body.total).toBe(3);

    expect(await produceAs(who, topic, 'with-acl')).toBe(true);
    // Even with its group allowed, reading the topic is not.
    const group = uniqueName('acl-grp');
    await secureKafka.toolOk('kafka-acls', ['--add', '--allow-principal', principal, '--operation', 'Read', '--group', group]);
    expect(await consumeAs(who, topic, group)).toBe(false);

    const onTopic = await api.get(`${C}/topics/${topic}/acls`);
    expect(onTopic.status).toBe(200);
    expect(
      (onTopic.body.bindings as Binding[])
        .filter((b) => b.principal === principal)
        .map(key)
        .sort(),
    ).toEqual(bindings.map(key).sort());
  });

  test('delete: the preview shows exactly what goes, and only that goes', async () => {
    // A binding of another principal on the same topic must survive.
    const other = `User:${uniqueName('acl-bystander')}`;
    await secureKafka.toolOk('kafka-acls', ['--add', '--allow-principal', other, '--operation', 'Read', '--topic', topic]);
    const preview = await api.post(`${C}/acls/delete-preview`, { filter: { principal, resourceType: 'topic', resourceName: topic } });
    expect(preview.status).toBe(200);
    const matched = preview.body.matched as Binding[];
    const onTopic = (keys: string[]) => keys.filter((k) => k.startsWith(`topic|${topic}|`));
    expect(matched.map(key).sort()).toEqual(onTopic(await cliBindings(principal)));
    expect(matched).toHaveLength(3);
    expect(preview.body.command).toMatch(/kafka-acls .*--remove/);

    const wrong = await api.delete(`${C}/acls`, { bindings: matched, confirm: '1' });
    expect(wrong.status).toBe(422);
    const deleted = await api.delete(`${C}/acls`, { bindings: matched, confirm: String(matched.length) });
    expect(deleted.status).toBe(200);
    expect(onTopic(await cliBindings(principal))).toEqual([]);
    expect(await cliBindings(principal)).toHaveLength(1); // the group binding, which the filter did not match
    expect(await cliBindings(other)).toHaveLength(1);
    expect(await produceAs(who, topic, 'after-delete')).toBe(false);
  });
});

test('bad bindings are refused with the field, before Kafka sees them, and create nothing', async () => {
  const principal = `User:${uniqueName('acl-bad')}`;
  const good = { resourceType: 'topic', resourceName: 't', patternType: 'literal', principal, host: '*', operation: 'read', permission: 'allow' };
  const cases: [Record<string, unknown>, string][] = [
    [{ ...good, principal: 'alice' }, 'bindings.0.principal'],
    [{ ...good, resourceType: 'cluster', resourceName: 'prod' }, 'bindings.0.resourceName'],
    [{ ...good, patternType: 'prefixed', resourceName: '*' }, 'bindings.0.patternType'],
    [{ ...good, operation: 'fly' }, 'bindings.0.operation'],
    [{ ...good, host: 'example.com' }, 'bindings.0.host'],
    [{ ...good, extra: true }, 'bindings.0'],
  ];
  for (const [binding, field] of cases) {
    const res = await api.post(`${C}/acls`, { bindings: [binding] });
    expect(res.status, field).toBe(422);
    expect(res.body.error.field, JSON.stringify(binding)).toBe(field);
  }
  expect((await api.post(`${C}/acls`, { bindings: Array.from({ length: 201 }, () => good) })).status).toBe(422);
  expect((await api.delete(`${C}/acls`, { bindings: [good] })).body.error.field).toBe('confirm');
  expect(await cliBindings(principal)).toEqual([]);
});

describe('undo from the audit trail', () => {
  test('creating bindings is undone by deleting exactly them; deleting is undone by creating them again', async () => {
    const principal = `User:${uniqueName('acl-undo')}`;
    const topic = uniqueName('acl-undo-topic');
    const bindings = [
      { resourceType: 'topic', resourceName: topic, patternType: 'literal', principal, host: '*', operation: 'read', permission: 'allow' },
      { resourceType: 'group', resourceName: topic, patternType: 'prefixed', principal, host: '*', operation: 'read', permission: 'allow' },
    ];
    expect((await api.post(`${C}/acls`, { bindings })).status).toBe(200);
    expect(await cliBindings(principal)).toHaveLength(2);

    const entryOf = async (action: string) => {
      const entries = (await api.get(`/api/audit?action=${action}&limit=50`)).body.entries as {
        id: string;
        after?: Binding[];
        before?: Binding[];
        undo: { possible: boolean; plan: { kind: string; op: string; cli: string[] } | null };
      }[];
      return entries.find((e) => (e.after ?? e.before ?? []).some((b) => b.principal === principal))!;
    };
    const created = await entryOf('createAcls');
    expect(created.undo).toMatchObject({ possible: true, plan: { kind: 'acls', op: 'delete' } });
    expect(created.undo.plan?.cli.join('\n')).toMatch(new RegExp(`--remove --allow-principal ${principal}`));
    expect((await api.post(`/api/audit/${created.id}/undo`, { confirm: created.id })).status).toBe(200);
    expect(await cliBindings(principal)).toEqual([]);

    // Create one again, delete it through the console, undo the delete.
    expect((await api.post(`${C}/acls`, { bindings: [bindings[0]] })).status).toBe(200);
    expect((await api.delete(`${C}/acls`, { bindings: [bindings[0]], confirm: '1' })).status).toBe(200);
    const deleted = await entryOf('deleteAcls');
    expect(deleted.undo).toMatchObject({ possible: true, plan: { kind: 'acls', op: 'create' } });
    expect((await api.post(`/api/audit/${deleted.id}/undo`, { confirm: deleted.id })).status).toBe(200);
    expect(await cliBindings(principal)).toEqual([key(bindings[0] as Binding)]);
    // An undo is not undone twice.
    expect((await api.post(`/api/audit/${deleted.id}/undo`, { confirm: deleted.id })).status).toBe(409);
  });
});

describe('listing thousands of bindings', () => {
  const prefix = uniqueName('bulk');
  const principals = Array.from({ length: 25 }, (_, i) => `User:${prefix}-u${String(i).padStart(2, '0')}`);
  const topics = Array.from({ length: 40 }, (_, i) => `${prefix}-t${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    // One kafka-acls call adds the product: 25 principals × 40 topics × 2 operations = 2,000 bindings.
    await secureKafka.toolOk('kafka-acls', [
      '--add',
      ...principals.flatMap((p) => ['--allow-principal', p]),
      '--operation',
      'Read',
      '--operation',
      'Describe',
      ...topics.flatMap((t) => ['--topic', t]),
    ]);
  }, 120_000);

  test('filters, sorts and pages on the server; every binding is seen exactly once', async () => {
    const seen = new Set<string>();
    let offset = 0;
    let total = -1;
    for (;;) {
      const res = await api.get(`${C}/acls?resourceType=topic&operation=read&sort=principal&limit=500&offset=${offset}`);
      expect(res.status).toBe(200);
      total = res.body.total;
      for (const b of res.body.bindings as Binding[]) seen.add(key(b));
      offset += 500;
      if (offset >= total) break;
    }
    const ours = [...seen].filter((k) => k.split('|')[3].startsWith(`User:${prefix}`));
    expect(ours).toHaveLength(1000);
    expect(total).toBeGreaterThanOrEqual(1000);

    // A filter that matches more than one request may delete: the preview says how many, shows the first 200.
    const wide = await api.post(`${C}/acls/delete-preview`, { filter: { resourceType: 'topic', operation: 'read' } });
    expect(wide.status).toBe(200);
    expect(wide.body.total).toBe(total);
    expect(wide.body.matched).toHaveLength(200);
    const tooMany = await api.delete(`${C}/acls`, { bindings: [...wide.body.matched, wide.body.matched[0]], confirm: '201' });
    expect(tooMany.status).toBe(422);
    expect((await api.get(`${C}/acls?resourceType=topic&operation=read&limit=1`)).body.total).toBe(total);

    const one = await api.get(`${C}/acls?principal=${encodeURIComponent(principals[7])}&sort=resource`);
    expect(one.body.total).toBe(80);
    const names = (one.body.bindings as Binding[]).map((b) => b.resourceName);
    expect(names).toEqual([...names].sort());
  });
});

describe('the explainer agrees with the broker', () => {
  const prefix = uniqueName('explain');
  const user = `${prefix}-user`;
  const principal = `User:${user}`;
  let who: Principal;
  const topic = (s: string) => `${prefix}-${s}`;

  const explain = async (operation: string, resourceName: string, p = principal) =>
    (
      await api.get(
        `${C}/acls/explain?principal=${encodeURIComponent(p)}&host=127.0.0.1&operation=${operation}&resourceType=topic&resourceName=${encodeURIComponent(resourceName)}`,
      )
    ).body as { allowed: boolean; rule: string; decisive: Binding | null };

  /**
   * Whether the broker lets the principal describe the topic: ListOffsets needs Describe on it
   * (kafka-get-offsets as the principal). kafka-topics --describe would not do: it also asks for
   * cluster-level information and fails on that even with Describe on the topic.
   */
  const canDescribe = async (t: string) => {
    const r = await secureKafka.tool('kafka-get-offsets', ['--topic', t], who);
    return r.code === 0 && r.stdout.includes(`${t}:0:`);
  };

  beforeAll(async () => {
    who = await scramUser(user);
    for (const t of ['plain', 'pre-a', 'pre-denied', 'implied', 'wild', 'elsewhere'])
      await secureKafka.toolOk('kafka-topics', ['--create', '--topic', topic(t), '--partitions', '1', '--replication-factor', '1']);
    await secureKafka.toolOk('kafka-console-producer', ['--topic', topic('pre-a')], 'admin', 'one\n');
    // Prefixed allow of Read and Describe; a literal deny of Read on one topic under the prefix.
    await secureKafka.toolOk('kafka-acls', [
      '--add',
      '--allow-principal',
      principal,
      '--operation',
      'Read',
      '--operation',
      'Describe',
      '--topic',
      topic('pre'),
      '--resource-pattern-type',
      'prefixed',
    ]);
    await secureKafka.toolOk('kafka-acls', ['--add', '--deny-principal', principal, '--operation', 'Read', '--topic', topic('pre-denied')]);
    // Write implies Describe; the wildcard principal; an allow from another host only.
    await secureKafka.toolOk('kafka-acls', ['--add', '--allow-principal', principal, '--operation', 'Write', '--topic', topic('implied')]);
    await secureKafka.toolOk('kafka-acls', ['--add', '--allow-principal', 'User:*', '--operation', 'Describe', '--topic', topic('wild')]);
    await secureKafka.toolOk('kafka-acls', [
      '--add',
      '--allow-principal',
      principal,
      '--allow-host',
      '10.1.2.3',
      '--operation',
      'Describe',
      '--topic',
      topic('elsewhere'),
    ]);
    // Group read for the consumer tries.
    await secureKafka.toolOk('kafka-acls', [
      '--add',
      '--allow-principal',
      principal,
      '--operation',
      'Read',
      '--group',
      prefix,
      '--resource-pattern-type',
      'prefixed',
    ]);
  }, 120_000);

  test('no binding at all: denied for want of an allow, and the broker refuses', async () => {
    const e = await explain('describe', topic('plain'));
    expect(e).toMatchObject({ allowed: false, rule: 'noAllow', decisive: null });
    expect(await canDescribe(topic('plain'))).toBe(false);
  });

  test('a prefixed allow decides, and the broker lets it read', async () => {
    const e = await explain('read', topic('pre-a'));
    expect(e).toMatchObject({ allowed: true, rule: 'allow', decisive: { patternType: 'prefixed', resourceName: topic('pre'), operation: 'read' } });
    expect(await consumeAs(who, topic('pre-a'), `${prefix}-g1`)).toBe(true);
  });

  test('deny wins over the prefixed allow, and the broker refuses the read', async () => {
    const e = await explain('read', topic('pre-denied'));
    expect(e).toMatchObject({ allowed: false, rule: 'deny', decisive: { permission: 'deny', patternType: 'literal', resourceName: topic('pre-denied') } });
    expect(await consumeAs(who, topic('pre-denied'), `${prefix}-g2`)).toBe(false);
    // The deny is on Read only: Describe is still allowed by the prefixed binding.
    expect((await explain('describe', topic('pre-denied'))).allowed).toBe(true);
    expect(await canDescribe(topic('pre-denied'))).toBe(true);
  });

  test('write implies describe', async () => {
    const e = await explain('describe', topic('implied'));
    expect(e).toMatchObject({ allowed: true, rule: 'allow', decisive: { operation: 'write' } });
    expect(await canDescribe(topic('implied'))).toBe(true);
  });

  test('the wildcard principal applies', async () => {
    const e = await explain('describe', topic('wild'));
    expect(e).toMatchObject({ allowed: true, decisive: { principal: 'User:*' } });
    expect(await canDescribe(topic('wild'))).toBe(true);
  });

  test('an allow for another host does not apply', async () => {
    const e = await explain('describe', topic('elsewhere'));
    expect(e).toMatchObject({ allowed: false, rule: 'noAllow' });
    expect(await canDescribe(topic('elsewhere'))).toBe(false);
  });

  test('a super user is allowed by the super-user rule', async () => {
    const e = await explain('delete', topic('plain'), 'User:admin');
    expect(e).toMatchObject({ allowed: true, rule: 'superUser' });
  });
});
