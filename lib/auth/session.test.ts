import { describe, expect, test } from 'vitest';
import type { ConsoleConfig } from '@/lib/config';
import { openSession, sealSession, type Principal } from './session';
import { hashPassword, verifyPassword } from './passwords';

function config(secret: string, idleMinutes = 60, maxHours = 12): ConsoleConfig {
  return {
    file: null,
    publicUrl: null,
    auth: { mode: 'signin', trustForwardedFor: false, users: [], session: { secret: { value: secret }, idleMinutes, maxHours } },
    audit: { file: '/dev/null' },
    limits: { maxBodyBytes: 1024, streamsPerUser: 1, streamsTotal: 1 },
    dataDir: '/nonexistent',
    clusters: [],
  };
}

const now = 1_800_000_000;
const alice: Principal = { user: 'alice', via: 'local', grants: [{ role: 'operator', cluster: '*' }], iat: now, seen: now };
const secret = 'a-shared-secret-of-at-least-32-characters!';

describe('session cookies', () => {
  test("a second console instance with the same secret opens the first one's session; no server state", async () => {
    const token = await sealSession(config(secret), alice);
    expect(await openSession(config(secret), token, now + 10)).toMatchObject({ user: 'alice', grants: alice.grants });
  });

  test('another secret, or a changed byte, is no session', async () => {
    const token = await sealSession(config(secret), alice);
    expect(await openSession(config(`${secret}x`), token, now + 10)).toBeNull();
    const parts = token.split('.');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    expect(await openSession(config(secret), parts.join('.'), now + 10)).toBeNull();
  });

  test('the payload is encrypted, not only signed: the user name and grants are not readable', async () => {
    const token = await sealSession(config(secret), alice);
    const readable = token
      .split('.')
      .map((p) => Buffer.from(p, 'base64url').toString('latin1'))
      .join('');
    expect(readable).not.toMatch(/alice|operator/);
  });

  test('idle expiry and absolute expiry', async () => {
    const c = config(secret, 30, 8);
    const token = await sealSession(c, alice);
    expect(await openSession(c, token, now + 29 * 60)).not.toBeNull();
    expect(await openSession(c, token, now + 31 * 60)).toBeNull();
    const active = await sealSession(c, { ...alice, seen: now + 8 * 3600 - 60 });
    expect(await openSession(c, active, now + 8 * 3600 - 30)).not.toBeNull();
    expect(await openSession(c, active, now + 8 * 3600 + 1)).toBeNull();
  });
});

describe('password hashes', () => {
  test('scrypt hashes verify the right password only, and differ each time', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});
