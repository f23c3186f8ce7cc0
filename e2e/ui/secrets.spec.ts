import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { leaks } from '../support/secrets';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('the built client bundle and the pages a browser gets hold no credential and no server config code', async ({ page }) => {
  const bundle = files(join(process.cwd(), '.next', 'static'));
  expect(bundle.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const f of bundle) {
    const text = readFileSync(f, 'utf8');
    for (const l of leaks(text)) found.push(`${f}: ${l}`);
    // The config loader and the Kafka clients are server-only and never shipped.
    if (/KAFKA_CONSOLE_CONFIG|passwordFile|kafkajs/.test(text)) found.push(`${f}: server code`);
  }
  expect(found).toEqual([]);
  for (const path of ['/clusters/local', '/clusters/local/topics', '/clusters/local/brokers', '/login']) {
    await page.goto(path);
    expect(leaks(await page.content())).toEqual([]);
  }
});
