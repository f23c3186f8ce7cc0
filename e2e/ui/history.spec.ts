import { expect, test } from '@playwright/test';
import { commitOffset, createTopic, deleteTopic, produce, uniqueName } from '../support/browser-kafka';

/**
 * Lag history in the browser, against the console's own sampler (every 2 s in the test
 * config): a group that commits nothing while records keep arriving is shown falling behind,
 * with a chart of its lag; the topic's Throughput tab, the topics list and the groups list
 * show the same history.
 */

const topic = uniqueName('hist-ui');
const group = uniqueName('hist-ui-group');

test.afterAll(async () => {
  await deleteTopic(topic);
});

test('a lagging group: lag chart, "falling behind", throughput, and the lists columns', async ({ page }) => {
  test.setTimeout(120_000);
  await createTopic(
    topic,
    1,
    Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
  );
  await commitOffset(group, topic, 0, 10);
  // Records keep arriving for a few sampling rounds; the group stays where it is.
  for (let round = 0; round < 8; round++) {
    await produce(
      topic,
      Array.from({ length: 25 }, (_, i) => ({ key: `r${round}-${i}`, value: 'x'.repeat(200) })),
    );
    await page.waitForTimeout(1000);
  }

  await page.goto(`/clusters/local/groups/${group}`);
  await expect(page.getByTestId('samples')).toHaveText(/^([3-9]|\d\d+)$/, { timeout: 30_000 });
  await expect(page.getByTestId('drain')).toContainText(/Falling behind|Stalled/);
  const chart = page.getByRole('img', { name: 'Lag over time' });
  await expect(chart.locator('canvas')).toBeVisible();
  // Values on hover, in the legend.
  const over = chart.locator('.u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('no chart plot area');
  await over.hover({ position: { x: box.width - 10, y: box.height / 2 } });
  await expect(chart.locator('.u-legend')).toContainText(/Lag \(records\)\s*[\d,]+/);
  await expect(page.getByTestId('history-partitions').getByRole('cell', { name: `${topic}-0`, exact: true })).toBeVisible();

  // The topic's throughput tab: a production rate, and the group with its lag.
  await page.goto(`/clusters/local/topics/${topic}?tab=throughput`);
  await expect(page.getByTestId('produce-rate')).toHaveText(/rec\/s/, { timeout: 20_000 });
  await expect(page.getByRole('link', { name: group })).toBeVisible();

  // The topics list: the consuming group with its lag.
  await page.goto('/clusters/local/topics');
  await page.getByRole('searchbox', { name: /Search/ }).fill(topic);
  const row = page.getByTestId('topics-rows').getByRole('row').filter({ hasText: topic });
  await expect(row.getByTestId('topic-consumers')).toContainText(group, { timeout: 20_000 });

  // The groups list: a sparkline and a rising trend.
  await page.goto('/clusters/local/groups');
  await page.getByLabel('Search').fill(group);
  const groupRow = page.getByTestId(`group-row-${group}`);
  await expect(groupRow.getByTestId('group-sparkline').locator('svg')).toBeVisible({ timeout: 20_000 });
  await expect(groupRow.getByTestId('group-trend')).toContainText('▲');
});

test('a summary call as long as the API allows gets its answer, not a reset connection', async ({ request }) => {
  // 8,000 characters that percent-encode to 9 bytes each: a 72 KB URL, over Node's default 16 KiB.
  const ids = '\u0800'.repeat(8000);
  const res = await request.get(`/api/clusters/local/history/groups?ids=${encodeURIComponent(ids)}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.groups[ids]).toBeUndefined();
  expect(typeof body.available).toBe('boolean');
  // One character more is refused by the API, with its own error, on the field.
  const tooLong = await request.get(`/api/clusters/local/history/groups?ids=${encodeURIComponent(`${ids}x`)}`);
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error.code).toBe('bad_request');
});
