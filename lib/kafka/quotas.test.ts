import { describe, expect, test } from 'vitest';
import { alterQuotaBody } from '@/lib/schemas/quotas';
import { quotaCommand } from '@/lib/quota-command';

describe('quotaCommand', () => {
  test('entity types, defaults, add and delete', () => {
    expect(quotaCommand('b:1', { user: 'alice', clientId: null }, { producer_byte_rate: 1024 }, ['request_percentage'])).toBe(
      'kafka-configs --bootstrap-server b:1 --alter --add-config producer_byte_rate=1024 --delete-config request_percentage --entity-type users --entity-name alice --entity-type clients --entity-default',
    );
    expect(quotaCommand('b:1', { ip: '10.0.0.1' }, { connection_creation_rate: 5 }, [])).toBe(
      'kafka-configs --bootstrap-server b:1 --alter --add-config connection_creation_rate=5 --entity-type ips --entity-name 10.0.0.1',
    );
  });
});

describe('alterQuotaBody', () => {
  const issues = (v: unknown) => alterQuotaBody.safeParse(v).error?.issues.map((i) => i.message) ?? [];
  test('keys must fit the entity; an IP stands alone; something must change; a key is set or removed, not both', () => {
    expect(issues({ entity: { ip: '10.0.0.1' }, set: { consumer_byte_rate: 1 } })).toEqual([
      expect.stringMatching(/does not apply to IPs: use connection_creation_rate/),
    ]);
    expect(issues({ entity: { user: 'a' }, set: { connection_creation_rate: 1 } })).toEqual([expect.stringMatching(/does not apply to users and client ids/)]);
    expect(issues({ entity: { user: 'a', ip: '10.0.0.1' }, set: { connection_creation_rate: 1 } })).toContain(
      'An IP quota stands alone (no user or client id)',
    );
    expect(issues({ entity: { user: 'a' } })).toEqual(['Set or remove at least one quota']);
    expect(issues({ entity: { user: 'a' }, set: { producer_byte_rate: 1 }, remove: ['producer_byte_rate'] })).toEqual([
      'producer_byte_rate is both set and removed',
    ]);
    expect(issues({ entity: {}, set: { producer_byte_rate: 1 } })).toContain('Name a user, a client id, both, or an IP');
    expect(issues({ entity: { clientId: null }, set: { producer_byte_rate: 1 } })).toEqual([]);
  });
});
