import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConnectPage } from '../pages/connect-page';
import { cliKafka, uniqueName } from '../support/kafka-cli';

function connectInfo(): { workers: string[]; dataDir: string } {
  const v = process.env.KAFKA_TEST_CONNECT;
  if (!v) throw new Error('KAFKA_TEST_CONNECT is not set: run the browser tests through npm test');
  return JSON.parse(v);
}

async function workerState(name: string): Promise<string | null> {
  const res = await fetch(`${connectInfo().workers[0]}/connectors/${encodeURIComponent(name)}/status`);
  return res.status === 200 ? ((await res.json()) as { connector: { state: string } }).connector.state : null;
}

test('create a FileStreamSource from the generated form, see it RUNNING, pause, resume, delete; the workers agree at each step', async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName('ui-source');
  const topic = uniqueName('ui-connect');
  const dir = join(connectInfo().dataDir, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'in.txt');
  writeFileSync(file, 'one\ntwo\n');
  await cliKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);

  const connect = new ConnectPage(page);
  await connect.gotoList('local');
  // The unreachable Connect cluster of the test config is shown with its URL; the page works on.
  await expect(page.getByTestId('connect-cluster-problem')).toContainText(/Connect cluster down cannot be reached \(HTTP 503, http:\/\/127\.0\.0\.1:\d+\)/);

  await connect.startCreate('FileStreamSource (source)');
  await page.getByLabel('Connector name').fill(name);
  // The generated form: the plugin's own fields from its config definition, then the worker's common ones.
  await expect(connect.field('file')).toBeVisible();
  await expect(connect.field('tasks.max')).toBeVisible();
  // The worker's validation, shown on the field.
  await connect.fill('tasks.max', 'many');
  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(connect.field('tasks.max').getByTestId('field-error').first()).toContainText('Invalid value many');
  await connect.fill('tasks.max', '1');
  await connect.fill('file', file);
  await connect.fill('topic', topic);
  await expect(page.getByTestId('cli-equivalent')).toContainText(`-X POST -H 'Content-Type: application/json' --data`);
  await page.getByRole('button', { name: 'Create connector' }).click();

  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(connect.state()).toHaveText('RUNNING', { timeout: 60_000 });
  expect(await workerState(name)).toBe('RUNNING');
  expect((await cliKafka.toolOk('kafka-console-consumer', ['--topic', topic, '--from-beginning', '--max-messages', '2', '--timeout-ms', '60000'])).trim()).toBe(
    'one\ntwo',
  );
  await expect(page.getByTestId('connector-topics')).toContainText(topic);

  await connect.act('Pause', new RegExp(`-X PUT http://127\\.0\\.0\\.1:\\d+/connectors/${name}/pause`));
  await expect(connect.state()).toHaveText('PAUSED', { timeout: 30_000 });
  expect(await workerState(name)).toBe('PAUSED');

  await connect.act('Resume', new RegExp(`/connectors/${name}/resume`));
  await expect(connect.state()).toHaveText('RUNNING', { timeout: 30_000 });
  expect(await workerState(name)).toBe('RUNNING');

  await page.getByRole('button', { name: 'Delete connector' }).click();
  await expect(page.getByRole('button', { name: `Delete ${name}` })).toBeDisabled();
  await page.getByLabel('Type the connector name to confirm').fill(name);
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByRole('heading', { name: 'Kafka Connect', exact: true })).toBeVisible();
  await expect(connect.row(name)).toHaveCount(0);
  await expect.poll(() => workerState(name), { timeout: 30_000 }).toBeNull();
});

test('a failed task: its count in the navigation and the table, FAILED with its trace on the connector page, restarted from a bulk restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = uniqueName('ui-broken');
  const topic = uniqueName('ui-broken-topic');
  await cliKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
  // Made on the worker directly: a sink whose file cannot be created fails its task.
  const made = await fetch(`${connectInfo().workers[0]}/connectors/${name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ 'connector.class': 'FileStreamSink', topics: topic, file: '/proc/no-such-dir/out.txt' }),
  });
  expect(made.status).toBe(201);
  try {
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${connectInfo().workers[0]}/connectors/${name}/status`)).json()) as { tasks?: { state: string }[] }).tasks?.[0]?.state,
        {
          timeout: 60_000,
        },
      )
      .toBe('FAILED');
    const connect = new ConnectPage(page);
    await connect.gotoList('local');
    await expect(page.getByTestId('nav-failed-tasks')).toHaveText(/^[1-9]\d*$/);
    await page.getByLabel('State').selectOption('RUNNING');
    await expect(connect.row(name).getByTestId('tasks-failed')).toHaveText('1');
    await connect.row(name).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Restart failed tasks (1)' }).click();
    await expect(page.getByTestId('cli-equivalent').filter({ hasText: `/connectors/${name}/restart?includeTasks=true&onlyFailed=true` })).toBeVisible();
    await page.getByRole('button', { name: 'Restart failed tasks', exact: true }).click();
    // The console sent it (its audit entry) and the worker answered with the task it restarts.
    await expect
      .poll(() =>
        readFileSync(process.env.KAFKA_TEST_AUDIT as string, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { action: string; resource?: string; result: { ok: boolean }; after?: { includeTasks?: boolean; onlyFailed?: boolean } })
          .some((e) => e.action === 'connectorAction' && e.resource === `connector main/${name}` && e.result.ok && e.after?.onlyFailed === true),
      )
      .toBe(true);

    await connect.row(name).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    const task = page.getByTestId('task-row').first();
    await expect(task.getByTestId('connector-state')).toHaveText('FAILED', { timeout: 60_000 });
    await task.locator('summary').click();
    await expect(task.getByTestId('task-trace')).toContainText(/ConnectException|NoSuchFileException|FileNotFoundException/);
  } finally {
    await fetch(`${connectInfo().workers[0]}/connectors/${name}`, { method: 'DELETE' });
  }
});
