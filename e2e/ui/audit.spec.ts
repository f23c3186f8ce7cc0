import { expect, test, type Page } from '@playwright/test';
import { AuditPage } from '../pages/audit-page';
import { createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';
import { cliKafka } from '../support/kafka-cli';

/** Signs in through the login API in the page's own context (until a shared sign-in fixture exists). */
async function signIn(page: Page, username: string) {
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as { username: string; password: string }[];
  const user = users.find((u) => u.username === username);
  if (!user) throw new Error(`no test user ${username} in KAFKA_TEST_USERS`);
  const res = await page.request.post('/api/auth/login', { data: user, headers: { origin: process.env.BASE_URL! } });
  expect(res.status()).toBe(200);
}

async function overrides(topic: string): Promise<string> {
  return cliKafka.toolOk('kafka-configs', ['--describe', '--entity-type', 'topics', '--entity-name', topic]);
}

test('an admin finds the config change they just made in the audit trail and undoes it', async ({ page }) => {
  const topic = uniqueName('ui-audit');
  await createTopic(topic, 1);
  try {
    await signIn(page, 'admin');
    const set = await page.request.put(`/api/clusters/local/topics/${topic}/configs/retention.ms`, {
      data: { value: '3600000' },
      headers: { origin: process.env.BASE_URL! },
    });
    expect(set.status()).toBe(200);
    expect(await overrides(topic)).toContain('retention.ms=3600000');

    const audit = new AuditPage(page);
    await audit.goto({ resource: topic });
    const row = audit.row('setTopicConfig');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('audit-user')).toHaveText('admin');
    await expect(row.getByTestId('audit-resource')).toHaveText(`topic ${topic}`);

    const details = await audit.openDetails('setTopicConfig');
    await expect(details.getByTestId('audit-before')).toContainText('"isOverride": false');
    await expect(details.getByTestId('audit-after')).toContainText('"value": "3600000"');
    await details.getByRole('button', { name: 'Undo…' }).click();
    const confirm = details.getByRole('dialog', { name: 'Confirm undo' });
    await expect(confirm).toContainText(`Remove the override of retention.ms on topic ${topic}`);
    await expect(confirm.getByTestId('undo-plan')).toContainText('retention.ms3600000override removed (default applies)');
    await expect(confirm.getByTestId('cli-equivalent')).toHaveText(
      `$kafka-configs.sh --bootstrap-server ${cliKafka.bootstrap} --entity-type topics --entity-name ${topic} --alter --delete-config retention.ms`,
    );
    await confirm.getByRole('button', { name: 'Undo now' }).click();

    await expect(page.getByRole('status')).toContainText(`Undid setTopicConfig on topic ${topic}`);
    await expect(audit.row('undoAuditEntry')).toHaveCount(1);
    await expect(audit.row('setTopicConfig').getByTestId('audit-result')).toContainText('undone');
    expect(await overrides(topic)).not.toContain('retention.ms=');
  } finally {
    await deleteTopic(topic);
  }
});

test('the page tells a viewer the audit trail is for admins', async ({ page }) => {
  await signIn(page, 'viewer');
  await page.goto('/audit');
  const alert = page.getByRole('alert').filter({ hasText: 'The audit trail is for admins' });
  await expect(alert).toContainText('Needs the admin role (permission audit:view)');
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});
