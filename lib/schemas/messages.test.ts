import { expect, test } from 'vitest';
import { isBase64, produceBody, produceForm } from './messages';

test('produce body: one shape for the API and the form; a header value may be text, base64 or null', () => {
  const parsed = produceBody.parse({
    value: 'v',
    headers: [
      { key: 'a', value: 'text' },
      { key: 'b', value: 'AAE=', encoding: 'base64' },
      { key: 'c', value: null },
    ],
  });
  expect(parsed).toEqual({
    key: null,
    keyEncoding: 'utf8',
    value: 'v',
    valueEncoding: 'utf8',
    headers: [
      { key: 'a', value: 'text', encoding: 'utf8' },
      { key: 'b', value: 'AAE=', encoding: 'base64' },
      { key: 'c', value: null, encoding: 'utf8' },
    ],
  });
  expect(produceBody.safeParse({ value: 'v', headers: [{ key: '', value: 'x' }] }).success).toBe(false);
});

test('produce form: base64 fields are checked where they are typed', () => {
  const form = {
    key: '',
    keyEncoding: 'utf8',
    nullKey: true,
    value: '@@',
    valueEncoding: 'base64',
    tombstone: false,
    headers: [{ key: 'h', value: '!', encoding: 'base64' }],
    partition: '',
  } as const;
  const r = produceForm.safeParse(form);
  expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    ['value', 'Not valid base64'],
    ['headers.0.value', 'Not valid base64'],
  ]);
  expect(isBase64('AAE=')).toBe(true);
  expect(isBase64('AAE')).toBe(false);
});
