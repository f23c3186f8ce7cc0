import { expect, test } from '@playwright/test';
import { GroupPage, GroupsListPage } from '../pages/group-page';
import { cliKafka, startCli, uniqueName, type RunningCli } from '../support/kafka-cli';

/**
 * A share group's page against a real share consumer (kafka-console-share-consumer): members,
 * start offsets and lag as kafka-share-groups shows them; then, with the consumer stopped, a
 * start offset reset with its preview and command, executed and undone.
 */
const topic = uniqueName('ui-share');
const group = uniqueName('ui-share-grp');
let consumer: RunningCli | null = null;

/** START-OFFSET per partition from kafka-share-groups --describe --offsets ("-": none). */
async function cliStarts(): Promise<string[]> {
  const out = await cliKafka.toolOk('kafka-share-groups', ['--describe', '--offsets', '--group', group]);
  return [0, 1].map((p) => new RegExp(`^${group}\\s+${topic}\\s+${p}\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '-');
}

test.beforeAll(async () => {
  // The consumer joins and reads everything (a JVM start on a busy machine).
  test.setTimeout(180_000);
  await cliKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1']);
  await cliKafka.toolOk('kafka-configs', ['--alter', '--entity-type', 'groups', '--entity-name', group, '--add-config', 'share.auto.offset.reset=earliest']);
  await cliKafka.toolOk('kafka-console-producer', ['--topic', topic], `${Array.from({ length: 12 }, (_, i) => `s${i}`).join('\n')}\n`);
  consumer = startCli(['run', 'kafka-console-share-consumer', '--bootstrap-server', cliKafka.bootstrap, '--topic', topic, '--group', group]);
  await consumer.waitForOutput(/s11/, 90_000);
});

test.afterAll(async () => {
  await consumer?.stop();
  await cliKafka.toolOk('kafka-share-groups', ['--delete', '--group', group]).catch(() => undefined);
  await cliKafka.toolOk('kafka-topics', ['--delete', '--topic', topic]).catch(() => undefined);
});

test('members, start offsets and lag of a running share group, as kafka-share-groups shows them', async ({ page }) => {
  const list = new GroupsListPage(page);
  await list.goto('local');
  await list.search(group);
  await expect(list.row(group).getByTestId('group-type')).toHaveText(/^share/);

  const g = new GroupPage(page);
  await g.goto('local', group);
  await expect(page.getByText('share group (KIP-932)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('members-table')).toContainText(`${topic}: 0, 1`);
  // Every record acknowledged: the page and the tool show the same start offsets and no lag.
  await expect
    .poll(
      async () => {
        const cli = await cliStarts();
        const ours = await Promise.all([0, 1].map((p) => page.getByTestId(`partition-row-${topic}-${p}`).getByTestId('partition-committed').textContent()));
        return JSON.stringify(ours.map((v) => (v?.trim() === '—' ? '-' : v?.trim()))) === JSON.stringify(cli);
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  await expect(g.topicLag(topic)).toHaveText('0');
  // A running group: Kafka would refuse a reset, and the form says so.
  await expect(page.getByTestId('active-members-warning')).toBeVisible();
});

test('reset the start offsets of the emptied group: preview with the kafka-share-groups command, execute, undo', async ({ page }) => {
  await consumer?.stop();
  consumer = null;
  const before = await cliStarts();
  const g = new GroupPage(page);
  await g.goto('local', group);
  await expect(page.getByTestId('active-members-warning')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Reset start offsets' })).toBeVisible();
  await g.chooseScope('One topic');
  await g.form.getByLabel('Topic', { exact: true }).fill(topic);
  await g.chooseStrategy('Earliest (log start)');
  await g.preview();
  for (let p = 0; p < 2; p++) {
    await expect(g.previewRow(topic, p).getByTestId('current')).toHaveText(before[p] === '-' ? '—' : before[p]);
    await expect(g.previewRow(topic, p).getByTestId('new')).toHaveText('0');
  }
  await expect(page.getByTestId('cli-equivalent')).toHaveText(
    `$kafka-share-groups --bootstrap-server ${cliKafka.bootstrap} --group ${group} --reset-offsets --to-earliest --topic ${topic} --execute`,
  );
  await g.execute();
  await expect(page.getByText('Reset done: start offsets now')).toBeVisible();
  for (let p = 0; p < 2; p++) await expect(g.previewRow(topic, p).getByTestId('committed')).toHaveText('0');
  expect(await cliStarts()).toEqual(['0', '0']);
  await expect(g.topicLag(topic)).toHaveText('12');

  await g.undo();
  await expect(page.getByText('Undone: previous start offsets restored')).toBeVisible();
  expect(await cliStarts()).toEqual(before);
});

test("delete the topic's start offsets with the typed topic name, the kafka-share-groups command shown", async ({ page }) => {
  const g = new GroupPage(page);
  await g.goto('local', group);
  const row = page.getByTestId(`topic-lag-${topic}`);
  await row.getByRole('button', { name: 'Delete start offsets…' }).click();
  await expect(page.getByTestId('cli-equivalent')).toHaveText(
    `$kafka-share-groups --bootstrap-server ${cliKafka.bootstrap.split(',')[0]} --group ${group} --delete-offsets --topic ${topic}`,
  );
  const confirm = row.getByRole('button', { name: 'Delete offsets' });
  await expect(confirm).toBeDisabled();
  await row.getByLabel('Type the topic name').fill(topic);
  await confirm.click();
  await expect(page.getByText(`Deleted the start offsets of group ${group} for topic ${topic}`)).toBeVisible();
  expect(await cliStarts()).toEqual(['-', '-']);
});
