import { expect, test } from '@playwright/test';
import { MessagesPage } from '../pages/messages-page';
import { readFileSync } from 'node:fs';
import { brokerNode, createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';

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

test('binary values as hex or base64; the shown records export as JSON', async ({ page }) => {
  const topic = uniqueName('ui-msg-bin');
  const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x10, 0x80, 0x7f]);
  await createTopic(topic, 1, [{ key: 'bin', value: bytes }]);
  try {
    const messages = new MessagesPage(page);
    await messages.goto('local', topic);
    await messages.browse('oldest');
    await messages.row('bin').click();
    const value = messages.detail().getByTestId('detail-value');
    await expect(value).toHaveAttribute('data-kind', 'binary');
    await expect(value).toContainText('ff00 fe10 807f');
    await page.getByLabel('Binary as').selectOption('base64');
    await expect(value).toContainText(bytes.toString('base64'));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { key: { data: string }; value: { encoding: string; data: string } }[];
    expect(exported).toEqual([
      expect.objectContaining({ key: { encoding: 'utf8', data: 'bin' }, value: { encoding: 'base64', data: bytes.toString('base64') } }),
    ]);
  } finally {
    await deleteTopic(topic);
  }
});

test('a partition whose only broker is down is skipped with a warning, the others still show', async ({ page }) => {
  test.setTimeout(120_000);
  const topic = uniqueName('ui-msg-offline');
  await createTopic(
    topic,
    2,
    [
      { key: 'on-1', value: 'kept', partition: 0 },
      { key: 'on-3', value: 'offline', partition: 1 },
    ],
    [[1], [3]],
  );
  const messages = new MessagesPage(page);
  await brokerNode(3, 'stop');
  try {
    await messages.goto('local', topic);
    await messages.browse('oldest');
    await expect(messages.rows()).toHaveCount(1);
    await expect(messages.row('on-1')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Partition 1' })).toContainText(/offline|did not answer/);
  } finally {
    await brokerNode(3, 'start');
    await deleteTopic(topic);
  }
});
