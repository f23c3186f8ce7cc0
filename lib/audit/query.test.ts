import { describe, expect, test } from 'vitest';
import { matchesAudit, parseAuditEntry } from './query';
import type { AuditEntry } from '@/lib/schemas/audit';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '6c1f4a5e-0000-4000-8000-000000000001',
  time: '2025-03-01T10:00:00.000Z',
  actor: { user: 'operator', via: 'local', roles: ['operator@*'] },
  action: 'setTopicConfig',
  cluster: 'local',
  resource: 'topic Orders.EU',
  result: { status: 200, ok: true },
  ...over,
});

describe('matchesAudit', () => {
  test.each([
    [{}, true],
    [{ user: 'operator' }, true],
    [{ user: 'Operator' }, false],
    [{ action: 'setTopicConfig' }, true],
    [{ action: 'setTopic' }, false],
    [{ cluster: 'local' }, true],
    [{ cluster: 'other' }, false],
    [{ resource: 'orders.eu' }, true],
    [{ resource: 'payments' }, false],
    [{ result: 'ok' as const }, true],
    [{ result: 'failed' as const }, false],
    [{ since: '2025-03-01T10:00:00.000Z' }, true],
    [{ since: '2025-03-01T11:00:00+01:00' }, true],
    [{ since: '2025-03-01T10:00:00.001Z' }, false],
    [{ until: '2025-03-01T10:00:00.000Z' }, true],
    [{ until: '2025-03-01T09:59:59Z' }, false],
    [{ user: 'operator', cluster: 'other' }, false],
  ])('%j → %s', (q, expected) => {
    expect(matchesAudit(entry(), q)).toBe(expected);
  });

  test('failed matches refusals; an entry without a resource never matches a resource filter', () => {
    const denied = entry({ result: { status: 403, ok: false, error: 'no' }, resource: undefined });
    expect(matchesAudit(denied, { result: 'failed' })).toBe(true);
    expect(matchesAudit(denied, { resource: 'o' })).toBe(false);
  });
});

describe('parseAuditEntry', () => {
  test('reads an entry and refuses anything else', () => {
    expect(parseAuditEntry(JSON.stringify(entry()))?.id).toBe(entry().id);
    expect(parseAuditEntry('{"id":"x"')).toBeNull();
    expect(parseAuditEntry('"text"')).toBeNull();
    expect(parseAuditEntry(JSON.stringify({ ...entry(), result: undefined }))).toBeNull();
    expect(parseAuditEntry(JSON.stringify({ ...entry(), time: 5 }))).toBeNull();
  });
});
