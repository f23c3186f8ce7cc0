/**
 * The console against a secured cluster (SASL_SSL with SCRAM-SHA-512, mutual TLS,
 * StandardAuthorizer), configured the way a user writes it: caFile, passwordFile,
 * certFile/keyFile. The main paths work over both listeners and agree with Kafka's own
 * CLI run as the same cluster's admin; each way of getting the connection wrong gets its
 * own message; a principal the authorizer refuses sees the refusal, not an error page.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, callRoute } from '../support/api';
import { uniqueName } from '../support/kafka';
import { secureKafka } from '../support/secure-kafka';
import { sseEvents } from '../support/sse';
import { waitFor } from '../support/wait';
import { disconnectAll } from '@/lib/kafka/registry';

afterAll(async () => {
  await disconnectAll();
});

describe('connecting to a secured cluster, and saying why not', () => {
  const cases = [
    { id: 'secure-badpass', problem: 'sasl_authentication', says: [/SASL authentication failed/, /user "console" with SCRAM-SHA-512/, /password/] },
    { id: 'secure-untrusted', problem: 'tls_untrusted', says: [/not signed by a CA the console trusts/, /untrusted-ca\.pem/, /ssl\.caFile/] },
    { id: 'secure-wrongname', problem: 'tls_hostname', says: [/not valid for "127\.0\.0\.1"/, /subject alternative names/] },
    { id: 'secure-nocert', problem: 'tls_client_certificate', says: [/requires a client certificate/, /ssl\.certFile and ssl\.keyFile/] },
  ];
  for (const c of cases) {
    test(`${c.id}: ${c.problem}, on the overview and on every other route`, async () => {
      for (const url of [`/api/clusters/${c.id}/overview`, `/api/clusters/${c.id}/topics`, `/api/clusters/${c.id}/groups`]) {
        const res = await api.get(url);
        expect(res.status, url).toBe(503);
        expect(res.body.error.details?.problem, url).toBe(c.problem);
        for (const re of c.says) expect(res.body.error.message, url).toMatch(re);
        expect(res.body.error.message).not.toMatch(/KafkaJS|ERR_|errno|at .*\.js/);
      }
    });
  }

  test('the messages are distinct', async () => {
    const messages = await Promise.all(cases.map(async (c) => (await api.get(`/api/clusters/${c.id}/overview`)).body.error.message as string));
    expect(new Set(messages).size).toBe(cases.length);
  });

  test('a principal that may not DESCRIBE the cluster: the overview renders and says so, naming the grant', async () => {
    const res = await api.get('/api/clusters/secure-nobody/overview');
    expect(res.status).toBe(200);
    expect(res.body.brokers).toHaveLength(1);
    expect(res.body.access.principal).toBe('User:nobody');
    expect(res.body.access.clusterOperations).toEqual([]);
    expect(res.body.access.warnings.join(' ')).toMatch(/User:nobody lacks DESCRIBE on the cluster/);
    expect(res.body.access.warnings.join(' ')).toMatch(/kafka-acls .*--add --allow-principal User:nobody --operation Describe --cluster/);
    // The broker agrees: the same principal's own CLI is refused a cluster-level describe.
    const cli = await secureKafka.tool('kafka-acls', ['--list'], 'nobody');
    expect(`${cli.stdout}${cli.stderr}`).toMatch(/ClusterAuthorizationException|not authorized/i);
    // The console's own principal (a super user) may.
    const ok = await api.get('/api/clusters/secure/overview');
    expect(ok.body.access.warnings).toEqual([]);
    expect(ok.body.access.clusterOperations).toEqual(expect.arrayContaining(['Describe', 'Alter', 'DescribeConfigs']));
  });
});

describe('a principal that may read topics but not groups', () => {
  const topic = uniqueName('limited-topic');
  const group = uniqueName('limited-group');

  beforeAll(async () => {
    await secureKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1']);
    await secureKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
  });

  test('topics are listed as its own CLI lists them; the group is refused in place with the reason', async () => {
    const topics = await api.get(`/api/clusters/secure-limited/topics?search=${topic}`);
    expect(topics.status).toBe(200);
    expect(topics.body.topics.map((t: { name: string }) => t.name)).toEqual([topic]);
    const cli = await secureKafka.toolOk('kafka-topics', ['--list'], 'limited');
    expect(cli.split('\n')).toContain(topic);
    const detail = await api.get(`/api/clusters/secure-limited/topics/${topic}`);
    expect(detail.status).toBe(200);
    expect(detail.body.partitions).toHaveLength(2);

    const g = await api.get(`/api/clusters/secure-limited/groups/${group}`);
    expect(g.status).toBe(403);
    expect(g.body.error.details.kafkaError).toBe('GROUP_AUTHORIZATION_FAILED');
    expect(g.body.error.message).toContain(group);
    const cliGroup = await secureKafka.tool('kafka-consumer-groups', ['--describe', '--group', group], 'limited');
    expect(`${cliGroup.stdout}${cliGroup.stderr}`).toMatch(/GroupAuthorizationException|not authorized/i);
    // Listing groups shows what Kafka lets it see (none), as its own CLI does.
    const list = await api.get(`/api/clusters/secure-limited/groups?search=${group}`);
    expect(list.status).toBe(200);
    expect(list.body.groups).toEqual([]);
    expect((await secureKafka.toolOk('kafka-consumer-groups', ['--list'], 'limited')).split('\n')).not.toContain(group);
    // The same group through the console's super-user principal.
    expect((await api.get(`/api/clusters/secure/groups/${group}`)).status).toBe(200);
  });
});

for (const cluster of ['secure', 'secure-mtls']) {
  describe(`the main paths over ${cluster === 'secure' ? 'SASL_SSL + SCRAM' : 'mutual TLS'}`, () => {
    const topic = uniqueName(`${cluster}-paths`);
    const group = uniqueName(`${cluster}-grp`);

    test('create a topic and set a config: the CLI sees both', async () => {
      const created = await api.post(`/api/clusters/${cluster}/topics`, { name: topic, partitions: 3, replicationFactor: 1 });
      expect(created.status).toBe(201);
      const set = await api.put(`/api/clusters/${cluster}/topics/${topic}/configs/retention.ms`, { value: '3600000' });
      expect(set.status).toBe(200);
      const describe = await secureKafka.toolOk('kafka-topics', ['--describe', '--topic', topic]);
      expect(describe).toMatch(/PartitionCount: 3/);
      const configs = await secureKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'topics', '--entity-name', topic]);
      expect(configs).toMatch(/retention\.ms=3600000/);
      const mine = await api.get(`/api/clusters/${cluster}/topics/${topic}/configs`);
      expect(mine.body.configs.find((c: { name: string }) => c.name === 'retention.ms')?.value).toBe('3600000');
    });

    test('produce through the console, read with the CLI; produce with the CLI, browse and tail in the console', async () => {
      const sent = await api.post(`/api/clusters/${cluster}/topics/${topic}/messages`, { key: 'k1', value: 'from-console', partition: 0 });
      expect(sent.status).toBe(200);
      const consumed = await secureKafka.toolOk('kafka-console-consumer', [
        '--topic',
        topic,
        '--partition',
        '0',
        '--offset',
        'earliest',
        '--max-messages',
        '1',
        '--timeout-ms',
        '20000',
      ]);
      expect(consumed.trim()).toBe('from-console');

      const ac = new AbortController();
      // last=1: the tail first replays the console's record, so it is surely running before the CLI produces.
      const tail = await callRoute('GET', `/api/clusters/${cluster}/topics/${topic}/messages/tail?last=1`, undefined, ac.signal);
      expect(tail.status).toBe(200);
      const tailed: string[] = [];
      for await (const e of sseEvents(tail.body as ReadableStream<Uint8Array>)) {
        if (e.event !== 'message') continue;
        tailed.push((e.data as { value: { data: string } }).value.data);
        if (tailed.length === 1) await secureKafka.toolOk('kafka-console-producer', ['--topic', topic], 'admin', 'from-cli\n');
        else break;
      }
      ac.abort();
      expect(tailed).toEqual(['from-console', 'from-cli']);

      const page = await api.get(`/api/clusters/${cluster}/topics/${topic}/messages?from=oldest&limit=10`);
      expect(page.status).toBe(200);
      expect(page.body.records.map((r: { value: { data: string } }) => r.value.data).sort()).toEqual(['from-cli', 'from-console']);
    });

    test('a group: its lag equals kafka-consumer-groups --describe', async () => {
      await secureKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', `${topic}:0`, '--reset-offsets', '--to-earliest', '--execute']);
      const res = await waitFor(
        () => api.get(`/api/clusters/${cluster}/groups/${group}`),
        (r) => r.status === 200,
      );
      expect(res.status).toBe(200);
      const p0 = res.body.partitions.find((p: { partition: number }) => p.partition === 0);
      const cli = await secureKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
      const row = cli
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .find((f) => f[0] === group && f[1] === topic && f[2] === '0');
      expect(row).toBeDefined();
      expect({ committed: p0.committed, lag: String(p0.lag) }).toEqual({ committed: row?.[3], lag: row?.[5] });
      const overview = await api.get(`/api/clusters/${cluster}/overview`);
      expect(overview.status).toBe(200);
      expect(overview.body.access.principal).toBe(cluster === 'secure' ? 'User:console' : 'the principal of certificate CN=console-mtls');
    });
  });
}
