import { expect, test } from 'vitest';
import { safeNextPath } from './safe-next';

test.each([
  ['/clusters/local/topics', '/clusters/local/topics'],
  ['/clusters/local/topics?search=a#x', '/clusters/local/topics?search=a#x'],
  ['/clusters/a%2Fb', '/clusters/a%2Fb'],
  [undefined, '/'],
  ['', '/'],
  ['https://evil.example/', '/'],
  ['//evil.example/path', '/'],
  ['/\\evil.example', '/'],
  ['\\\\evil.example', '/'],
  ['/\t/evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['javascript:alert(1)', '/'],
  ['evil.example', '/'],
  ['/login', '/'],
  ['/login?next=/x', '/'],
  ['/api/auth/oidc/start', '/'],
  ['/loginx', '/loginx'],
  [`/${'a'.repeat(3000)}`, '/'],
])('safeNextPath(%j) is %j', (next, expected) => {
  expect(safeNextPath(next)).toBe(expected);
});
