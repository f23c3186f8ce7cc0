import { expect, type Page } from '@playwright/test';

export class GroupsListPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/groups`);
    await expect(this.page.getByRole('heading', { name: 'Consumer groups' })).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByLabel('Search').fill(text);
  }

  row(group: string) {
    return this.page.getByTestId(`group-row-${group}`);
  }
}

export class GroupPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string, group: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(group)}`);
    await expect(this.page.getByRole('heading', { name: group })).toBeVisible();
  }

  topicLag(topic: string) {
    return this.page.getByTestId(`topic-lag-${topic}`).getByTestId('topic-lag');
  }

  partitionLag(topic: string, partition: number) {
    return this.page.getByTestId(`partition-row-${topic}-${partition}`).getByTestId('partition-lag');
  }

  get form() {
    return this.page.getByRole('form', { name: 'Reset offsets' });
  }

  async chooseScope(scope: 'Whole group' | 'One topic' | 'Chosen partitions') {
    await this.form.getByLabel(scope).check();
  }

  async chooseStrategy(label: string) {
    await this.form.getByLabel('Strategy').selectOption({ label });
  }

  async preview() {
    await this.form.getByRole('button', { name: 'Preview' }).click();
  }

  previewRow(topic: string, partition: number) {
    return this.page.getByTestId(`reset-row-${topic}-${partition}`);
  }

  async execute() {
    await this.page.getByRole('button', { name: /^Execute: write these \d+ offsets$/ }).click();
  }

  async undo() {
    await this.page.getByRole('button', { name: /^Undo: restore the offsets/ }).click();
  }
}
