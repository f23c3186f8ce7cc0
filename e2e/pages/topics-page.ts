import { expect, type Page } from '@playwright/test';

export class TopicsPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/topics`);
    await expect(this.page.getByRole('heading', { name: 'Topics', exact: true })).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: /Search/ }).fill(text);
  }

  rows() {
    return this.page.getByTestId('topics-rows').getByRole('row');
  }

  row(name: string) {
    return this.rows().filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openCreateForm() {
    await this.page.getByRole('button', { name: 'Create topic' }).click();
    return new CreateTopicForm(this.page);
  }
}

export class CreateTopicForm {
  constructor(private readonly page: Page) {}

  form() {
    return this.page.getByRole('form', { name: 'Create topic' });
  }

  name() {
    return this.page.getByLabel('Topic name', { exact: true });
  }

  partitions() {
    return this.page.getByLabel('Partitions', { exact: true });
  }

  replicationFactor() {
    return this.page.getByLabel('Replication factor', { exact: true });
  }

  async fill(o: { name: string; partitions: number; replicationFactor: number; configs?: Record<string, string> }) {
    await this.name().fill(o.name);
    await this.partitions().fill(String(o.partitions));
    await this.replicationFactor().fill(String(o.replicationFactor));
    let i = 0;
    for (const [k, v] of Object.entries(o.configs ?? {})) {
      await this.form().getByRole('button', { name: 'Add config' }).click();
      i++;
      await this.page.getByLabel(`Config name ${i}`, { exact: true }).fill(k);
      await this.page.getByLabel(`Config value ${i}`, { exact: true }).fill(v);
    }
  }

  async check() {
    await this.form().getByRole('button', { name: 'Check with Kafka' }).click();
  }

  async confirm(name: string) {
    await this.page.getByRole('button', { name: `Create topic ${name}` }).click();
  }

  cliCommand() {
    return this.form().getByTestId('cli-equivalent');
  }
}
