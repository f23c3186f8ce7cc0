import { describe, expect, test } from 'vitest';
import { decide } from './can';
import { parseGrant, type GrantInput } from './roles';

const grants = (...g: GrantInput[]) => g.map(parseGrant);
const viewer = grants('viewer');
const operator = grants('operator');
const admin = grants('admin');
const teamA = grants('viewer', { role: 'operator', cluster: 'local', topics: 'team-a.', groups: 'team-a.' });
const writable = (g: ReturnType<typeof grants>) => ({ grants: g, readOnly: false });

describe('decide', () => {
  test.each([
    [
      'viewer',
      viewer,
      'topics:create',
      { cluster: 'local', topic: 'orders' },
      'Needs the operator role (permission topics:create) on cluster local, topic orders',
    ],
    [
      'viewer',
      viewer,
      'messages:produce',
      { cluster: 'local', topic: 'orders' },
      'Needs the operator role (permission messages:produce) on cluster local, topic orders',
    ],
    [
      'viewer',
      viewer,
      'groups:reset',
      { cluster: 'local', group: 'billing' },
      'Needs the operator role (permission groups:reset) on cluster local, group billing',
    ],
    [
      'operator',
      operator,
      'topics:delete',
      { cluster: 'local', topic: 'orders' },
      'Needs the admin role (permission topics:delete) on cluster local, topic orders',
    ],
    ['operator', operator, 'brokers:alter', { cluster: 'local' }, 'Needs the admin role (permission brokers:alter) on cluster local'],
    [
      'team-a',
      teamA,
      'topics:alter',
      { cluster: 'local', topic: 'team-b.orders' },
      'Needs the operator role (permission topics:alter) on cluster local, topic team-b.orders',
    ],
    [
      'team-a',
      teamA,
      'topics:create',
      { cluster: 'other', topic: 'team-a.orders' },
      'Needs the operator role (permission topics:create) on cluster other, topic team-a.orders',
    ],
  ] as const)('%s may not %s on %j', (_who, g, p, t, reason) => {
    expect(decide(writable(g), p, t)).toEqual({ allowed: false, reason });
  });

  test.each([
    ['viewer', viewer, 'groups:view', { cluster: 'local', group: 'billing' }],
    ['operator', operator, 'topics:create', { cluster: 'local', topic: 'orders' }],
    ['operator', operator, 'groups:reset', { cluster: 'local', group: 'billing' }],
    ['admin', admin, 'topics:delete', { cluster: 'local', topic: 'orders' }],
    ['admin', admin, 'brokers:alter', { cluster: 'local' }],
    ['team-a', teamA, 'topics:alter', { cluster: 'local', topic: 'team-a.orders' }],
    ['team-a', teamA, 'messages:produce', { cluster: 'local', topic: 'team-a.orders' }],
  ] as const)('%s may %s on %j', (_who, g, p, t) => {
    expect(decide(writable(g), p, t)).toEqual({ allowed: true, reason: null });
  });

  test('a grant narrowed to a prefix opens a form before a name is typed, not the action on another name', () => {
    expect(decide(writable(teamA), 'topics:create', { cluster: 'local' }, true).allowed).toBe(true);
    expect(decide(writable(teamA), 'topics:create', { cluster: 'local' }).allowed).toBe(false);
    expect(decide(writable(viewer), 'topics:create', { cluster: 'local' }, true).allowed).toBe(false);
  });

  test('a read-only cluster refuses every write to everyone, and says so first', () => {
    const frozen = { grants: admin, readOnly: true };
    for (const p of ['topics:create', 'topics:delete', 'topics:alter', 'messages:produce', 'groups:reset', 'groups:delete', 'brokers:alter'] as const) {
      expect(decide(frozen, p, { cluster: 'frozen', topic: 't', group: 'g' })).toEqual({
        allowed: false,
        reason: 'Cluster frozen is read-only in this console',
      });
    }
    expect(decide({ grants: viewer, readOnly: true }, 'topics:delete', { cluster: 'frozen', topic: 't' }).reason).toBe(
      'Cluster frozen is read-only in this console',
    );
    expect(decide(frozen, 'topics:view', { cluster: 'frozen', topic: 't' }).allowed).toBe(true);
    expect(decide(frozen, 'messages:read', { cluster: 'frozen', topic: 't' }).allowed).toBe(true);
  });

  test('nothing is offered while the grants or the cluster are still unknown', () => {
    expect(decide({ grants: undefined, readOnly: false }, 'topics:view', { cluster: 'local' })).toEqual({
      allowed: false,
      reason: 'Checking your permissions…',
    });
    expect(decide({ grants: admin, readOnly: undefined }, 'topics:create', { cluster: 'local', topic: 'x' }).allowed).toBe(false);
    expect(decide({ grants: admin, readOnly: undefined }, 'topics:view', { cluster: 'local', topic: 'x' }).allowed).toBe(true);
  });
});
