import { expect, type Page } from '@playwright/test';

export class TopicPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string, topic: string, tab?: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}${tab ? `?tab=${tab}` : ''}`);
    await this.expectLoaded(topic);
  }

  async expectLoaded(topic: string) {
    await expect(this.page.getByRole('heading', { name: topic, exact: true })).toBeVisible();
  }

  async openTab(label: string) {
    await this.page.getByRole('navigation', { name: 'Topic sections' }).getByRole('link', { name: label }).click();
  }

  partitionRows() {
    return this.page.getByTestId('partitions-table').getByRole('rowgroup').getByRole('row');
  }

  configRow(name: string) {
    return this.page
      .getByTestId('configs-table')
      .getByRole('row')
      .filter({ has: this.page.getByTestId(`config-${name}`) });
  }

  editForm(name: string) {
    return this.page.getByRole('form', { name: `Edit ${name}` });
  }

  async openEdit(name: string) {
    await this.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
  }

  /** Fills the value and asks Kafka to validate it (validate-only); nothing is written yet. */
  async checkConfig(name: string, value: string) {
    await this.page.getByLabel(`New value for ${name}`).fill(value);
    await this.editForm(name).getByRole('button', { name: 'Check with Kafka' }).click();
  }

  async confirmConfig(name: string) {
    await this.editForm(name)
      .getByRole('button', { name: `Set ${name}`, exact: true })
      .click();
  }

  async revertConfig(name: string) {
    await this.page.getByRole('button', { name: `Revert ${name}`, exact: true }).click();
    await this.page
      .getByRole('group', { name: `Revert ${name}` })
      .getByRole('button', { name: `Revert ${name}`, exact: true })
      .click();
  }

  async deleteTopic(name: string) {
    await this.page.getByRole('button', { name: 'Delete topic' }).click();
    await this.page.getByLabel('Type the topic name to confirm').fill(name);
    await this.page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
  }
}
