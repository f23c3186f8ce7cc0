import { expect, test } from '@playwright/test';
import { createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';
import { TopicPage } from '../pages/topic-page';

const topic = uniqueName('skewed');

test.afterAll(async () => {
  await deleteTopic(topic);
});

test('a topic piled on one broker: propose a balanced plan, execute it with a throttle, watch it finish, and the skew is gone', async ({ page }) => {
  // Six partitions, every replica and leader on broker 1, with data so the move copies bytes.
  const value = 'x'.repeat(2_000);
  await createTopic(
    topic,
    6,
    Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value, partition: i % 6 })),
    Array.from({ length: 6 }, () => [1]),
  );
  const topicPage = new TopicPage(page);
  await topicPage.goto('local', topic);
  const skew = page.getByTestId('topic-broker-skew');
  await expect(skew.getByTestId('skew-broker-1').getByTestId('skew-replicas')).toHaveText('6');
  await expect(skew.getByTestId('skew-broker-2').getByTestId('skew-replicas')).toHaveText('0');

  await page.getByTestId('rebalance-topic').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partition reassignment' })).toBeVisible();
  await expect(page.getByLabel('Topics to plan for')).toHaveValue(topic);
  await page.getByRole('button', { name: 'Propose a plan' }).click();

  const plan = page.getByTestId('reassign-plan');
  await expect(plan).toBeVisible();
  // Two of six stay on broker 1; four move, two to each of the others, and their bytes are counted.
  await expect(plan.getByTestId('plan-moves').locator('tbody tr')).toHaveCount(4);
  for (const id of [1, 2, 3]) await expect(plan.getByTestId(`plan-broker-${id}`).locator('td').nth(1)).toContainText(/→ 2$/);
  await expect(plan.getByTestId('plan-broker-2').locator('td').nth(3)).not.toHaveText('0 B');
  await expect(plan.getByTestId('cli-equivalent').first()).toContainText('kafka-reassign-partitions --bootstrap-server');
  await expect(plan.getByTestId('cli-equivalent').filter({ hasText: '--execute' })).toContainText(`--execute --throttle ${10 * 1024 * 1024}`);
  await expect(plan.getByTestId('plan-json')).toContainText(`"topic":"${topic}"`);

  await plan.getByRole('button', { name: 'Execute reassignment' }).click();
  await expect(page.getByText(/Reassignment of 4 partition\(s\) started/)).toBeVisible();
  const run = page.getByTestId('reassignment-runs').locator('li').first();
  await expect(run).toContainText(`4 partition(s) of ${topic}`);
  // Done when Kafka lists no move; the page then verifies the run, which removes the throttle.
  await expect(run).toContainText('done', { timeout: 60_000 });
  await expect(page.getByTestId('no-reassignments')).toBeVisible();
  await expect(page.getByText(/Reassignment complete; throttle configs removed/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('throttled-brokers')).toHaveCount(0);

  await topicPage.goto('local', topic);
  for (const id of [1, 2, 3]) await expect(skew.getByTestId(`skew-broker-${id}`).getByTestId('skew-replicas')).toHaveText('2');
  // One replica each: the moved partitions are led where they went.
  for (const id of [1, 2, 3]) await expect(skew.getByTestId(`skew-broker-${id}`).getByTestId('skew-leaders')).toHaveText('2');
});
