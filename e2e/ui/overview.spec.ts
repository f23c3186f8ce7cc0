import { expect, test } from '@playwright/test';
import { OverviewPage } from '../pages/overview-page';

test('the home page opens the first cluster and shows its brokers and controller', async ({ page }) => {
  const overview = new OverviewPage(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/clusters\/local$/);
  await overview.expectLoaded();
  await expect(overview.brokerRows()).toHaveCount(3);
  await expect(overview.stat('brokers')).toHaveText('3 / 3');
  await expect(overview.stat('controller')).toHaveText(/^[123]$/);
  await expect(page.getByText('reachable', { exact: true })).toHaveCount(3);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' })).toBeVisible();
});

test('an unreachable cluster says which address fails and why instead of spinning', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto('local');
  await overview.expectLoaded();
  await overview.switchCluster('Unreachable cluster');
  await expect(page).toHaveURL(/\/clusters\/offline$/);
  const alert = page.getByRole('alert').filter({ hasText: 'The cluster cannot be reached' });
  await expect(alert).toContainText('The cluster cannot be reached');
  await expect(alert).toContainText(/127\.0\.0\.1:\d+.*connection refused/);
});

test('dark mode toggles and persists', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto('local');
  await overview.expectLoaded();
  const html = page.locator('html');
  const wasDark = ((await html.getAttribute('class')) ?? '').includes('dark');
  await page.getByRole('button', { name: wasDark ? 'Light mode' : 'Dark mode' }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});

test('a broker advertising an unreachable address is shown with that address and the reason', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto('misadvertised');
  await overview.expectLoaded();
  const row = page.getByTestId('broker-row-1');
  await expect(row).toContainText('unreachable');
  await expect(row).toContainText(/kafka-1\.unreachable\.invalid:\d+/);
  await expect(row).toContainText('does not resolve');
});
