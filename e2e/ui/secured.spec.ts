import { expect, test } from '@playwright/test';
import { OverviewPage } from '../pages/overview-page';
import { secureToolOk, uniqueName } from '../support/kafka-cli';

test('a cluster the console cannot sign in to says why, naming the setting to fix', async ({ page }) => {
  await new OverviewPage(page).goto('secure-badpass');
  const alert = page.getByRole('alert').filter({ hasText: 'The console cannot sign in to this cluster' });
  await expect(alert).toContainText('SASL authentication failed: the broker rejected user "console" with SCRAM-SHA-512');
  await new OverviewPage(page).goto('secure-nocert');
  await expect(page.getByRole('alert').filter({ hasText: 'The console cannot sign in to this cluster' })).toContainText('requires a client certificate');
});

test('a principal without DESCRIBE on the cluster: the overview renders, with the grant that would fix it', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto('secure-nobody');
  await overview.expectLoaded();
  await expect(overview.brokerRows()).toHaveCount(1);
  await expect(page.getByTestId('access-warnings')).toContainText('User:nobody lacks DESCRIBE on the cluster');
  await expect(page.getByTestId('access-warnings')).toContainText('--operation Describe --cluster');
  await expect(page.getByTestId('console-principal')).toHaveText('Connected as User:nobody · allowed on the cluster: nothing');
});

test('a principal that may read topics but not groups sees the refusal in place and the rest of the console', async ({ page }) => {
  const topic = uniqueName('ui-limited');
  const group = uniqueName('ui-limited-grp');
  await secureToolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
  await secureToolOk('kafka-consumer-groups', ['--group', group, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
  await page.goto(`/clusters/secure-limited/groups/${group}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This group cannot be shown' })).toContainText(`Not authorized for group ${group}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' }).click();
  await page.getByRole('searchbox', { name: /Search/ }).fill(topic);
  await expect(page.getByRole('link', { name: topic })).toBeVisible();
});
