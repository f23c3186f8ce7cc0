import { expect, test } from '@playwright/test';
import { secureToolOk, uniqueName } from '../support/kafka-cli';

/** ACLs in the browser, on the secured cluster: the producer wizard end to end, the explainer, the topic's ACL tab. */
test('producer wizard: preview with the kafka-acls command, create, find by principal, delete exactly those', async ({ page }) => {
  const principal = `User:${uniqueName('ui-producer')}`;
  const topic = uniqueName('ui-acl-orders');
  await page.goto('/clusters/secure/acls');
  await expect(page.getByRole('heading', { name: 'ACLs' })).toBeVisible();
  await page.getByRole('button', { name: 'Add ACLs' }).click();
  await page.getByRole('tab', { name: 'Producer' }).click();
  await page.getByLabel('Principal', { exact: true }).fill(principal);
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByRole('button', { name: 'Preview' }).click();

  const preview = page.getByTestId('acl-preview');
  await expect(preview).toContainText('3 binding(s) will be created');
  await expect(preview.getByTestId('acl-preview-table').getByTestId('acl-row')).toHaveCount(3);
  await expect(preview.getByTestId('cli-equivalent')).toContainText(
    `--add --allow-principal ${principal} --operation Write --operation Describe --operation Create --topic ${topic}`,
  );
  await preview.getByRole('button', { name: 'Create 3 binding(s)' }).click();
  await expect(page.getByTestId('acl-preview')).toHaveCount(0);

  // Kafka's own CLI sees them.
  const listed = await secureToolOk('kafka-acls', ['--list', '--principal', principal]);
  expect(listed.match(/operation=(WRITE|DESCRIBE|CREATE)/g)?.sort()).toEqual(['operation=CREATE', 'operation=DESCRIBE', 'operation=WRITE']);

  await page.getByLabel('Filter by principal').fill(principal);
  await expect(page.getByTestId('acl-total')).toHaveText('3 binding(s)');
  for (const op of ['write', 'describe', 'create']) await page.getByLabel(`Select allow ${op} on topic "${topic}" for ${principal}`).check();
  await page.getByRole('button', { name: 'Delete selected (3)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm deleting ACLs' });
  await expect(dialog.getByTestId('acl-row')).toHaveCount(3);
  await expect(dialog.getByTestId('cli-equivalent')).toContainText(`--remove --allow-principal ${principal}`);
  const del = dialog.getByRole('button', { name: 'Delete 3 binding(s)' });
  await expect(del).toBeDisabled();
  await dialog.getByLabel('Type 3 to confirm').fill('3');
  await del.click();
  await expect(page.getByTestId('acl-total')).toHaveText('0 binding(s)');
  expect(await secureToolOk('kafka-acls', ['--list', '--principal', principal])).not.toMatch(/operation=/);
});

test('the explainer names the deciding binding, and deny wins', async ({ page }) => {
  const principal = `User:${uniqueName('ui-explain')}`;
  const prefix = uniqueName('ui-exp');
  await secureToolOk('kafka-acls', ['--add', '--allow-principal', principal, '--operation', 'Read', '--topic', prefix, '--resource-pattern-type', 'prefixed']);
  await secureToolOk('kafka-acls', ['--add', '--deny-principal', principal, '--operation', 'Read', '--topic', `${prefix}-secret`]);

  await page.goto('/clusters/secure/acls');
  await page.getByRole('button', { name: 'Explain access' }).click();
  const ask = async (topic: string) => {
    await page.getByLabel('Principal', { exact: true }).fill(principal);
    await page.getByLabel('Operation', { exact: true }).selectOption('read');
    await page.getByLabel('Resource name', { exact: true }).fill(topic);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
  };
  await ask(`${prefix}-public`);
  const result = page.getByTestId('explain-result');
  await expect(result).toContainText('Allowed');
  await expect(result.getByTestId('explain-summary')).toContainText(`topics starting with "${prefix}"`);
  await expect(result.getByTestId('explain-decisive')).toContainText(`topics starting with "${prefix}"`);

  await ask(`${prefix}-secret`);
  await expect(result).toContainText('Denied');
  await expect(result.getByTestId('explain-summary')).toContainText('a deny wins over any allow');
  await expect(result.getByTestId('explain-decisive')).toContainText(`topic "${prefix}-secret"`);
});

test("a topic's ACL tab lists the bindings that apply to it, prefixed ones too", async ({ page }) => {
  const topic = uniqueName('ui-acl-tab');
  await secureToolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
  await secureToolOk('kafka-acls', [
    '--add',
    '--allow-principal',
    'User:tab-reader',
    '--operation',
    'Read',
    '--topic',
    topic.slice(0, 10),
    '--resource-pattern-type',
    'prefixed',
  ]);
  await page.goto(`/clusters/secure/topics/${topic}?tab=acls`);
  await expect(page.getByTestId('topic-acls-table').getByTestId('acl-row').filter({ hasText: 'User:tab-reader' })).toContainText(
    `topics starting with "${topic.slice(0, 10)}"`,
  );
});
