/**
 * SCRAM users and client quotas on the secured cluster, checked with Kafka's own
 * kafka-configs, and SCRAM passwords checked the only way that proves them: the user
 * signs in to the broker with Kafka's CLI (so the salted password the console computed is
 * the one SCRAM expects).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { uniqueName } from '../support/kafka';
import { secureKafka } from '../support/secure-kafka';
import { disconnectAll } from '@/lib/kafka/registry';

const C = '/api/clusters/secure';

afterAll(async () => {
  await disconnectAll();
});

/** Whether the broker accepts this user and password (kafka-topics --list as them). */
async function signsIn(user: string, password: string): Promise<boolean> {
  const r = await secureKafka.tool('kafka-topics', ['--list'], { user, password });
  return r.code === 0;
}

async function cliUsers(user: string): Promise<string> {
  return secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user]);
}

describe('SCRAM users', () => {
  const user = uniqueName('scram-user');
  const first = `first-${Math.random().toString(36).slice(2)}`;
  const second = `second-${Math.random().toString(36).slice(2)}`;

  test('create: kafka-configs shows the credential, and the user can sign in with that password', async () => {
    const res = await api.post(`${C}/users`, { user, mechanism: 'SCRAM-SHA-512', iterations: 8192, password: first });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user,
      credentials: [{ mechanism: 'SCRAM-SHA-512', iterations: 8192 }],
      command: `kafka-configs --bootstrap-server ${secureKafka.bootstrap.split(',')[0]} --alter --add-config 'SCRAM-SHA-512=[iterations=8192,password=********]' --entity-type users --entity-name ${user}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(first);
    expect(await cliUsers(user)).toMatch(/SCRAM-SHA-512=iterations=8192/);
    expect(await signsIn(user, first)).toBe(true);
    expect(await signsIn(user, `${first}x`)).toBe(false);

    const again = await api.post(`${C}/users`, { user, mechanism: 'SCRAM-SHA-512', password: second });
    expect(again.status).toBe(409);
    const list = await api.get(`${C}/users`);
    expect(list.body.users.find((u: { user: string }) => u.user === user)).toEqual({ user, credentials: [{ mechanism: 'SCRAM-SHA-512', iterations: 8192 }] });
  });

  test('change password: the old one stops working, the new one works; a second mechanism is its own credential', async () => {
    const res = await api.put(`${C}/users/${user}`, { mechanism: 'SCRAM-SHA-512', iterations: 4096, password: second });
    expect(res.status).toBe(200);
    expect(res.body.credentials).toEqual([{ mechanism: 'SCRAM-SHA-512', iterations: 4096 }]);
    expect(await signsIn(user, second)).toBe(true);
    expect(await signsIn(user, first)).toBe(false);
    const missing = await api.put(`${C}/users/${user}`, { mechanism: 'SCRAM-SHA-256', password: second });
    expect(missing.status).toBe(404);
    const sha256 = await api.post(`${C}/users`, { user, mechanism: 'SCRAM-SHA-256', iterations: 4096, password: first });
    expect(sha256.status).toBe(200);
    const both = await cliUsers(user);
    expect(both).toMatch(/SCRAM-SHA-256=iterations=4096/);
    expect(both).toMatch(/SCRAM-SHA-512=iterations=4096/);
  });

  test('bad input is refused before Kafka sees it', async () => {
    expect((await api.post(`${C}/users`, { user, mechanism: 'SCRAM-SHA-512', iterations: 100, password: first })).status).toBe(422);
    expect((await api.post(`${C}/users`, { user, mechanism: 'PLAIN', password: first })).status).toBe(422);
    const short = await api.post(`${C}/users`, { user, mechanism: 'SCRAM-SHA-512', password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.field).toBe('password');
    expect((await api.as('operator').post(`${C}/users`, { user: uniqueName('nope'), mechanism: 'SCRAM-SHA-512', password: first })).status).toBe(403);
  });

  test('delete one mechanism, confirmed with the name: that credential no longer signs in', async () => {
    expect((await api.delete(`${C}/users/${user}`, { mechanism: 'SCRAM-SHA-512', confirm: 'someone-else' })).status).toBe(422);
    const res = await api.delete(`${C}/users/${user}`, { mechanism: 'SCRAM-SHA-512', confirm: user });
    expect(res.status).toBe(200);
    expect(res.body.credentials).toEqual([{ mechanism: 'SCRAM-SHA-256', iterations: 4096 }]);
    expect(res.body.command).toMatch(/--delete-config 'SCRAM-SHA-512'/);
    expect(await signsIn(user, second)).toBe(false);
    expect(await cliUsers(user)).not.toMatch(/SCRAM-SHA-512/);
  });

  test('the audit trail records each change, and neither password', async () => {
    const trail = readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8');
    const mine = trail
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { action: string; resource?: string })
      .filter((e) => e.resource === `user ${user}`);
    expect(mine.map((e) => e.action)).toEqual(expect.arrayContaining(['createScramUser', 'changeScramPassword', 'deleteScramUser']));
    expect(trail).not.toContain(first);
    expect(trail).not.toContain(second);
  });
});

describe('client quotas', () => {
  const user = uniqueName('quota-user');
  const client = uniqueName('quota-client');

  test('set two quotas on a user: kafka-configs agrees; removing one leaves the other', async () => {
    const set = await api.put(`${C}/quotas`, { entity: { user }, set: { producer_byte_rate: 1048576, consumer_byte_rate: 2097152 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ before: {}, after: { producer_byte_rate: 1048576, consumer_byte_rate: 2097152 } });
    expect(set.body.command).toBe(
      `kafka-configs --bootstrap-server ${secureKafka.bootstrap.split(',')[0]} --alter --add-config producer_byte_rate=1048576,consumer_byte_rate=2097152 --entity-type users --entity-name ${user}`,
    );
    const cli = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user]);
    expect(cli).toMatch(/consumer_byte_rate=2097152\.0/);
    expect(cli).toMatch(/producer_byte_rate=1048576\.0/);

    const removed = await api.put(`${C}/quotas`, { entity: { user }, remove: ['producer_byte_rate'] });
    expect(removed.body).toMatchObject({ before: { producer_byte_rate: 1048576, consumer_byte_rate: 2097152 }, after: { consumer_byte_rate: 2097152 } });
    const cli2 = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user]);
    expect(cli2).not.toMatch(/producer_byte_rate/);
    expect(cli2).toMatch(/consumer_byte_rate=2097152\.0/);
  });

  test('user + client id pairs, client-id defaults and IPs, each listed as the CLI lists them', async () => {
    expect((await api.put(`${C}/quotas`, { entity: { user, clientId: client }, set: { request_percentage: 50 } })).status).toBe(200);
    expect((await api.put(`${C}/quotas`, { entity: { clientId: null }, set: { producer_byte_rate: 10485760 } })).status).toBe(200);
    expect((await api.put(`${C}/quotas`, { entity: { ip: '10.9.8.7' }, set: { connection_creation_rate: 25 } })).status).toBe(200);

    const pair = await secureKafka.toolOk('kafka-configs', [
      '--describe',
      '--entity-type',
      'users',
      '--entity-name',
      user,
      '--entity-type',
      'clients',
      '--entity-name',
      client,
    ]);
    expect(pair).toMatch(/request_percentage=50\.0/);
    const defaults = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'clients', '--entity-default']);
    expect(defaults).toMatch(/producer_byte_rate=1\.048576E7/);
    const ip = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'ips', '--entity-name', '10.9.8.7']);
    expect(ip).toMatch(/connection_creation_rate=25\.0/);

    const all = await api.get(`${C}/quotas`);
    expect(all.status).toBe(200);
    expect(all.body.entries).toEqual(
      expect.arrayContaining([
        { entity: { user, clientId: client }, values: { request_percentage: 50 } },
        { entity: { clientId: null }, values: { producer_byte_rate: 10485760 } },
        { entity: { ip: '10.9.8.7' }, values: { connection_creation_rate: 25 } },
      ]),
    );
    const ips = await api.get(`${C}/quotas?entityType=ip`);
    expect(ips.body.entries.every((e: { entity: object }) => 'ip' in e.entity)).toBe(true);
    // Clean up the defaults: they apply to every client of the cluster.
    expect((await api.put(`${C}/quotas`, { entity: { clientId: null }, remove: ['producer_byte_rate'] })).body.after).toEqual({});
  });

  test('a quota change is undone from the audit trail: the previous values come back, keys it added go; refused once changed again', async () => {
    const who = uniqueName('quota-undo');
    await api.put(`${C}/quotas`, { entity: { user: who }, set: { producer_byte_rate: 1000 } });
    const changed = await api.put(`${C}/quotas`, { entity: { user: who }, set: { producer_byte_rate: 2000, consumer_byte_rate: 3000 } });
    expect(changed.body).toMatchObject({ before: { producer_byte_rate: 1000 }, after: { producer_byte_rate: 2000, consumer_byte_rate: 3000 } });
    const entries = (await api.get('/api/audit?action=alterQuota&limit=50')).body.entries as {
      id: string;
      after?: Record<string, number>;
      undo: { possible: boolean; plan: { kind: string; cli: string[] } | null };
    }[];
    const entry = entries.find((e) => e.after?.consumer_byte_rate === 3000 && e.undo.plan?.cli[0].includes(who))!;
    expect(entry.undo.plan?.cli).toEqual([
      `kafka-configs --bootstrap-server ${secureKafka.bootstrap} --alter --add-config producer_byte_rate=1000 --delete-config consumer_byte_rate --entity-type users --entity-name ${who}`,
    ]);
    // Changed again since: refused, nothing written.
    await api.put(`${C}/quotas`, { entity: { user: who }, set: { consumer_byte_rate: 4000 } });
    const refused = await api.post(`/api/audit/${entry.id}/undo`, { confirm: entry.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/changed again since \(consumer_byte_rate is 4000, not 3000\)/);
    await api.put(`${C}/quotas`, { entity: { user: who }, set: { consumer_byte_rate: 3000 } });
    expect((await api.post(`/api/audit/${entry.id}/undo`, { confirm: entry.id })).status).toBe(200);
    const cli = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', who]);
    expect(cli).toMatch(/producer_byte_rate=1000\.0/);
    expect(cli).not.toMatch(/consumer_byte_rate/);
  });

  test('keys that do not apply to the entity, and empty changes, are refused with the reason', async () => {
    const wrong = await api.put(`${C}/quotas`, { entity: { ip: '10.9.8.7' }, set: { producer_byte_rate: 1 } });
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toMatch(/connection_creation_rate/);
    expect((await api.put(`${C}/quotas`, { entity: { user }, set: {} })).status).toBe(422);
    expect((await api.put(`${C}/quotas`, { entity: { user, ip: '1.2.3.4' }, set: { producer_byte_rate: 1 } })).status).toBe(422);
    expect((await api.as('operator').put(`${C}/quotas`, { entity: { user }, set: { producer_byte_rate: 1 } })).status).toBe(403);
  });
});
