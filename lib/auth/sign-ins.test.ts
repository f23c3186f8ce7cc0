import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recentSignIns } from './sign-ins';

const dir = mkdtempSync(join(tmpdir(), 'sign-ins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const login = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `l${i}`,
    time: `2030-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    actor: { user: `u${i}`, via: 'oidc', roles: ['viewer@*'] },
    action: 'login',
    result: { status: 200, ok: true },
    ...extra,
  });
const other = (i: number) =>
  JSON.stringify({
    id: `o${i}`,
    time: '2030-01-01T00:00:00.000Z',
    actor: { user: 'x', via: 'local', roles: [] },
    action: 'createTopic',
    params: { body: { name: 'login'.repeat(50) } },
    result: { status: 201, ok: true },
  });

describe('recentSignIns', () => {
  test('reads the newest sign-ins first, across blocks, skipping other entries', async () => {
    const file = join(dir, 'a.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 10 === 0 ? login(i) : other(i));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const got = await recentSignIns(file, 120);
    expect(got).toHaveLength(120);
    expect(got[0].user).toBe('u2990');
    expect(got[119].user).toBe(`u${2990 - 119 * 10}`);
    expect(got.every((s, i) => i === 0 || Number(s.user!.slice(1)) < Number(got[i - 1].user!.slice(1)))).toBe(true);
  });

  test('returns every sign-in when there are fewer than asked, and keeps the OIDC mapping', async () => {
    const file = join(dir, 'b.jsonl');
    const refused = login(2, {
      actor: { user: 'mallory', via: 'oidc', roles: [] },
      result: { status: 403, ok: false, error: 'no console role' },
      params: { claim: 'groups', values: ['marketing'], matched: [] },
      ip: '10.0.0.1',
    });
    const mapped = login(3, { params: { claim: 'groups', values: ['kafka-admins', 'staff'], matched: [{ value: 'kafka-admins', grants: ['admin@*'] }] } });
    writeFileSync(file, [login(1), 'not json', refused, mapped].join('\n'));
    const got = await recentSignIns(file, 50);
    expect(got.map((s) => s.user)).toEqual(['u3', 'mallory', 'u1']);
    expect(got[0]).toMatchObject({ ok: true, claim: 'groups', values: ['kafka-admins', 'staff'], matched: [{ value: 'kafka-admins', grants: ['admin@*'] }] });
    expect(got[1]).toMatchObject({ ok: false, status: 403, error: 'no console role', roles: [], ip: '10.0.0.1' });
  });

  test('no file yet: no sign-ins', async () => {
    expect(await recentSignIns(join(dir, 'missing.jsonl'), 10)).toEqual([]);
  });

  test('reads at most maxBytes from the end', async () => {
    const file = join(dir, 'c.jsonl');
    const lines = [login(1), ...Array.from({ length: 2000 }, (_, i) => other(i))];
    writeFileSync(file, lines.join('\n'));
    expect(await recentSignIns(file, 10, 64 * 1024)).toEqual([]);
    expect((await recentSignIns(file, 10)).map((s) => s.user)).toEqual(['u1']);
  });
});
