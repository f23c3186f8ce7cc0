import { expect, type Page } from '@playwright/test';

export class MessagesPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string, topic: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}/messages`);
    await expect(this.page.getByRole('heading', { name: `Messages ${topic}` })).toBeVisible();
  }

  tab(name: 'Browse' | 'Search' | 'Live tail') {
    return this.page.getByRole('tab', { name });
  }

  rows() {
    return this.page.getByTestId('record-row');
  }

  row(text: string | RegExp) {
    return this.rows().filter({ hasText: text });
  }

  detail() {
    return this.page.getByTestId('record-detail');
  }

  async browse(from: 'newest (last N)' | 'oldest') {
    await this.tab('Browse').click();
    await this.page.getByLabel('Start from').selectOption({ label: from });
    await this.page.getByRole('button', { name: 'Load' }).click();
  }

  async openProduceForm() {
    await this.page.getByRole('button', { name: 'Produce a record' }).click();
    return this.page.getByRole('form', { name: 'Produce a record' });
  }

  async produce(opts: { key?: string; value: string; headers?: [string, string][]; partition?: number }) {
    const form = this.page.getByRole('form', { name: 'Produce a record' });
    await form.getByLabel('Key', { exact: true }).fill(opts.key ?? '');
    await form.getByLabel('Value', { exact: true }).fill(opts.value);
    for (const [i, [k, v]] of (opts.headers ?? []).entries()) {
      await form.getByRole('button', { name: 'Add header' }).click();
      await form.getByLabel(`Header ${i + 1} name`).fill(k);
      await form.getByLabel(`Header ${i + 1} value`).fill(v);
    }
    await form.getByLabel('Partition').fill(opts.partition === undefined ? '' : String(opts.partition));
    await form.getByRole('button', { name: 'Produce', exact: true }).click();
    return this.page.getByTestId('produce-result');
  }

  async startTail() {
    await this.tab('Live tail').click();
    await this.page.getByRole('button', { name: 'Start live tail' }).click();
    await expect(this.page.getByTestId('tail-status').getByText('live')).toBeVisible();
  }
}
