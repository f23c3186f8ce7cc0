import { expect, test } from '@playwright/test';
import { MessagesPage } from '../pages/messages-page';
import { createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';

test('browse the newest records, open one, produce one and see it arrive in the live tail', async ({ page }) => {
  const topic = uniqueName('ui-msg');
  await createTopic(topic, 2, [
    { key: 'k1', value: '{"order":1,"items":[{"sku":"A-1","qty":2}]}' },
    { key: 'k2', value: 'plain text value' },
    { key: 'k3', value: '{"order":3}' },
  ]);
  try {

    const messages = new MessagesPage(page);
    await messages.goto('local', topic);
    await expect(page.getByRole('link', { name: `← Topic ${topic}` })).toHaveAttribute('href', `/clusters/local/topics/${topic}`);
    await messages.browse('newest (last N)');
    await expect(messages.rows()).toHaveCount(3);

    await messages.row('k1').click();
    const value = messages.detail().getByTestId('detail-value');
    await expect(value).toHaveAttribute('data-kind', 'json');
    await expect(value).toContainText('"sku"');
    await expect(value).toContainText('"A-1"');
    await expect(messages.detail().getByTestId('detail-key')).toHaveText('k1');

    await messages.startTail();
    await messages.openProduceForm();
    const result = await messages.produce({ key: 'live-key', value: 'hello from the browser', headers: [['origin', 'playwright']], partition: 1 });
    await expect(result).toHaveText(/Written to partition 1 at offset \d+/);

    const arrived = messages.row('hello from the browser');
    await expect(arrived).toHaveCount(1);
    await arrived.click();
    await expect(messages.detail()).toContainText('origin');
    await expect(messages.detail()).toContainText('playwright');
    await expect(messages.detail().getByRole('heading', { level: 2 })).toContainText('Partition 1');

    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('tail-status').getByText('stopped')).toBeVisible();
  } finally {
    await deleteTopic(topic);
  }
});

test('a produce form error shows on the field', async ({ page }) => {
  const topic = uniqueName('ui-msg-err');
  await createTopic(topic, 1);
  try {
    const messages = new MessagesPage(page);
    await messages.goto('local', topic);
    const form = await messages.openProduceForm();
    await form.getByLabel('Value encoding').selectOption('base64');
    await messages.produce({ value: 'not base64!' });
    await expect(form.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Not valid base64')).toBeVisible();
    await messages.produce({ value: 'aGVsbG8=', partition: 3 });
    await expect(form.getByLabel('Partition')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(`Failed to produce to topic ${topic}`)).toBeVisible();
  } finally {
    await deleteTopic(topic);
  }
});
