import { describe, expect, test } from 'vitest';
import { aclBinding, aclBindings, aclListQuery, aclWizard, deleteAclsBody, explainQuery, MAX_BINDINGS_PER_REQUEST } from './acls';

const good = {
  resourceType: 'topic',
  resourceName: 'orders',
  patternType: 'literal',
  principal: 'User:alice',
  host: '*',
  operation: 'read',
  permission: 'allow',
} as const;

describe('aclBinding', () => {
  test('accepts a plain binding; host defaults to *', () => {
    const { host: _, ...noHost } = good;
    expect(aclBinding.parse(noHost)).toEqual(good);
    expect(aclBinding.safeParse({ ...good, principal: 'User:*' }).success).toBe(true);
    expect(aclBinding.safeParse({ ...good, principal: 'User:CN=svc,OU=eng' }).success).toBe(true);
    expect(aclBinding.safeParse({ ...good, host: '10.0.0.5' }).success).toBe(true);
    expect(aclBinding.safeParse({ ...good, host: '::1' }).success).toBe(true);
  });

  test('principal is TYPE:NAME', () => {
    for (const principal of ['alice', 'User:', ':alice', 'User alice', '1User:alice', 'User:al ice'])
      expect(aclBinding.safeParse({ ...good, principal }).success, principal).toBe(false);
  });

  test('the cluster resource is kafka-cluster; a prefixed pattern cannot be *', () => {
    expect(aclBinding.safeParse({ ...good, resourceType: 'cluster', resourceName: 'kafka-cluster', operation: 'idempotentWrite' }).success).toBe(true);
    expect(aclBinding.safeParse({ ...good, resourceType: 'cluster', resourceName: 'other' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, patternType: 'prefixed', resourceName: '*' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, resourceName: '*' }).success).toBe(true);
  });

  test('unknown names, extra keys, empty or oversized names and bad hosts are refused', () => {
    expect(aclBinding.safeParse({ ...good, operation: 'any' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, patternType: 'match' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, permission: 'any' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, resourceType: 'broker' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, extra: 1 }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, resourceName: '' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, resourceName: 'x'.repeat(513) }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, resourceName: 'a\nb' }).success).toBe(false);
    expect(aclBinding.safeParse({ ...good, host: 'example.com' }).success).toBe(false);
  });
});

describe('request bodies and queries', () => {
  test(`1 to ${MAX_BINDINGS_PER_REQUEST} bindings per request`, () => {
    expect(aclBindings.safeParse([]).success).toBe(false);
    expect(aclBindings.safeParse(Array(MAX_BINDINGS_PER_REQUEST).fill(good)).success).toBe(true);
    expect(aclBindings.safeParse(Array(MAX_BINDINGS_PER_REQUEST + 1).fill(good)).success).toBe(false);
    expect(deleteAclsBody.safeParse({ bindings: [good] }).success).toBe(false);
    expect(deleteAclsBody.safeParse({ bindings: [good], confirm: '1' }).success).toBe(true);
  });

  test('list query: defaults, coercion from the query string, limit 1..1000', () => {
    expect(aclListQuery.parse({})).toMatchObject({ patternType: 'any', sort: 'resource', order: 'asc', offset: 0, limit: 100 });
    expect(aclListQuery.parse({ offset: '200', limit: '1000', patternType: 'match' })).toMatchObject({ offset: 200, limit: 1000, patternType: 'match' });
    expect(aclListQuery.safeParse({ limit: '1001' }).success).toBe(false);
    expect(aclListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(aclListQuery.safeParse({ sort: 'host' }).success).toBe(false);
  });

  test('explain: a concrete operation (not all), host an IP address', () => {
    const ask = { principal: 'User:alice', operation: 'read', resourceType: 'topic', resourceName: 'orders' };
    expect(explainQuery.parse(ask)).toMatchObject({ host: '127.0.0.1' });
    expect(explainQuery.safeParse({ ...ask, operation: 'all' }).success).toBe(false);
    expect(explainQuery.safeParse({ ...ask, host: '*' }).success).toBe(false);
  });

  test('wizards: discriminated by kind, with defaults', () => {
    expect(aclWizard.parse({ kind: 'producer', principal: 'User:p', topic: 'orders' })).toMatchObject({ host: '*', prefixed: false, idempotent: false });
    expect(aclWizard.parse({ kind: 'streams', principal: 'User:s', applicationId: 'app' })).toMatchObject({
      inputTopics: [],
      outputTopics: [],
      exactlyOnce: false,
    });
    expect(aclWizard.safeParse({ kind: 'consumer', principal: 'User:c', topic: 'orders' }).success).toBe(false);
    expect(aclWizard.safeParse({ kind: 'admin', principal: 'User:c' }).success).toBe(false);
    expect(aclWizard.safeParse({ kind: 'single', binding: { ...good, resourceType: 'cluster' } }).success).toBe(false);
  });
});
