import { describe, expect, test } from 'vitest';
import type { AclBinding, ExplainQuestion } from '@/lib/schemas/acls';
import { explainAccess } from './explain';

const b = (o: Partial<AclBinding>): AclBinding => ({
  resourceType: 'topic',
  resourceName: 'orders',
  patternType: 'literal',
  principal: 'User:alice',
  host: '*',
  operation: 'read',
  permission: 'allow',
  ...o,
});
const q = (o: Partial<ExplainQuestion> = {}): ExplainQuestion => ({
  principal: 'User:alice',
  host: '10.0.0.5',
  operation: 'read',
  resourceType: 'topic',
  resourceName: 'orders',
  ...o,
});
const ctx = (bindings: AclBinding[], o: { superUsers?: string[]; allowEveryone?: boolean } = {}) => ({
  bindings,
  superUsers: o.superUsers ?? [],
  allowEveryoneIfNoAclFound: o.allowEveryone ?? false,
  settingsKnown: true,
});

describe('explainAccess, by the authorizer rules', () => {
  test('a literal allow decides', () => {
    const allow = b({});
    expect(explainAccess(q(), ctx([allow]))).toMatchObject({ allowed: true, rule: 'allow', decisive: allow });
  });

  test('deny wins over any allow, including ALL', () => {
    const deny = b({ permission: 'deny', patternType: 'prefixed', resourceName: 'ord' });
    const r = explainAccess(q(), ctx([b({ operation: 'all' }), deny]));
    expect(r).toMatchObject({ allowed: false, rule: 'deny', decisive: deny });
    expect(r.summary).toMatch(/^Denied\..*deny wins/);
  });

  test('a deny of DESCRIBE does not deny READ (implied operations never widen a deny)', () => {
    expect(explainAccess(q(), ctx([b({}), b({ permission: 'deny', operation: 'describe' })]))).toMatchObject({ allowed: true, rule: 'allow' });
  });

  test('READ, WRITE, DELETE and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS; nothing else is implied', () => {
    for (const op of ['read', 'write', 'delete', 'alter'] as const)
      expect(explainAccess(q({ operation: 'describe' }), ctx([b({ operation: op })])).allowed, op).toBe(true);
    expect(explainAccess(q({ operation: 'describeConfigs' }), ctx([b({ operation: 'alterConfigs' })])).allowed).toBe(true);
    expect(explainAccess(q({ operation: 'write' }), ctx([b({ operation: 'read' })])).allowed).toBe(false);
    expect(explainAccess(q({ operation: 'describe' }), ctx([b({ operation: 'create' })])).allowed).toBe(false);
  });

  test('wildcard principal, wildcard resource, prefixed pattern', () => {
    expect(explainAccess(q(), ctx([b({ principal: 'User:*' })])).allowed).toBe(true);
    expect(explainAccess(q(), ctx([b({ resourceName: '*' })])).allowed).toBe(true);
    expect(explainAccess(q(), ctx([b({ patternType: 'prefixed', resourceName: 'ord' })])).allowed).toBe(true);
    expect(explainAccess(q(), ctx([b({ patternType: 'prefixed', resourceName: 'orders-' })])).allowed).toBe(false);
    // "*" is a literal wildcard only: a prefixed "*" would match nothing, and another type never matches.
    expect(explainAccess(q(), ctx([b({ resourceType: 'group', resourceName: '*' })])).allowed).toBe(false);
    expect(explainAccess(q(), ctx([b({ principal: 'User:bob' })])).allowed).toBe(false);
  });

  test('User:* is the only wildcard principal, for principals of any type (as StandardAuthorizer matches them)', () => {
    const group = q({ principal: 'Group:ops' });
    expect(explainAccess(group, ctx([b({ principal: 'User:*' })])).allowed).toBe(true);
    expect(explainAccess(group, ctx([b({ principal: 'Group:*' })]))).toMatchObject({ allowed: false, rule: 'noAllow' });
    expect(explainAccess(q(), ctx([b({ principal: 'Group:*' })])).allowed).toBe(false);
  });

  test('host: "*" or the exact address', () => {
    expect(explainAccess(q(), ctx([b({ host: '10.0.0.5' })])).allowed).toBe(true);
    const r = explainAccess(q(), ctx([b({ host: '10.0.0.6' })]));
    expect(r).toMatchObject({ allowed: false, rule: 'noAllow' });
    expect(r.considered[0]).toMatchObject({ applies: false, why: expect.stringMatching(/host 10\.0\.0\.6 only/) });
  });

  test('super users are allowed without looking at ACLs, even with a deny', () => {
    expect(explainAccess(q(), ctx([b({ permission: 'deny' })], { superUsers: ['User:alice'] }))).toMatchObject({
      allowed: true,
      rule: 'superUser',
      decisive: null,
    });
  });

  test('allow.everyone.if.no.acl.found applies only when no binding at all exists for the resource', () => {
    expect(explainAccess(q(), ctx([], { allowEveryone: true }))).toMatchObject({ allowed: true, rule: 'noAclsAllowEveryone' });
    // A binding for someone else on the resource: the setting no longer applies.
    expect(explainAccess(q(), ctx([b({ principal: 'User:bob' })], { allowEveryone: true }))).toMatchObject({ allowed: false, rule: 'noAllow' });
    expect(explainAccess(q(), ctx([]))).toMatchObject({ allowed: false, rule: 'noAllow' });
  });

  test('names the most specific allow: exact operation and literal name first', () => {
    const literal = b({});
    const r = explainAccess(q(), ctx([b({ operation: 'all', resourceName: '*' }), b({ patternType: 'prefixed', resourceName: 'o' }), literal]));
    expect(r.decisive).toEqual(literal);
    expect(r.considered.filter((c) => c.applies)).toHaveLength(3);
  });

  test('without the brokers settings, says that super.users could not be read', () => {
    const r = explainAccess(q(), { ...ctx([]), settingsKnown: false });
    expect(r.summary).toMatch(/does not reveal the brokers' super\.users/);
    expect(r.authorizerSettingsKnown).toBe(false);
  });
});
