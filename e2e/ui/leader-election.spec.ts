import { expect, test } from '@playwright/test';

test('preferred leader election on the brokers page: preview with the command, elect, then nothing is left to move', async ({ page }) => {
  await page.goto('/clusters/local/brokers');
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Preferred leader election' }) });
  const preview = () => card.getByRole('button', { name: 'Preview' }).click();
  await preview();
  await expect(card.getByTestId('election-preview')).toBeVisible();
  await expect(card.getByTestId('cli-equivalent')).toContainText('kafka-leader-election --bootstrap-server');
  await expect(card.getByTestId('cli-equivalent')).toContainText('--election-type PREFERRED --all-topic-partitions');
  const elect = card.getByRole('button', { name: /Elect preferred leaders/ });
  if (await elect.isVisible()) {
    await elect.click();
    await expect(card.getByTestId('election-preview')).toHaveCount(0);
    await preview();
  }
  // Nothing left that an election can move: every partition is led by its preferred replica, or that replica is not in sync yet.
  await expect(card.getByTestId('election-preview')).toContainText(/no election is needed|^0 partition\(s\) will move/);
  await expect(elect).toHaveCount(0);
});
