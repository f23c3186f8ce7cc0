import { describe, expect, test } from 'vitest';
import { boundedJson, JSON_TREE_LIMITS, jsonTree, type JsonTreeNode } from './json-tree';

function depthOf(n: JsonTreeNode): number {
  let d = 0;
  for (let cur: JsonTreeNode | undefined = n; cur?.kind === 'branch'; cur = cur.children[0]) d++;
  return d;
}

function count(n: JsonTreeNode): number {
  return 1 + (n.kind === 'branch' ? n.children.reduce((s, c) => s + count(c), 0) : 0);
}

describe('jsonTree', () => {
  test('an ordinary value keeps its shape, names and scalar types', () => {
    expect(jsonTree({ a: [1, 'x'], b: null, c: true })).toEqual({
      kind: 'branch',
      name: undefined,
      array: false,
      size: 3,
      hidden: 0,
      children: [
        {
          kind: 'branch',
          name: 'a',
          array: true,
          size: 2,
          hidden: 0,
          children: [
            { kind: 'scalar', name: undefined, type: 'number', text: '1' },
            { kind: 'scalar', name: undefined, type: 'string', text: '"x"' },
          ],
        },
        { kind: 'scalar', name: 'b', type: 'null', text: 'null' },
        { kind: 'scalar', name: 'c', type: 'boolean', text: 'true' },
      ],
    });
  });

  test('100,000 levels deep: 64 levels as a tree, the rest as cut raw text', () => {
    const n = 100_000;
    const tree = jsonTree(JSON.parse('['.repeat(n) + ']'.repeat(n)));
    expect(depthOf(tree)).toBe(JSON_TREE_LIMITS.depth);
    let leaf: JsonTreeNode = tree;
    while (leaf.kind === 'branch') leaf = leaf.children[0];
    expect(leaf.kind).toBe('raw');
    if (leaf.kind !== 'raw') return;
    expect(leaf.truncated).toBe(true);
    expect(leaf.text).toBe(`${'['.repeat(JSON_TREE_LIMITS.rawChars)}…`);
  });

  test('a million items: at most the node budget is built, the rest counted as hidden', () => {
    const tree = jsonTree(Array.from({ length: 1_000_000 }, (_, i) => ({ i })));
    expect(count(tree)).toBeLessThanOrEqual(JSON_TREE_LIMITS.nodes + 1);
    expect(tree.kind === 'branch' && tree.size).toBe(1_000_000);
    expect(tree.kind === 'branch' && tree.hidden).toBeGreaterThan(990_000);
  });
});

describe('boundedJson', () => {
  test('equals JSON.stringify when it fits', () => {
    const v = { a: [1, { b: 'x"y' }, null], c: { d: [] } };
    expect(boundedJson(v, 1000)).toEqual({ text: JSON.stringify(v), truncated: false });
  });

  test('stops after the limit', () => {
    expect(boundedJson({ long: 'y'.repeat(50) }, 20)).toEqual({ text: `{"long":"yyyyyyyyyyy…`, truncated: true });
  });
});
