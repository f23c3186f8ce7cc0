import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/errors';
import { buildTest, type Filter } from './filter';

const filter = (text: string, over: Partial<Filter> = {}): Filter => ({ text, field: 'value', mode: 'regex', ignoreCase: false, ...over });
const b = (s: string) => Buffer.from(s, 'utf8');

describe('message filter, match=regex', () => {
  test('matches anywhere in the bytes unless anchored; ignoreCase applies', () => {
    const t = buildTest(filter('order-\\d+'))!;
    expect(t(null, b('{"id":"order-42"}'), [])).toBe(true);
    expect(t(null, b('{"id":"order-x"}'), [])).toBe(false);
    expect(t(null, b('ORDER-42'), [])).toBe(false);
    expect(buildTest(filter('order-\\d+', { ignoreCase: true }))!(null, b('ORDER-42'), [])).toBe(true);
    expect(buildTest(filter('^order-\\d+$'))!(null, b('my order-42'), [])).toBe(false);
    expect(t(null, null, [])).toBe(false);
  });

  test('looks where the field says: key, value, headers (with a header name) or any', () => {
    const headers = [{ key: 'trace', value: b('abc-123') }];
    expect(buildTest(filter('^k\\d$', { field: 'key' }))!(b('k1'), b('v1'), headers)).toBe(true);
    expect(buildTest(filter('^k\\d$', { field: 'value' }))!(b('k1'), b('v1'), headers)).toBe(false);
    expect(buildTest(filter('\\d{3}$', { field: 'header', headerKey: 'trace' }))!(null, null, headers)).toBe(true);
    expect(buildTest(filter('\\d{3}$', { field: 'header', headerKey: 'other' }))!(null, null, headers)).toBe(false);
    expect(buildTest(filter('abc', { field: 'any' }))!(null, null, headers)).toBe(true);
  });

  test('patterns that backtrack catastrophically in JS stay linear on a 1 MB value', () => {
    const value = b('a'.repeat(1024 * 1024));
    const started = performance.now();
    const results = ['(a+)+$', '(.|.)*=', '(a|a)*b'].map((p) => buildTest(filter(p))!(null, value, []));
    expect(results).toEqual([true, false, false]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test.each([
    ['(a)\\1', /backreferences/],
    ['(?=x)', /lookahead/],
    ['[oops', /missing closing \]/],
  ])('%s is a 400 on the field q, before anything is read', (q, why) => {
    let err: unknown;
    try {
      buildTest(filter(q));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).extra.field).toBe('q');
    expect((err as ApiError).message).toMatch(why);
  });

  test('contains and exact stay literal', () => {
    expect(buildTest(filter('a.c', { mode: 'contains' }))!(null, b('abc'), [])).toBe(false);
    expect(buildTest(filter('a.c', { mode: 'contains' }))!(null, b('xa.cx'), [])).toBe(true);
    expect(buildTest(filter('A.C', { mode: 'exact', ignoreCase: true }))!(null, b('a.c'), [])).toBe(true);
  });
});
