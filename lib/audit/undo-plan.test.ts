import { describe, expect, test } from 'vitest';
import { configChangedSince, offsetsChangedSince, planUndo } from './undo-plan';
import type { AuditEntry, UndoPlan } from '@/lib/schemas/audit';

const bs = 'k1:9092,k2:9092';
const base = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  time: '2025-03-01T10:00:00.000Z',
  actor: { user: 'operator', via: 'local', roles: ['operator@*'] },
  action: 'setTopicConfig',
  cluster: 'local',
  result: { status: 200, ok: true },
  ...over,
});
const topicSet = (before: unknown, after: unknown = { config: 'retention.ms', value: '1000', isOverride: true, sensitive: false }) =>
  base({ params: { cluster: 'local', topic: 'orders', name: 'retention.ms', body: { value: '1000' } }, before, after, resource: 'topic orders' });

type ConfigPlan = Extract<UndoPlan, { kind: 'config' }>;
type OffsetsPlan = Extract<UndoPlan, { kind: 'offsets' }>;

describe('planUndo: config changes', () => {
  test('an override that existed is set back to its value', () => {
    const r = planUndo(topicSet({ config: 'retention.ms', value: '604800000', isOverride: true, sensitive: false }), bs);
    expect(r).toMatchObject({
      possible: true,
      plan: { kind: 'config', op: 'set', value: '604800000', resourceType: 'topic', resourceName: 'orders', config: 'retention.ms' },
    });
    const plan = (r as { plan: ConfigPlan }).plan;
    expect(plan.cli).toEqual([
      'kafka-configs.sh --bootstrap-server k1:9092,k2:9092 --entity-type topics --entity-name orders --alter --add-config retention.ms=604800000',
    ]);
    expect(plan.expected).toEqual({ value: '1000', isOverride: true, sensitive: false });
  });

  test('no override before: the undo removes the override', () => {
    const r = planUndo(topicSet({ config: 'retention.ms', value: '604800000', isOverride: false, sensitive: false }), bs);
    expect(r).toMatchObject({ possible: true, plan: { op: 'delete', value: null } });
    expect((r as { plan: ConfigPlan }).plan.cli[0]).toMatch(/--alter --delete-config retention\.ms$/);
  });

  test('reverting an override (deleteTopicConfig) is undone by setting the old value again', () => {
    const e = base({
      action: 'deleteTopicConfig',
      params: { cluster: 'local', topic: 'orders', name: 'cleanup.policy' },
      before: { config: 'cleanup.policy', value: 'compact,delete', isOverride: true, sensitive: false },
      after: { config: 'cleanup.policy', value: 'delete', isOverride: false, sensitive: false },
    });
    const r = planUndo(e, bs);
    expect(r).toMatchObject({ possible: true, plan: { op: 'set', value: 'compact,delete' } });
    expect((r as { plan: ConfigPlan }).plan.cli[0]).toContain("--add-config 'cleanup.policy=[compact,delete]'");
  });

  test('broker configs use the broker id', () => {
    const e = base({
      action: 'setBrokerConfig',
      params: { cluster: 'local', broker: '2', name: 'log.cleaner.threads' },
      before: { config: 'log.cleaner.threads', value: '1', isOverride: false, sensitive: false },
      after: { config: 'log.cleaner.threads', value: '2', isOverride: true, sensitive: false },
    });
    const r = planUndo(e, bs);
    expect(r).toMatchObject({ possible: true, plan: { resourceType: 'broker', resourceName: '2', op: 'delete' } });
    expect((r as { plan: ConfigPlan }).plan.cli[0]).toContain('--entity-type brokers --entity-name 2 --alter --delete-config log.cleaner.threads');
  });

  test.each([
    [
      'a sensitive previous override',
      topicSet({ config: 'retention.ms', value: null, isOverride: true, sensitive: true }),
      /sensitive value before this change/,
    ],
    ['a validate-only call', { ...topicSet({ config: 'retention.ms', value: '1', isOverride: false, sensitive: false }), after: undefined }, /check only/],
    ['no before-state', topicSet(undefined), /does not hold/],
    [
      'a failed change',
      { ...topicSet({ config: 'retention.ms', value: '1', isOverride: false }), result: { status: 422, ok: false } },
      /failed \(status 422\)/,
    ],
    ['an undo', { ...topicSet({ config: 'retention.ms', value: '1', isOverride: false }), undoOf: 'e0' }, /itself an undo/],
    ['another action', base({ action: 'createTopic' }), /createTopic cannot be undone/],
    ['a denied attempt', base({ action: 'login', result: { status: 401, ok: false } }), /login cannot be undone/],
  ])('refuses %s', (_what, e, reason) => {
    const r = planUndo(e as AuditEntry, bs);
    expect(r.possible).toBe(false);
    expect((r as { reason: string }).reason).toMatch(reason);
  });
});

describe('planUndo: offset resets', () => {
  const reset = base({
    action: 'executeResetOffsets',
    params: { cluster: 'local', group: 'billing', body: { offsets: [] } },
    before: [
      { topic: 'orders', partition: 0, offset: '10' },
      { topic: 'orders', partition: 1, offset: '10' },
      { topic: 'orders', partition: 2, offset: '7' },
      { topic: 'refunds', partition: 0, offset: null },
    ],
    after: [
      { topic: 'orders', partition: 0, offset: '0' },
      { topic: 'orders', partition: 1, offset: '0' },
      { topic: 'orders', partition: 2, offset: '0' },
      { topic: 'refunds', partition: 0, offset: '0' },
    ],
  });

  test('commits the previous offsets again; a partition with none loses its offset', () => {
    const r = planUndo(reset, bs);
    expect(r.possible).toBe(true);
    const plan = (r as { plan: OffsetsPlan }).plan;
    expect(plan.writes).toEqual(reset.before);
    expect(plan.cli).toEqual([
      'kafka-consumer-groups.sh --bootstrap-server k1:9092,k2:9092 --group billing --reset-offsets --topic orders:0,1 --to-offset 10 --execute',
      'kafka-consumer-groups.sh --bootstrap-server k1:9092,k2:9092 --group billing --reset-offsets --topic orders:2 --to-offset 7 --execute',
      'kafka-consumer-groups.sh --bootstrap-server k1:9092,k2:9092 --group billing --delete-offsets --topic refunds:0',
    ]);
    expect(plan.summary).toContain('orders-0 → 10');
    expect(plan.summary).toContain('refunds-0 → no offset');
  });

  test("a share group's start offsets: set again with AlterShareGroupOffsets, a topic without state before cleared whole", () => {
    const r = planUndo({ ...reset, action: 'executeShareResetOffsets' }, bs);
    expect(r.possible).toBe(true);
    const plan = (r as { plan: OffsetsPlan }).plan;
    expect(plan.share).toBe(true);
    expect(plan.writes).toEqual(reset.before);
    expect(plan.summary).toMatch(/^Set share group billing's previous start offsets again/);
    expect(plan.cli).toEqual([
      '# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group billing setting the start offset of orders:0 to 10',
      '# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group billing setting the start offset of orders:1 to 10',
      '# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group billing setting the start offset of orders:2 to 7',
      'kafka-share-groups --bootstrap-server k1:9092,k2:9092 --group billing --delete-offsets --topic refunds',
    ]);
    const deleted = planUndo({ ...reset, action: 'deleteShareTopicOffsets' }, bs);
    expect((deleted as { plan: OffsetsPlan }).plan.share).toBe(true);
  });

  test('refuses when the entry holds no offsets', () => {
    expect(planUndo({ ...reset, before: 'x' }, bs).possible).toBe(false);
    expect(planUndo({ ...reset, before: [] }, bs).possible).toBe(false);
  });

  test('offsetsChangedSince names the partitions that moved', () => {
    const plan = (planUndo(reset, bs) as { plan: OffsetsPlan }).plan;
    const same = new Map([
      ['orders:0', '0'],
      ['orders:1', '0'],
      ['orders:2', '0'],
      ['refunds:0', '0'],
    ] as [string, string | null][]);
    expect(offsetsChangedSince(plan, same)).toBeNull();
    const moved = new Map(same).set('orders:1', '42');
    expect(offsetsChangedSince(plan, moved)).toMatch(/orders-1 is at 42, not 0/);
    const gone = new Map(same);
    gone.delete('refunds:0');
    expect(offsetsChangedSince(plan, gone)).toMatch(/refunds-0 is at no offset, not 0/);
  });
});

describe('configChangedSince', () => {
  const plan = (planUndo(topicSet({ config: 'retention.ms', value: '5', isOverride: true, sensitive: false }), bs) as { plan: ConfigPlan }).plan;

  test('null when Kafka shows what the change left', () => {
    expect(configChangedSince(plan, { value: '1000', isOverride: true, sensitive: false })).toBeNull();
  });

  test('says what it is now when it changed again', () => {
    expect(configChangedSince(plan, { value: '2000', isOverride: true, sensitive: false })).toMatch(
      /is now overridden with "2000", not overridden with "1000"/,
    );
    expect(configChangedSince(plan, { value: '604800000', isOverride: false, sensitive: false })).toMatch(/is now not overridden/);
    expect(configChangedSince(plan, null)).toMatch(/is now not overridden/);
  });

  test('a sensitive value cannot be compared: only whether it is overridden', () => {
    const sensitive = { ...plan, expected: { value: null, isOverride: true, sensitive: true } };
    expect(configChangedSince(sensitive, { value: null, isOverride: true, sensitive: true })).toBeNull();
    expect(configChangedSince(sensitive, { value: null, isOverride: false, sensitive: true })).not.toBeNull();
  });
});

describe('planUndo: compatibility changes', () => {
  const registry = { url: 'https://sr.example/', auth: 'basic' as const, username: 'console' };
  test("a subject's level is set back, or removed when the subject had none; the curl call carries no password", () => {
    const set = planUndo(
      base({ action: 'setSubjectCompatibility', params: { cluster: 'local', subject: 'orders-value' }, before: 'BACKWARD', after: 'NONE' }),
      bs,
      {},
      registry,
    );
    expect(set).toMatchObject({ possible: true, plan: { kind: 'compatibility', subject: 'orders-value', op: 'set', level: 'BACKWARD', expected: 'NONE' } });
    const cli = set.possible ? set.plan.cli[0] : '';
    expect(cli).toContain('-X PUT -u \'console:\'"$SCHEMA_REGISTRY_PASSWORD"');
    expect(cli).toContain('"compatibility":"BACKWARD"');
    expect(cli).toContain("'https://sr.example/config/orders-value'");
    const removed = planUndo(base({ action: 'setSubjectCompatibility', params: { subject: 'orders-value' }, before: null, after: 'FULL' }), bs, {}, registry);
    expect(removed).toMatchObject({ possible: true, plan: { op: 'delete', level: null } });
    expect(removed.possible && removed.plan.cli[0]).toContain('-X DELETE');
  });
  test('the global level; nothing to undo when it did not change', () => {
    expect(planUndo(base({ action: 'setGlobalCompatibility', before: 'FULL', after: 'NONE' }), bs)).toMatchObject({
      possible: true,
      plan: { subject: null, op: 'set', level: 'FULL' },
    });
    expect(planUndo(base({ action: 'setGlobalCompatibility', before: 'NONE', after: 'NONE' }), bs).possible).toBe(false);
    expect(planUndo(base({ action: 'setGlobalCompatibility', before: 'bogus', after: 'NONE' }), bs).possible).toBe(false);
  });
});
