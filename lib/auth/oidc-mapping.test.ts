import { describe, expect, test } from 'vitest';
import { claimAt, claimValues, grantLabel, mapClaims, MAX_RECORDED_VALUES, usernameFrom, type MappingConfig } from './oidc-mapping';

const config: MappingConfig = {
  rolesClaim: 'groups',
  roleMapping: {
    'kafka-admins': ['admin'],
    'kafka-ops': ['operator@local'],
    'team-a': ['viewer', { role: 'operator', cluster: 'local', topics: 'team-a.' }],
    'also-admins': ['admin'],
  },
  defaultRoles: [],
};

describe('claimAt', () => {
  test.each([
    [{ groups: ['a'] }, 'groups', ['a']],
    [{ realm_access: { roles: ['x', 'y'] } }, 'realm_access.roles', ['x', 'y']],
    [{ resource_access: { console: { roles: ['r'] } } }, 'resource_access.console.roles', ['r']],
    [{ 'http://schemas.example/claims/groups': ['g'] }, 'http://schemas.example/claims/groups', ['g']],
    [{ realm_access: ['not', 'an', 'object'] }, 'realm_access.roles', undefined],
    [{ realm_access: null }, 'realm_access.roles', undefined],
    [{}, 'groups', undefined],
    [{ groups: 'x' }, 'groups.length', undefined],
    [{}, 'constructor', undefined],
  ])('%j at %s is %j', (claims, path, expected) => {
    expect(claimAt(claims as Record<string, unknown>, path)).toEqual(expected);
  });
});

describe('claimValues', () => {
  test('takes a list or a single value, strings and numbers, drops the rest and repeats', () => {
    expect(claimValues(['a', 'b', 'a', 7, null, { x: 1 }, '', true])).toEqual(['a', 'b', '7']);
    expect(claimValues('admin')).toEqual(['admin']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues({ admin: true })).toEqual([]);
    expect(claimValues(['x'.repeat(300)])).toEqual([]);
  });
});

describe('mapClaims', () => {
  test('maps each claim value through roleMapping and records which value gave what', () => {
    const { grants, mapping } = mapClaims(config, { groups: ['staff', 'kafka-ops', 'team-a'] });
    expect(grants).toEqual([
      { role: 'operator', cluster: 'local' },
      { role: 'viewer', cluster: '*' },
      { role: 'operator', cluster: 'local', topicPrefix: 'team-a.' },
    ]);
    expect(mapping.claim).toBe('groups');
    expect(mapping.values).toEqual(['kafka-ops', 'team-a', 'staff']);
    expect(mapping.matched.map((m) => m.value)).toEqual(['kafka-ops', 'team-a']);
  });

  test('a value named like a console role gives that role on every cluster', () => {
    const { grants, mapping } = mapClaims({ ...config, rolesClaim: 'realm_access.roles' }, { realm_access: { roles: ['offline_access', 'viewer'] } });
    expect(grants).toEqual([{ role: 'viewer', cluster: '*' }]);
    expect(mapping.matched).toEqual([{ value: 'viewer', grants: [{ role: 'viewer', cluster: '*' }] }]);
  });

  test('a roleMapping entry wins over the role of the same name', () => {
    const { grants } = mapClaims({ ...config, roleMapping: { admin: ['viewer@local'] } }, { groups: ['admin'] });
    expect(grants).toEqual([{ role: 'viewer', cluster: 'local' }]);
  });

  test('matching is exact: case and spaces matter', () => {
    expect(mapClaims(config, { groups: ['Kafka-Admins', ' kafka-admins', 'Admin'] }).grants).toEqual([]);
  });

  test('the same grant from two values is kept once', () => {
    expect(mapClaims(config, { groups: ['kafka-admins', 'also-admins'] }).grants).toEqual([{ role: 'admin', cluster: '*' }]);
  });

  test('nothing mapped and no default roles gives no grants; defaultRoles apply to everyone', () => {
    expect(mapClaims(config, { groups: ['marketing'] }).grants).toEqual([]);
    expect(mapClaims(config, {}).grants).toEqual([]);
    expect(mapClaims({ ...config, defaultRoles: ['viewer@local'] }, { groups: ['marketing'] }).grants).toEqual([{ role: 'viewer', cluster: 'local' }]);
  });

  test('a user in hundreds of groups: the record keeps the matched ones and stays cookie-sized', () => {
    const many = Array.from({ length: 400 }, (_, i) => `CN=group-number-${i},OU=Groups,DC=corp,DC=example,DC=com`);
    const { grants, mapping } = mapClaims(config, { groups: [...many, 'kafka-admins'] });
    expect(grants).toEqual([{ role: 'admin', cluster: '*' }]);
    expect(mapping.values[0]).toBe('kafka-admins');
    expect(mapping.values.length).toBeLessThanOrEqual(MAX_RECORDED_VALUES);
    expect(mapping.values.join('').length).toBeLessThanOrEqual(1500);
  });
});

describe('usernameFrom', () => {
  test('uses the configured claim, then email, then sub; strips control characters', () => {
    expect(usernameFrom({ preferred_username: 'alice', email: 'a@x', sub: '1' }, 'preferred_username')).toBe('alice');
    expect(usernameFrom({ email: 'a@x', sub: '1' }, 'preferred_username')).toBe('a@x');
    expect(usernameFrom({ sub: '1' }, 'preferred_username')).toBe('1');
    expect(usernameFrom({ upn: 'bob\n\u0000admin', sub: '1' }, 'upn')).toBe('bobadmin');
    expect(usernameFrom({}, 'preferred_username')).toBe('unknown');
  });
});

test('grantLabel', () => {
  expect(grantLabel({ role: 'admin', cluster: '*' })).toBe('admin@*');
  expect(grantLabel({ role: 'operator', cluster: 'local', topicPrefix: 'team-a.', groupPrefix: 'team-a.' })).toBe(
    'operator@local topics:team-a.* groups:team-a.*',
  );
});
