import { expect, test } from '@playwright/test';
import { GroupPage, GroupsListPage } from '../pages/group-page';
import { cliKafka as testKafka, uniqueName } from '../support/kafka-cli';

const topic = uniqueName('ui-groups');
const group = uniqueName('ui-grp');
let ends: number[] = [];

test.beforeAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '3', '--replication-factor', '1']);
  const lines = Array.from({ length: 45 }, (_, i) => `k${i}:v${i}`).join('\n');
  await testKafka.toolOk('kafka-console-producer', ['--topic', topic, '--property', 'parse.key=true', '--property', 'key.separator=:'], `${lines}\n`);
  await testKafka.toolOk('kafka-consumer-groups', ['--group', group, '--topic', topic, '--reset-offsets', '--to-offset', '2', '--execute']);
  const out = await testKafka.toolOk('kafka-get-offsets', ['--topic', topic, '--time', '-1']);
  ends = [0, 1, 2].map((p) => Number(new RegExp(`^${topic}:${p}:(\\d+)$`, 'm').exec(out)![1]));
});

test.afterAll(async () => {
  await testKafka.toolOk('kafka-topics', ['--delete', '--topic', topic]).catch(() => undefined);
});

test('the groups list finds the group and shows its total lag', async ({ page }) => {
  const list = new GroupsListPage(page);
  await list.goto('local');
  await list.search(group);
  await expect(list.row(group)).toBeVisible();
  await expect(list.row(group).getByTestId('group-lag')).toHaveText(String(ends.reduce((s, e) => s + e - 2, 0)));
  await expect(page.getByTestId('groups-total')).toHaveText('1 group');
  await list.row(group).getByRole('link', { name: group }).click();
  await expect(page.getByRole('heading', { name: group })).toBeVisible();
});

test('reset form: preview, execute, see the new lag, undo', async ({ page }) => {
  const g = new GroupPage(page);
  await g.goto('local', group);
  const lagBefore = ends.reduce((s, e) => s + e - 2, 0);
  await expect(g.topicLag(topic)).toHaveText(String(lagBefore));

  await g.chooseScope('One topic');
  await g.form.getByLabel('Topic', { exact: true }).fill(topic);
  await g.chooseStrategy('A specific offset');
  await g.form.getByLabel(/^Offset/).fill('5');
  await g.preview();
  for (let p = 0; p < 3; p++) {
    const row = g.previewRow(topic, p);
    await expect(row.getByTestId('current')).toHaveText('2');
    await expect(row.getByTestId('new')).toHaveText('5');
    await expect(row.getByTestId('lag-after')).toHaveText(String(ends[p] - 5));
  }
  await expect(page.getByTestId('cli-equivalent')).toContainText(`--group ${group} --reset-offsets --to-offset 5 --topic ${topic} --execute`);

  await g.execute();
  await expect(page.getByText('Reset done: offsets committed now')).toBeVisible();
  for (let p = 0; p < 3; p++) await expect(g.previewRow(topic, p).getByTestId('committed')).toHaveText('5');
  await expect(g.topicLag(topic)).toHaveText(String(ends.reduce((s, e) => s + e - 5, 0)));
  await expect(g.partitionLag(topic, 0)).toHaveText(String(ends[0] - 5));
  const cli = await testKafka.toolOk('kafka-consumer-groups', ['--describe', '--group', group]);
  expect([...cli.matchAll(new RegExp(`${topic}\\s+\\d+\\s+(\\d+)`, 'g'))].map((m) => m[1])).toEqual(['5', '5', '5']);

  await g.undo();
  await expect(page.getByText('Undone: previous offsets restored')).toBeVisible();
  await expect(g.topicLag(topic)).toHaveText(String(lagBefore));
});

test('a shift without a number is flagged on the field and nothing is sent', async ({ page }) => {
  const g = new GroupPage(page);
  await g.goto('local', group);
  await g.chooseStrategy('Shift by N records');
  await g.preview();
  const field = g.form.getByLabel(/^Shift by/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(g.form.getByText('Enter how many records to shift by')).toBeVisible();
  await expect(page.getByTestId('reset-preview')).toHaveCount(0);
});
