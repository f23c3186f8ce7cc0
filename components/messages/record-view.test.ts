import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { BytesView } from './record-view';

const render = (data: string) => renderToStaticMarkup(createElement(BytesView, { bytes: { encoding: 'utf8', data }, binary: 'hex' }));

describe('JSON values in the record view', () => {
  test('a value nested 100,000 levels deep renders, its deep part as raw text', () => {
    const n = 100_000;
    const html = render('['.repeat(n) + ']'.repeat(n));
    expect(html.match(/<details/g)?.length).toBe(64);
    expect(html).toContain('[[[[');
    expect(html.length).toBeLessThan(100_000);
  });

  test('an array of 200,000 items renders a bounded number of nodes and says how many are not shown', () => {
    const html = render(JSON.stringify(Array.from({ length: 200_000 }, (_, i) => i)));
    expect(html).toContain('200000 items');
    expect(html).toMatch(/\d+ items more, not shown/);
    expect(html.length).toBeLessThan(2_000_000);
  });
});
