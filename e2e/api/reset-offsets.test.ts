import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { waitFor } from '../support/wait';
import { testKafka, uniqueName } from '../support/kafka';
import { clients, disconnectAll } from '@/lib/kafka/registry';
import type { ResetPreview } from '@/lib/types';

/** Committed offsets per "topic:partition" as `kafka-consumer-groups --describe` prints them. */
async function cliCommitted(group: string): Promise<Record<string, string>> {
  const out = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
  const rows: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === group && f.length >= 6) rows[`${f[1]}:${f[2]}`] = f[3];
  }
  return rows;
}

const sameOffsets = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The CLI's view once it shows `expected` (or the last one after 15 s): the group coordinator
 * answers OffsetFetch from its last committed state, which on a loaded machine can trail the
 * OffsetCommit it has just acknowledged by a moment.
 */
function cliCommittedAs(group: string, expected: Record<string, string>): Promise<Record<string, string>> {
  return waitFor(
    () => cliCommitted(group),
    (now) => sameOffsets(now, expected),
    15_000,
    200,
  );
}

/** NEW-OFFSET per "topic:partition" from the CLI's own --dry-run of the same reset. */
async function cliDryRun(cli: string): Promise<Record<string, string>> {
  const args = cli.split(' ').slice(1);
  const i = args.indexOf('--bootstrap-server');
  args.splice(i, 2);
  args[args.indexOf('--execute')] = '--dry-run';
  const out = await testKafka.toolOk('kafka-consumer-groups', args);
  const group = args[args.indexOf('--group') + 1];
  // GROUP TOPIC PARTITION NEW-OFFSET rows; 3.7–3.9 print them without line breaks between them
  // (fixed in 4.0), so read the table as one run of fields, four at a time.
  const fields = out.trim().split(/\s+/);
  const rows: Record<string, string> = {};
  for (let i = fields.indexOf('NEW-OFFSET') + 1; i > 0 && i + 3 < fields.length + 1; i += 4) {
    if (fields[i] === group) rows[`${fields[i + 1]}:${fields[i + 2]}`] = fields[i + 3];
  }
  return rows;
}

const topic = uniqueName('reset');
const other = uniqueName('reset-other');
const group = uniqueName('grp-reset');
/** Records per partition of `topic`; record i of every partition has timestamp base + i s. */
const counts = [20, 25, 30];
const base = Date.now() - 3_600_000;
let baseline: Record<string, string>;

beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '2']);
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', other, '--partitions', '1', '--replication-factor', '1']);
  const producer = await (await clients('local')).producer();
  await producer.send({
    topic,
    messages: counts.flatMap((n, partition) => Array.from({ length: n }, (_, i) => ({ partition, value: `r${i}`, timestamp: String(base + i * 1000) }))),
  });
  await producer.send({ topic: other, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `o${i}` })) });
  await testKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', topic, '--reset-offsets', '--to-offset', '10', '--execute']);
  await testKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', other, '--reset-offsets', '--to-offset', '4', '--execute']);
  baseline = await cliCommitted(group);
});

afterAll(async () => {
  await testKafka.tool('kafka-topics', ['--delete', '--topic', topic]);
  await testKafka.tool('kafka-topics', ['--delete', '--topic', other]);
  await disconnectAll();
});

const k = (p: number) => `${topic}:${p}`;
const preview = (body: unknown, g = group) => api.post<ResetPreview>(`/api/clusters/local/groups/${g}/reset-offsets/preview`, body);
const execute = (offsets: { topic: string; partition: number; offset: string | number | null }[], g = group) =>
  api.post<{ committed: { topic: string; partition: number; offset: string | null }[] }>(`/api/clusters/local/groups/${g}/reset-offsets`, { offsets });

type Strategy = Record<string, unknown> & { type: string };
const cases: { name: string; strategy: Strategy; expected: number[] }[] = [
  { name: 'earliest', strategy: { type: 'earliest' }, expected: [0, 0, 0] },
  { name: 'latest', strategy: { type: 'latest' }, expected: counts },
  { name: 'offset', strategy: { type: 'offset', offset: 17 }, expected: [17, 17, 17] },
  { name: 'timestamp', strategy: { type: 'timestamp', timestamp: new Date(base + 5_500).toISOString() }, expected: [6, 6, 6] },
  { name: 'shift-by', strategy: { type: 'shift', by: -4 }, expected: [6, 6, 6] },
];

describe('POST /api/clusters/{cluster}/groups/{group}/reset-offsets (preview, execute, undo)', () => {
  for (const c of cases) {
    test(`${c.name} on one partition: only that partition moves; undo restores it`, async () => {
      const p = await preview({ scope: { type: 'partitions', topic, partitions: [1] }, strategy: c.strategy });
      expect(p.status).toBe(200);
      expect(p.body.partitions).toHaveLength(1);
      const row = p.body.partitions[0];
      expect(row).toMatchObject({
        topic,
        partition: 1,
        current: '10',
        newOffset: String(c.expected[1]),
        logEnd: String(counts[1]),
        lagAfter: counts[1] - c.expected[1],
      });
      expect(p.body.cli).toContain(`--topic ${topic}:1`);

      const ex = await execute(p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset })));
      expect(ex.status).toBe(200);
      expect(ex.body.committed).toEqual([{ topic, partition: 1, offset: row.newOffset }]);
      const after = await cliCommittedAs(group, { ...baseline, [k(1)]: row.newOffset });
      expect(after).toEqual({ ...baseline, [k(1)]: row.newOffset });

      const undo = await execute(p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.current })));
      expect(undo.status).toBe(200);
      expect(undo.body.committed).toEqual([{ topic, partition: 1, offset: '10' }]);
    });

    test(`${c.name} on a whole topic: the CLI's dry run agrees, describe shows the previewed offsets, the other topic is untouched`, async () => {
      const p = await preview({ scope: { type: 'topic', topic }, strategy: c.strategy });
      expect(p.status).toBe(200);
      expect(p.body.partitions.map((r) => r.newOffset)).toEqual(c.expected.map(String));
      const previewed = Object.fromEntries(p.body.partitions.map((r) => [k(r.partition), r.newOffset]));
      expect(await cliDryRun(p.body.cli)).toEqual(previewed);

      const ex = await execute(p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset })));
      expect(ex.status).toBe(200);
      expect(await cliCommittedAs(group, { ...baseline, ...previewed })).toEqual({ ...baseline, ...previewed });

      const undo = await execute(p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.current })));
      expect(undo.status).toBe(200);
      expect(await cliCommittedAs(group, baseline)).toEqual(baseline);
    });
  }

  test('whole-group scope covers every committed topic', async () => {
    const p = await preview({ scope: { type: 'group' }, strategy: { type: 'earliest' } });
    expect(p.status).toBe(200);
    expect(p.body.partitions.map((r) => `${r.topic}:${r.partition}`).sort()).toEqual(Object.keys(baseline).sort());
    expect(p.body.cli).toContain('--all-topics');
    expect(await cliDryRun(p.body.cli)).toEqual(Object.fromEntries(p.body.partitions.map((r) => [`${r.topic}:${r.partition}`, r.newOffset])));
  });

  test('a time before 1970 resets to the first record, not a 503 (negative timestamps are Kafka codes)', async () => {
    const p = await preview({ scope: { type: 'topic', topic }, strategy: { type: 'timestamp', timestamp: '0148-04-07T01:48:59.054Z' } });
    expect(p.status).toBe(200);
    expect(p.body.partitions.map((r) => r.newOffset)).toEqual(['0', '0', '0']);
  });

  test('out-of-range offsets and shifts are clamped to the partition range, and the clamp is reported', async () => {
    const high = await preview({ scope: { type: 'topic', topic }, strategy: { type: 'offset', offset: 1000 } });
    expect(high.status).toBe(200);
    expect(high.body.partitions.map((r) => [r.newOffset, r.requested, r.clamped])).toEqual(counts.map((n) => [String(n), '1000', 'logEnd']));
    const low = await preview({ scope: { type: 'partitions', topic, partitions: [0] }, strategy: { type: 'shift', by: -100 } });
    expect(low.body.partitions[0]).toMatchObject({ newOffset: '0', requested: '-90', clamped: 'logStart' });
    // The CLI clamps the same way.
    expect(await cliDryRun(high.body.cli)).toEqual(Object.fromEntries(counts.map((n, i) => [k(i), String(n)])));
  });

  test('undo to "nothing committed" removes the offset again', async () => {
    const g = uniqueName('grp-fresh');
    await testKafka.toolOk('kafka-consumer-groups', ['--group', g, '--topic', `${other}:0`, '--reset-offsets', '--to-offset', '2', '--execute']);
    const p = await preview({ scope: { type: 'topic', topic }, strategy: { type: 'latest' } }, g);
    expect(p.body.partitions.every((r) => r.current === null)).toBe(true);
    expect(
      (
        await execute(
          p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset })),
          g,
        )
      ).status,
    ).toBe(200);
    expect(Object.keys(await cliCommitted(g)).length).toBe(4);
    const undo = await execute(
      p.body.partitions.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.current })),
      g,
    );
    expect(undo.status).toBe(200);
    expect(undo.body.committed.every((r) => r.offset === null)).toBe(true);
    expect(await cliCommitted(g)).toEqual({ [`${other}:0`]: '2' });
  });
});

describe('bad input: a clear 4xx and nothing changed', () => {
  const unknownGroup = uniqueName('no-group');
  const table: { name: string; run: () => Promise<{ status: number; body: unknown }>; status: number; code: string; message: RegExp; field?: string }[] = [
    {
      name: 'unknown group',
      run: () => preview({ scope: { type: 'group' }, strategy: { type: 'earliest' } }, unknownGroup),
      status: 404,
      code: 'not_found',
      message: /Consumer group .* does not exist/,
    },
    {
      name: 'unknown group on execute',
      run: () => execute([{ topic, partition: 0, offset: 1 }], unknownGroup),
      status: 404,
      code: 'not_found',
      message: /does not exist/,
    },
    {
      name: 'unknown topic',
      run: () => preview({ scope: { type: 'topic', topic: 'no-such-topic-x' }, strategy: { type: 'earliest' } }),
      status: 404,
      code: 'not_found',
      message: /Topic no-such-topic-x does not exist/,
    },
    {
      name: 'unknown partition',
      run: () => preview({ scope: { type: 'partitions', topic, partitions: [0, 7] }, strategy: { type: 'earliest' } }),
      status: 404,
      code: 'not_found',
      message: /has no partition 7/,
      field: 'scope.partitions',
    },
    {
      name: 'unknown partition on execute',
      run: () => execute([{ topic, partition: 9, offset: 0 }]),
      status: 404,
      code: 'not_found',
      message: /has no partition 9/,
    },
    {
      name: 'offset out of range on execute (refused; the preview clamps)',
      run: () => execute([{ topic, partition: 0, offset: 999 }]),
      status: 422,
      code: 'unprocessable',
      message: /outside .* range 0-20/,
      field: 'offsets.0.offset',
    },
    {
      name: 'negative offset',
      run: () => preview({ scope: { type: 'topic', topic }, strategy: { type: 'offset', offset: -1 } }),
      status: 422,
      code: 'unprocessable',
      message: /cannot be negative/,
      field: 'strategy.offset',
    },
    {
      name: 'malformed timestamp',
      run: () => preview({ scope: { type: 'topic', topic }, strategy: { type: 'timestamp', timestamp: 'yesterday at noon' } }),
      status: 422,
      code: 'unprocessable',
      message: /date and time/,
      field: 'strategy.timestamp',
    },
    {
      name: 'shift without a number',
      run: () => preview({ scope: { type: 'topic', topic }, strategy: { type: 'shift' } }),
      status: 422,
      code: 'unprocessable',
      message: /how many records/,
      field: 'strategy.by',
    },
    {
      name: 'shift by text',
      run: () => preview({ scope: { type: 'topic', topic }, strategy: { type: 'shift', by: 'ten' } }),
      status: 422,
      code: 'unprocessable',
      message: /how many records/,
      field: 'strategy.by',
    },
    {
      name: 'unknown strategy',
      run: () => preview({ scope: { type: 'topic', topic }, strategy: { type: 'sideways' } }),
      status: 422,
      code: 'unprocessable',
      message: /strategy/,
    },
    { name: 'empty execute', run: () => execute([]), status: 422, code: 'unprocessable', message: /Nothing to write/ },
    {
      name: 'not JSON',
      run: () => api.post(`/api/clusters/local/groups/${group}/reset-offsets`, '{oops'),
      status: 400,
      code: 'bad_request',
      message: /not valid JSON/,
    },
  ];

  test.each(table)('$name', async ({ run, status, code, message, field }) => {
    const res = await run();
    expect(res.status).toBe(status);
    const err = (res.body as { error: { code: string; message: string; field?: string } }).error;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    if (field) expect(err.field).toBe(field);
    expect(JSON.stringify(res.body)).not.toMatch(/KafkaJS|at .*\.js:\d+/);
  });

  test('none of that changed an offset or created the unknown group', async () => {
    expect(await cliCommittedAs(group, baseline)).toEqual(baseline);
    const list = await testKafka.toolOk('kafka-consumer-groups', ['--list']);
    expect(list.split('\n')).not.toContain(unknownGroup);
  });
});
