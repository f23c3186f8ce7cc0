import { expect, test } from '@playwright/test';
import { GroupPage, GroupsListPage } from '../pages/group-page';
import { cliKafka, startCli, uniqueName, type RunningCli } from '../support/kafka-cli';

/**
 * A streams group's page against a real Kafka Streams application (Kafka's WordCount demo with
 * group.protocol=streams): its tasks per member and its topology, as kafka-streams-groups shows them.
 */
const group = uniqueName('ui-wordcount');
const store = `${group}-KSTREAM-AGGREGATE-STATE-STORE-0000000003`;
const input = 'streams-plaintext-input';
let app: RunningCli | null = null;

test.beforeAll(async () => {
  // The first run fetches the demo's jars from Maven Central (scripts/kafka/streams-app.ts).
  test.setTimeout(180_000);
  for (const t of [input, 'streams-wordcount-output'])
    await cliKafka.toolOk('kafka-topics', ['--create', '--if-not-exists', '--topic', t, '--partitions', '2', '--replication-factor', '1']);
  await cliKafka.toolOk('kafka-console-producer', ['--topic', input], 'hello ui\nstreams in the browser\n');
  app = startCli(['wordcount', cliKafka.bootstrap, group]);
  await app.waitForOutput(/WordCount started/, 60_000);
});

test.afterAll(async () => {
  await app?.stop();
  await cliKafka.toolOk('kafka-streams-groups', ['--delete', '--group', group]).catch(() => undefined);
  for (const t of [`${store}-repartition`, `${store}-changelog`, input, 'streams-wordcount-output'])
    await cliKafka.toolOk('kafka-topics', ['--delete', '--if-exists', '--topic', t]).catch(() => undefined);
});

test('the streams group page shows the tasks and the topology kafka-streams-groups describes', async ({ page }) => {
  test.setTimeout(150_000);
  // The app joins and gets its tasks: the tool's view first.
  await expect
    .poll(
      async () =>
        (await cliKafka.toolOk('kafka-streams-groups', ['--describe', '--members', '--verbose', '--group', group]).catch(() => '')).includes(
          'ACTIVE: 0:[0,1]; 1:[0,1];',
        ),
      {
        timeout: 90_000,
        intervals: [1_000],
      },
    )
    .toBe(true);
  const members = await cliKafka.toolOk('kafka-streams-groups', ['--describe', '--members', '--verbose', '--group', group]);
  const memberId = new RegExp(`^${group}\\s+\\d+\\s+\\d+\\s+(\\S+)`, 'm').exec(members)![1];

  const list = new GroupsListPage(page);
  await list.goto('local');
  await list.search(group);
  await expect(list.row(group).getByTestId('group-type')).toHaveText(/^streams/);

  const g = new GroupPage(page);
  await g.goto('local', group);
  await expect(page.getByText('streams group (KIP-1071)', { exact: true })).toBeVisible();
  const row = page.getByTestId(`streams-member-${memberId}`);
  await expect(row.getByTestId('active-tasks')).toHaveText('0: 0, 1; 1: 0, 1');
  await expect(row.getByTestId('standby-tasks')).toHaveText('—');
  await expect(page.getByTestId('subtopology-0')).toContainText(input);
  await expect(page.getByTestId('subtopology-0')).toContainText(`${store}-repartition`);
  await expect(page.getByTestId('subtopology-1')).toContainText(`${store}-changelog`);
  await expect(page.getByTestId('streams-reset-note')).toContainText(`kafka-streams-groups --bootstrap-server`);
  await expect(g.topicLag(input)).toHaveText('0');
});
