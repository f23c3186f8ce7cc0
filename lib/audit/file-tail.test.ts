import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanLinesBackwards } from './file-tail';

const dir = mkdtempSync(join(tmpdir(), 'file-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(content: string): string {
  const f = join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(f, content);
  return f;
}

async function lines(f: string, budget: number, stopAfter = Infinity) {
  const seen: string[] = [];
  const scan = await scanLinesBackwards(f, budget, (l) => {
    seen.push(l);
    return seen.length < stopAfter;
  });
  return { seen, scan };
}

describe('scanLinesBackwards', () => {
  test('newest line first, every line once, with or without a final newline', async () => {
    expect((await lines(file('a\nbb\nccc\n'), 1 << 20)).seen).toEqual(['ccc', 'bb', 'a']);
    expect((await lines(file('a\nbb\nccc'), 1 << 20)).seen).toEqual(['ccc', 'bb', 'a']);
  });

  test('lines across chunk boundaries and multi-byte characters survive', async () => {
    const all = Array.from({ length: 3000 }, (_, i) => `{"n":${i},"s":"${'é€'.repeat(i % 200)}"}`);
    const { seen, scan } = await lines(file(`${all.join('\n')}\n`), 64 << 20);
    expect(seen).toEqual([...all].reverse());
    expect(scan.complete).toBe(true);
  });

  test('stops at the byte budget, drops the cut line and says it did not reach the start', async () => {
    const all = Array.from({ length: 100 }, (_, i) => `line-${String(i).padStart(3, '0')}`); // 8 bytes + newline each
    const { seen, scan } = await lines(file(`${all.join('\n')}\n`), 9 * 10 + 4);
    expect(seen).toEqual(all.slice(90).reverse());
    expect(scan).toEqual({ bytes: 94, complete: false });
  });

  test('stops when the visitor says so', async () => {
    const { seen, scan } = await lines(file('a\nb\nc\n'), 1 << 20, 2);
    expect(seen).toEqual(['c', 'b']);
    expect(scan.complete).toBe(true);
  });

  test('a missing file has no lines', async () => {
    expect(await lines(join(dir, 'none.jsonl'), 100)).toEqual({ seen: [], scan: { bytes: 0, complete: true } });
  });
});
