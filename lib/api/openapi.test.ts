import { describe, expect, test } from 'vitest';
import { connectorName } from '@/lib/schemas/connect';
import { topicName } from '@/lib/schemas/common';
import { openApiDocument } from './openapi';

type Param = { name: string; in: string; schema: Record<string, unknown> };

/** Whether a value passes a string schema as the document states it (length and every pattern). */
function documentAccepts(schema: Record<string, unknown>, value: string): boolean {
  const patterns = [schema.pattern, ...((schema.allOf as { pattern?: string }[] | undefined) ?? []).map((s) => s.pattern)].filter(
    (p): p is string => typeof p === 'string',
  );
  const len = [...value].length;
  return (
    len >= ((schema.minLength as number | undefined) ?? 0) &&
    len <= ((schema.maxLength as number | undefined) ?? Infinity) &&
    patterns.every((p) => new RegExp(p, 'u').test(value))
  );
}

const params = (name: string): Param[] =>
  Object.values(openApiDocument().paths as Record<string, Record<string, { parameters?: Param[] }>>).flatMap((methods) =>
    Object.values(methods).flatMap((op) => (op.parameters ?? []).filter((p) => p.name === name)),
  );

describe('the OpenAPI document states the name rules the API applies', () => {
  // A fuzzer sent ?topic=. to the log-dirs route: the document allowed it, the API refused it.
  const names = ['.', '..', '...', 'a', '.a', 'a..b', 'x y', '-', 'a/b', 'é'];
  test.each([
    ['topic', topicName],
    ['connector', connectorName],
  ] as const)('%s parameters, in paths and queries', (name, schema) => {
    const found = params(name);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) for (const n of names) expect([p.in, n, documentAccepts(p.schema, n)]).toEqual([p.in, n, schema.safeParse(n).success]);
  });
});
