/**
 * A parsed JSON value as the record view shows it: a tree bounded in depth and in node count,
 * so a value nested 100,000 levels deep or holding a million items cannot overflow the stack
 * or the page. What lies deeper than the limit is shown as (bounded) raw JSON text.
 */

export const JSON_TREE_LIMITS = {
  /** Containers nested deeper than this are shown as raw text. */
  depth: 64,
  /** Nodes shown in all; the rest of a container is counted, not shown. */
  nodes: 5000,
  /** Characters of raw text shown for a too-deep container. */
  rawChars: 10_000,
};

export type JsonTreeNode =
  | { kind: 'scalar'; name?: string; type: 'string' | 'number' | 'boolean' | 'null'; text: string }
  | { kind: 'branch'; name?: string; array: boolean; size: number; children: JsonTreeNode[]; hidden: number }
  | { kind: 'raw'; name?: string; text: string; truncated: boolean };

type Container = unknown[] | Record<string, unknown>;
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';

/** Compact JSON text of `value`, cut after `maxChars`; iterative, so any depth is fine. */
export function boundedJson(value: unknown, maxChars: number): { text: string; truncated: boolean } {
  const stack: { c: Container; keys: string[] | null; i: number }[] = [];
  let out = '';
  const open = (v: unknown) => {
    if (!isContainer(v)) {
      out += JSON.stringify(v) ?? 'null';
      return;
    }
    const keys = Array.isArray(v) ? null : Object.keys(v);
    out += keys ? '{' : '[';
    stack.push({ c: v, keys, i: 0 });
  };
  open(value);
  while (stack.length && out.length <= maxChars) {
    const f = stack[stack.length - 1];
    const size = f.keys ? f.keys.length : (f.c as unknown[]).length;
    if (f.i >= size) {
      out += f.keys ? '}' : ']';
      stack.pop();
      continue;
    }
    if (f.i > 0) out += ',';
    const key = f.keys?.[f.i];
    if (key !== undefined) out += `${JSON.stringify(key)}:`;
    const v = key !== undefined ? (f.c as Record<string, unknown>)[key] : (f.c as unknown[])[f.i];
    f.i++;
    open(v);
  }
  const truncated = out.length > maxChars || stack.length > 0;
  return { text: truncated ? `${out.slice(0, maxChars)}…` : out, truncated };
}

export function jsonTree(value: unknown, limits = JSON_TREE_LIMITS): JsonTreeNode {
  let budget = limits.nodes;
  const build = (v: unknown, name: string | undefined, depth: number): JsonTreeNode => {
    budget--;
    if (!isContainer(v)) {
      const type = v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean';
      return { kind: 'scalar', name, type, text: JSON.stringify(v) ?? 'null' };
    }
    if (depth >= limits.depth) return { kind: 'raw', name, ...boundedJson(v, limits.rawChars) };
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const size = keys ? keys.length : (v as unknown[]).length;
    const children: JsonTreeNode[] = [];
    for (let i = 0; i < size && budget > 0; i++) {
      const key = keys?.[i];
      children.push(build(key !== undefined ? (v as Record<string, unknown>)[key] : (v as unknown[])[i], key, depth + 1));
    }
    return { kind: 'branch', name, array: !keys, size, children, hidden: size - children.length };
  };
  return build(value, undefined, 0);
}
