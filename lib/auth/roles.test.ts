import { describe, expect, test } from 'vitest';
import { allows, parseGrant, topRole } from './roles';

describe('allows', () => {
  const viewer = [parseGrant('viewer')];
  const devOperator = [parseGrant('operator@dev')];
  const teamA = [parseGrant('viewer'), parseGrant({ role: 'operator', cluster: 'local', topics: 'team-a.', groups: 'team-a.' })];

  test('a role has the permissions of the roles below it, not above', () => {
    expect(allows(viewer, 'topics:view', { cluster: 'x' })).toBe(true);
    expect(allows(viewer, 'messages:produce', { cluster: 'x', topic: 't' })).toBe(false);
    expect(allows([parseGrant('admin')], 'topics:delete', { cluster: 'x', topic: 't' })).toBe(true);
    expect(allows([parseGrant('operator')], 'topics:delete', { cluster: 'x', topic: 't' })).toBe(false);
  });

  test('a grant on one cluster says nothing about another', () => {
    expect(allows(devOperator, 'topics:create', { cluster: 'dev', topic: 'a' })).toBe(true);
    expect(allows(devOperator, 'topics:create', { cluster: 'prod', topic: 'a' })).toBe(false);
  });

  test('a prefix grant covers names with that prefix only, per kind', () => {
    expect(allows(teamA, 'topics:alter', { cluster: 'local', topic: 'team-a.orders' })).toBe(true);
    expect(allows(teamA, 'topics:alter', { cluster: 'local', topic: 'team-b.orders' })).toBe(false);
    expect(allows(teamA, 'groups:reset', { cluster: 'local', group: 'team-a.billing' })).toBe(true);
    expect(allows(teamA, 'groups:reset', { cluster: 'local', group: 'billing' })).toBe(false);
    expect(allows(teamA, 'topics:alter', { cluster: 'other', topic: 'team-a.orders' })).toBe(false);
  });

  test('a narrowed grant passes the early check only while no name is known yet', () => {
    expect(allows(teamA, 'topics:create', { cluster: 'local' }, true)).toBe(true);
    expect(allows(teamA, 'topics:create', { cluster: 'local' }, false)).toBe(false);
    expect(allows(teamA, 'brokers:alter', { cluster: 'local' }, true)).toBe(false);
  });

  test('console-wide permissions need an un-narrowed grant on every cluster', () => {
    expect(allows([parseGrant('admin')], 'audit:view', {})).toBe(true);
    expect(allows([parseGrant('admin@dev')], 'audit:view', {})).toBe(false);
  });

  test('topRole is the highest role that applies to a cluster', () => {
    expect(topRole(teamA, 'local')).toBe('operator');
    expect(topRole(devOperator, 'prod')).toBe(null);
  });
});
