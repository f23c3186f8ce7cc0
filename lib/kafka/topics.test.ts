import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/errors';
import { TOPIC_NAME_MAX } from '@/lib/schemas/common';
import { nameFilter } from './topics';

describe('topic name filter', () => {
  test('patterns that backtrack catastrophically in a JS RegExp run in linear time, and still match', () => {
    const as = 'a'.repeat(TOPIC_NAME_MAX);
    const almost = `${'a'.repeat(TOPIC_NAME_MAX - 1)}!`;
    const started = performance.now();
    const results = {
      nested: [nameFilter('(a+)+$', true)(as), nameFilter('(a+)+$', true)(almost), nameFilter('^(a+)+$', true)(almost), nameFilter('(a+)+b', true)(as)],
      alternation: [nameFilter('(.|.)*=', true)(as), nameFilter('(.|.)*=', true)(`${'a'.repeat(TOPIC_NAME_MAX - 1)}=`)],
      same: [nameFilter('(a|a)*$', true)(as), nameFilter('^(a|a)*$', true)(almost)],
    };
    const ms = performance.now() - started;
    expect(results).toEqual({ nested: [true, false, false, false], alternation: [false, true], same: [true, false] });
    expect(ms).toBeLessThan(200);
  });

  test('case-insensitive, unanchored unless anchored, as before', () => {
    const f = nameFilter('^orders-\\d+$', true);
    expect(['orders-1', 'ORDERS-22', 'orders-x', 'my-orders-1'].filter(f)).toEqual(['orders-1', 'ORDERS-22']);
    expect(['a.b_c', 'xx-B_C'].filter(nameFilter('b_c', true))).toEqual(['a.b_c', 'xx-B_C']);
    expect(['Orders', 'payments'].filter(nameFilter('ORD', false))).toEqual(['Orders']);
  });

  test.each([
    ['[oops', /missing closing \]/],
    ['(a)\\1', /backreferences/],
    ['(?=x)', /lookahead/],
  ])('%s is refused with a 400 on the search field', (pattern, reason) => {
    let err: unknown;
    try {
      nameFilter(pattern, true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).extra.field).toBe('search');
    expect((err as ApiError).message).toMatch(reason);
  });
});
