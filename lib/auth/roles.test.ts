import { describe, expect, test } from 'vitest';
import { allows, parseGrant } from './roles';

const teamA = [parseGrant('viewer'), parseGrant({ role: 'operator', cluster: 'local', topics: 'team-a.', groups: 'team-a.' })];
const topicsOnly = [parseGrant({ role: 'operator', cluster: 'local', topics: 'team-a.' })];

describe('allows with a grant narrowed to topic and group prefixes', () => {
  test.each([
    ['alter a topic of the team', 'topics:alter', { cluster: 'local', topic: 'team-a.orders' }, true],
    ['produce to a topic of the team', 'messages:produce', { cluster: 'local', topic: 'team-a.orders' }, true],
    ['reset a group of the team', 'groups:reset', { cluster: 'local', group: 'team-a.billing' }, true],
    ['alter another topic', 'topics:alter', { cluster: 'local', topic: 'team-b.orders' }, false],
    ['reset another group', 'groups:reset', { cluster: 'local', group: 'billing' }, false],
    ['a team topic on another cluster', 'topics:alter', { cluster: 'prod', topic: 'team-a.orders' }, false],
    ["the team's group offsets of another topic", 'groups:reset', { cluster: 'local', group: 'team-a.billing', topic: 'orders' }, false],
    ['a request naming neither', 'topics:create', { cluster: 'local' }, false],
    ['delete a team topic (admin only)', 'topics:delete', { cluster: 'local', topic: 'team-a.orders' }, false],
  ] as const)('%s: %s', (_what, p, t, expected) => {
    expect(allows(teamA, p, t)).toBe(expected);
  });

  test('the first, partial check lets a narrowed grant through before the body names the topic', () => {
    expect(allows(teamA, 'topics:create', { cluster: 'local' }, true)).toBe(true);
  });

  test('a grant narrowed to topics gives nothing on groups', () => {
    expect(allows(topicsOnly, 'groups:reset', { cluster: 'local', group: 'team-a.billing' })).toBe(false);
    expect(allows(topicsOnly, 'topics:alter', { cluster: 'local', topic: 'team-a.orders' })).toBe(true);
  });
});
