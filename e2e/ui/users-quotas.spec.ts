import { expect, test } from '@playwright/test';
import { secureToolOk, uniqueName } from '../support/kafka-cli';

test('add a SCRAM user: the command shows the password elided, the list and kafka-configs show the credential', async ({ page }) => {
  const user = uniqueName('ui-user');
  await page.goto('/clusters/secure/users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const form = page.getByRole('form', { name: 'Add a SCRAM user' });
  await form.getByLabel('User', { exact: true }).fill(user);
  await form.getByLabel('Password (8 characters or more)').fill('correct-horse-1');
  await form.getByLabel('Password again').fill('correct-horse-2');
  await expect(form.getByText('The passwords differ')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Create user' })).toBeDisabled();
  await form.getByLabel('Password again').fill('correct-horse-1');
  await expect(form.getByTestId('cli-equivalent')).toContainText(
    `--add-config 'SCRAM-SHA-512=[iterations=8192,password=********]' --entity-type users --entity-name ${user}`,
  );
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('user-row').filter({ hasText: user })).toContainText('8192');
  expect(await secureToolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user])).toMatch(/SCRAM-SHA-512=iterations=8192/);
});

test('set a quota with a preview of before and after, then see it listed in human units', async ({ page }) => {
  const user = uniqueName('ui-quota');
  await page.goto('/clusters/secure/quotas');
  await page.getByRole('button', { name: 'Add quota' }).click();
  await page.getByLabel('User', { exact: true }).fill(user);
  await page.getByLabel('Produce rate (bytes/s)').fill('1048576');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('quota-preview');
  await expect(preview).toContainText('producer_byte_rate');
  await expect(preview).toContainText('not set');
  await expect(preview).toContainText('1 MiB/s');
  await expect(preview.getByTestId('cli-equivalent')).toContainText(`--add-config producer_byte_rate=1048576 --entity-type users --entity-name ${user}`);
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('quota-row').filter({ hasText: user })).toContainText('producer_byte_rate 1 MiB/s');
  expect(await secureToolOk('kafka-configs', ['--describe', '--entity-type', 'users', '--entity-name', user])).toMatch(/producer_byte_rate=1048576\.0/);
});
