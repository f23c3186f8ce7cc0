import { expect, test } from '@playwright/test';
import { BrokersPage } from '../pages/brokers-page';
import { TopicPage } from '../pages/topic-page';
import { TopicsPage } from '../pages/topics-page';

/** API calls made by a spec come from the console's own origin, as the browser's would. */
const sameOrigin = () => ({ origin: process.env.BASE_URL ?? '' });
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

test('create a topic with a config, find it, inspect partitions, edit and revert a config, delete it', async ({ page }) => {
  const name = unique('ui-orders');
  const topics = new TopicsPage(page);
  const topicPage = new TopicPage(page);

  await topics.goto('local');
  const form = await topics.openCreateForm();
  await form.fill({ name, partitions: 2, replicationFactor: 2, configs: { 'max.message.bytes': '2000000' } });
  await expect(form.cliCommand()).toContainText(`--create --topic ${name} --partitions 2 --replication-factor 2 --config max.message.bytes=2000000`);
  await form.check();
  await expect(page.getByTestId('create-preview')).toContainText(
    `Kafka accepts this: topic ${name} with 2 partition(s), replication factor 2 and 1 config override(s)`,
  );
  await form.confirm(name);
  await topicPage.expectLoaded(name);

  await topics.goto('local');
  await topics.search(name);
  await expect(topics.rows()).toHaveCount(1);
  const row = topics.row(name);
  await expect(row.getByRole('cell').nth(1)).toHaveText('2');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');
  await row.getByRole('link', { name, exact: true }).click();
  await topicPage.expectLoaded(name);

  const partitions = topicPage.partitionRows();
  await expect(partitions).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const p = partitions.nth(i);
    await expect(p.getByTestId('partition-id')).toHaveText(String(i));
    await expect(p.getByTestId('partition-replicas')).toHaveText(/^\d,\d$/);
    await expect(p.getByTestId('partition-status')).toHaveText('ok');
  }
  await expect(page.getByTestId('topic-broker-skew').locator('tbody tr')).toHaveCount(3);

  await topicPage.openTab('Configs');
  await expect(page).toHaveURL(/tab=configs/);
  const maxBytes = topicPage.configRow('max.message.bytes');
  await expect(maxBytes.getByTestId('config-value')).toContainText('2000000');
  await expect(maxBytes).toContainText('topic override');

  const retention = topicPage.configRow('retention.ms');
  await expect(retention).toContainText('default');
  await topicPage.openEdit('retention.ms');
  await topicPage.checkConfig('retention.ms', 'soon');
  await expect(page.getByLabel('New value for retention.ms')).toHaveAttribute('aria-invalid', 'true');
  await expect(topicPage.editForm('retention.ms')).toContainText('Invalid value soon for configuration retention.ms');
  await topicPage.checkConfig('retention.ms', '3600000');
  await expect(topicPage.editForm('retention.ms').getByTestId('config-preview')).toHaveText(
    'Kafka accepts retention.ms = 3600000 (now 604800000, from default).',
  );
  await expect(topicPage.editForm('retention.ms').getByTestId('cli-equivalent')).toContainText(
    `--entity-type topics --entity-name ${name} --alter --add-config retention.ms=3600000`,
  );
  await expect(retention.getByTestId('config-value')).not.toContainText('3600000');
  await topicPage.confirmConfig('retention.ms');
  await expect(topicPage.editForm('retention.ms')).toHaveCount(0);
  await expect(retention.getByTestId('config-value')).toContainText('3600000');
  await expect(retention).toContainText('topic override');
  await expect(maxBytes.getByTestId('config-value')).toContainText('2000000');

  await topicPage.revertConfig('retention.ms');
  await expect(retention).not.toContainText('topic override');
  await expect(retention.getByTestId('config-value')).toContainText('604800000');
  await expect(maxBytes).toContainText('topic override');

  await topicPage.openTab('Messages');
  await expect(page).toHaveURL(new RegExp(`/topics/${name}/messages$`));
  await expect(page.getByRole('heading', { name: `Messages ${name}` })).toBeVisible();
  await topicPage.openTab('Configs');

  await topicPage.deleteTopic(name);
  await expect(page).toHaveURL(/\/clusters\/local\/topics$/);
  await topics.search(name);
  await expect(page.getByText('No topic matches.')).toBeVisible();
});

test('form errors show on the field: illegal name, replication factor above the broker count, "." vs "_" collision', async ({ page, request }) => {
  const topics = new TopicsPage(page);
  await topics.goto('local');
  const form = await topics.openCreateForm();

  await form.name().fill('bad name!');
  await expect(form.name()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#topic-name-error')).toContainText('letters, digits');

  const name = unique('ui_rf');
  await form.fill({ name, partitions: 1, replicationFactor: 4 });
  await expect(form.name()).not.toHaveAttribute('aria-invalid', 'true');
  await form.check();
  await expect(form.replicationFactor()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#topic-rf-error')).toHaveText('Replication factor 4 is above the number of available brokers (3)');
  await expect(page.getByTestId('create-preview')).toHaveCount(0);

  const dotted = unique('ui.dot');
  const created = await request.post('/api/clusters/local/topics', { data: { name: dotted, partitions: 1, replicationFactor: 1 }, headers: sameOrigin() });
  expect(created.status()).toBe(201);
  try {
    await form.name().fill(dotted.replace('.', '_'));
    await expect(form.form()).toContainText(`Collides with ${dotted}`);
  } finally {
    await request.delete(`/api/clusters/local/topics/${dotted}`, { data: { confirm: dotted }, headers: sameOrigin() });
  }
});

test('the brokers page lists each broker with its partition counts and its configs, sensitive values masked', async ({ page, request }) => {
  const name = unique('ui-brokers');
  expect((await request.post('/api/clusters/local/topics', { data: { name, partitions: 3, replicationFactor: 3 }, headers: sameOrigin() })).status()).toBe(201);
  try {
    const overview = (await (await request.get('/api/clusters/local/overview')).json()) as { brokers: { id: number; leaders: number; replicas: number }[] };
    const brokers = new BrokersPage(page);
    await brokers.goto('local');
    await expect(brokers.brokerRows()).toHaveCount(3);
    for (const b of overview.brokers) {
      expect(b.replicas).toBeGreaterThanOrEqual(3);
      await expect(page.getByTestId(`broker-${b.id}`).getByTestId('broker-leaders')).toHaveText(String(b.leaders));
      await expect(page.getByTestId(`broker-${b.id}`).getByTestId('broker-replicas')).toHaveText(String(b.replicas));
    }
    await brokers.showConfigsOf(2);
    await brokers.filterConfigs('log.retention.hours');
    await expect(brokers.configRow('log.retention.hours').getByTestId('config-value')).toHaveText('168');
    await brokers.filterConfigs('ssl.key.password');
    await expect(brokers.configRow('ssl.key.password').getByTestId('config-value')).toHaveText('hidden (sensitive)');
    await expect(brokers.configRow('ssl.key.password')).toContainText('sensitive');
  } finally {
    await request.delete(`/api/clusters/local/topics/${name}`, { data: { confirm: name }, headers: sameOrigin() });
  }
});
