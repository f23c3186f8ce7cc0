import { expect, test, type Locator, type Page } from '@playwright/test';
import { BrokersPage } from '../pages/brokers-page';
import { GroupPage } from '../pages/group-page';
import { MessagesPage } from '../pages/messages-page';
import { TopicPage } from '../pages/topic-page';
import { TopicsPage } from '../pages/topics-page';
import { createTopic, deleteTopic } from '../support/browser-kafka';
import { cliKafka, uniqueName } from '../support/kafka-cli';
import { signIn } from '../support/sign-in';

/**
 * What each role sees: actions it may not take are inert (aria-disabled) and say why, in
 * the words the API would use; a read-only cluster refuses every write, even to an admin.
 */
const topic = uniqueName('ui-roles');
const teamTopic = `team-a.${uniqueName('ui-roles')}`;
const group = uniqueName('ui-roles-grp');

test.beforeAll(async () => {
  await createTopic(topic, 2, [{ key: 'k', value: 'v' }]);
  await createTopic(teamTopic, 1);
  await cliKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute']);
});

test.afterAll(async () => {
  await cliKafka.toolOk('kafka-consumer-groups', ['--delete', '--group', group]).catch(() => undefined);
  await deleteTopic(topic).catch(() => undefined);
  await deleteTopic(teamTopic).catch(() => undefined);
});

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' ? true : undefined });

/** Inert, with the reason on hover (title) and as its accessible description. */
async function expectDenied(control: Locator, reason: string) {
  await expect(control).toBeDisabled();
  await expect(control).toHaveAttribute('title', reason);
  await expect(control).toHaveAccessibleDescription(reason);
}

async function expectAllowed(control: Locator) {
  await expect(control).toBeEnabled();
  await expect(control).not.toHaveAttribute('title');
}

test.describe('viewer', () => {
  test.beforeEach(({ page }) => signIn(page, 'viewer'));

  test('create, delete, add partitions and config edits are disabled and say why', async ({ page }) => {
    const topics = new TopicsPage(page);
    await topics.goto('local');
    const create = button(page, 'Create topic');
    await expectDenied(create, 'Needs the operator role (permission topics:create) on cluster local');
    await create.click({ force: true });
    await expect(page.getByRole('form', { name: 'Create topic' })).toHaveCount(0);

    const topicPage = new TopicPage(page);
    await topicPage.goto('local', topic);
    const del = button(page, 'Delete topic');
    await expectDenied(del, `Needs the admin role (permission topics:delete) on cluster local, topic ${topic}`);
    await expectDenied(button(page, 'Add partitions'), `Needs the operator role (permission topics:alter) on cluster local, topic ${topic}`);
    await del.focus();
    await expect(page.getByRole('tooltip')).toHaveText(`Needs the admin role (permission topics:delete) on cluster local, topic ${topic}`);
    await page.screenshot({ path: test.info().outputPath('viewer-delete-topic.png') });
    await del.click({ force: true });
    await expect(page.getByLabel('Type the topic name to confirm')).toHaveCount(0);

    await topicPage.openTab('Configs');
    await expectDenied(button(page, 'Edit retention.ms'), `Needs the operator role (permission topics:alter) on cluster local, topic ${topic}`);
  });

  test('produce is disabled and says why; browsing works', async ({ page }) => {
    const messages = new MessagesPage(page);
    await messages.goto('local', topic);
    await expectDenied(button(page, 'Produce a record'), `Needs the operator role (permission messages:produce) on cluster local, topic ${topic}`);
    await expect(page.getByRole('form', { name: 'Produce a record' })).toHaveCount(0);
  });

  test('a reset can be previewed but not executed; offsets and the group cannot be deleted', async ({ page }) => {
    const g = new GroupPage(page);
    await g.goto('local', group);
    await g.chooseScope('Whole group');
    await g.chooseStrategy('Latest (log end: skip everything)');
    await g.preview();
    await expect(g.previewRow(topic, 0).getByTestId('new')).toBeVisible();
    await expectDenied(
      button(page, /^Execute: write these \d+ offsets$/),
      `Needs the operator role (permission groups:reset) on cluster local, group ${group}`,
    );
    await expectDenied(
      button(page, 'Delete committed offsets…'),
      `Needs the admin role (permission groups:delete) on cluster local, topic ${topic}, group ${group}`,
    );
    await expectDenied(button(page, 'Delete group'), `Needs the admin role (permission groups:delete) on cluster local, group ${group}`);
  });

  test('broker configs cannot be edited', async ({ page }) => {
    const brokers = new BrokersPage(page);
    await brokers.goto('local');
    await brokers.showConfigsOf(1);
    await brokers.filterConfigs('log.cleaner.backoff.ms');
    await expectDenied(button(page, 'Edit log.cleaner.backoff.ms'), 'Needs the admin role (permission brokers:alter) on cluster local');
  });
});

test.describe('operator', () => {
  test.beforeEach(({ page }) => signIn(page, 'operator'));

  test('may create a topic but not delete one', async ({ page }) => {
    const topicPage = new TopicPage(page);
    await topicPage.goto('local', topic);
    await expectDenied(button(page, 'Delete topic'), `Needs the admin role (permission topics:delete) on cluster local, topic ${topic}`);
    await expectAllowed(button(page, 'Add partitions'));

    const created = uniqueName('ui-roles-op');
    try {
      const topics = new TopicsPage(page);
      await topics.goto('local');
      const form = await topics.openCreateForm();
      await form.fill({ name: created, partitions: 1, replicationFactor: 1 });
      await form.check();
      await form.confirm(created);
      await topicPage.expectLoaded(created);
    } finally {
      await deleteTopic(created).catch(() => undefined);
    }
  });
});

test.describe('team-a (operator on topics starting with "team-a.")', () => {
  test.beforeEach(({ page }) => signIn(page, 'team-a'));

  test('may change its own topics only', async ({ page }) => {
    const topicPage = new TopicPage(page);
    await topicPage.goto('local', teamTopic);
    await expectAllowed(button(page, 'Add partitions'));
    await expectDenied(button(page, 'Delete topic'), `Needs the admin role (permission topics:delete) on cluster local, topic ${teamTopic}`);

    await topicPage.goto('local', topic);
    await expectDenied(button(page, 'Add partitions'), `Needs the operator role (permission topics:alter) on cluster local, topic ${topic}`);

    const topics = new TopicsPage(page);
    await topics.goto('local');
    const form = await topics.openCreateForm();
    await form.name().fill(uniqueName('other'));
    await expect(form.form().getByRole('button', { name: 'Check with Kafka' })).toHaveAttribute(
      'title',
      /^Needs the operator role \(permission topics:create\) on cluster local, topic other-/,
    );
    await form.name().fill(uniqueName('team-a.new'));
    await expectAllowed(form.form().getByRole('button', { name: 'Check with Kafka' }));
  });
});

test.describe('admin', () => {
  test.beforeEach(({ page }) => signIn(page, 'admin'));

  test('on the read-only cluster every write is disabled, reads work', async ({ page }) => {
    const reason = 'Cluster frozen is read-only in this console';
    const topics = new TopicsPage(page);
    await topics.goto('frozen');
    await expectDenied(button(page, 'Create topic'), reason);

    const topicPage = new TopicPage(page);
    await topicPage.goto('frozen', topic);
    await expect(topicPage.partitionRows()).toHaveCount(2);
    await expectDenied(button(page, 'Delete topic'), reason);
    await expectDenied(button(page, 'Add partitions'), reason);
    await topicPage.openTab('Configs');
    await expectDenied(button(page, 'Edit retention.ms'), reason);

    await new MessagesPage(page).goto('frozen', topic);
    await expectDenied(button(page, 'Produce a record'), reason);

    const g = new GroupPage(page);
    await g.goto('frozen', group);
    await g.chooseScope('Whole group');
    await g.preview();
    await expectDenied(button(page, /^Execute: write these \d+ offsets$/), reason);
    await expectDenied(button(page, 'Delete group'), reason);

    const brokers = new BrokersPage(page);
    await brokers.goto('frozen');
    await brokers.showConfigsOf(1);
    await brokers.filterConfigs('log.cleaner.backoff.ms');
    await expectDenied(button(page, 'Edit log.cleaner.backoff.ms'), reason);
  });

  test('a broker config change and its revert are confirmed by typing the broker id', async ({ page }) => {
    const name = 'log.cleaner.backoff.ms';
    const brokers = new BrokersPage(page);
    await brokers.goto('local');
    await brokers.showConfigsOf(1);
    await brokers.filterConfigs(name);
    const row = brokers.configRow(name);
    try {
      await button(page, `Edit ${name}`).click();
      const form = page.getByRole('form', { name: `Edit ${name}` });
      await form.getByLabel(`New value for ${name}`).fill('20000');
      await expect(form.getByTestId('cli-equivalent')).toContainText(`--entity-type brokers --entity-name 1 --alter --add-config ${name}=20000`);
      const check = form.getByRole('button', { name: 'Check with Kafka' });
      await expect(check).toBeDisabled();
      await form.getByLabel('Type the broker id (1) to confirm').fill('1');
      await check.click();
      await expect(form.getByTestId('config-preview')).toContainText(`Kafka accepts ${name} = 20000`);
      await form.getByRole('button', { name: `Set ${name}`, exact: true }).click();
      await expect(form).toHaveCount(0);
      await expect(row.getByTestId('config-value')).toContainText('20000');
      await expect(row).toContainText('broker (dynamic)');

      await button(page, `Revert ${name}`).click();
      const revert = page.getByRole('group', { name: `Revert ${name}` });
      const confirm = revert.getByRole('button', { name: `Revert ${name}`, exact: true });
      await expect(confirm).toBeDisabled();
      await revert.getByLabel('Type the broker id (1) to confirm').fill('1');
      await confirm.click();
      await expect(row).not.toContainText('broker (dynamic)');
    } finally {
      await page.request.delete(`/api/clusters/local/brokers/1/configs/${name}`, {
        data: { confirm: '1' },
        headers: { origin: new URL(process.env.BASE_URL!).origin },
      });
    }
  });
});

// Signed out: sign-in.spec.ts (a page without a session goes to /login?next=... and back after sign-in).
