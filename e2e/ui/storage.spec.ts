import { expect, test } from '@playwright/test';
import { createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';
import { TopicPage } from '../pages/topic-page';

const topic = uniqueName('sized');

test.afterAll(async () => {
  await deleteTopic(topic);
});

test("a topic's replicas with their log dir and size, the cluster's dirs and largest topics, and the quorum and feature levels", async ({ page }) => {
  // Three partitions, one replica each on brokers 1, 2 and 3, with data in every one.
  const value = 'v'.repeat(1_000);
  await createTopic(
    topic,
    3,
    Array.from({ length: 90 }, (_, i) => ({ key: `k${i}`, value, partition: i % 3 })),
    [[1], [2], [3]],
  );
  const topicPage = new TopicPage(page);
  await topicPage.goto('local', topic);
  await page.getByTestId('topic-storage').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  const replicas = page.getByTestId('topic-replicas');
  await expect(replicas.locator('tbody tr')).toHaveCount(3);
  for (const [partition, broker] of [
    [0, 1],
    [1, 2],
    [2, 3],
  ]) {
    const row = replicas.getByTestId(`replica-${partition}-${broker}`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('replica-size')).toHaveText(/KiB$/);
  }
  await expect(page.getByTestId('cli-equivalent')).toContainText(`kafka-log-dirs --bootstrap-server`);
  await expect(page.getByTestId('cli-equivalent')).toContainText(`--topic-list ${topic}`);

  // Every broker's two log dirs, online, then the topic among the largest ones.
  await page.getByRole('link', { name: 'All topics' }).click();
  for (const id of [1, 2, 3]) {
    const dirs = page.getByTestId(`log-dir-${id}`);
    await expect(dirs).toHaveCount(2);
    await expect(dirs.first()).toContainText('online');
  }
  await page.getByLabel('Filter topics').fill(topic);
  const row = page.getByTestId(`topic-size-${topic}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('topic-size')).toHaveText(/KiB$/);

  // The brokers page: the quorum leader is the controller the brokers list marks.
  await page.getByRole('link', { name: 'Brokers', exact: true }).click();
  const leader = page.getByTestId('quorum-leader');
  await expect(leader).toHaveText(/^[123]$/);
  const id = (await leader.textContent()) as string;
  await expect(page.getByTestId(`broker-${id}`)).toContainText('controller');
  await expect(page.getByTestId(`quorum-node-${id}`)).toContainText('Leader');
  await expect(page.getByTestId('quorum-replicas').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('feature-metadata.version').getByTestId('feature-level')).toHaveText(/^\d+\.\d+-IV\d+ \(\d+\)$/);
});
