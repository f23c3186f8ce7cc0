import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKafka } from '../kafka/cluster';
import { generate, OUTPUT_DIR } from './generate';

describe('generated protocol code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'protocol-'));
  beforeAll(() => void ensureKafka(), 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what the generator writes from the pinned Kafka jar (run npx tsx scripts/protocol/generate.ts)', () => {
    const files = generate(dir);
    expect(readdirSync(OUTPUT_DIR).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(OUTPUT_DIR, f), 'utf8'), f).toBe(readFileSync(join(dir, f), 'utf8'));
  });
});
