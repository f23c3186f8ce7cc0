import { expect, type Page } from '@playwright/test';

export class BrokersPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/brokers`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Brokers', exact: true })).toBeVisible();
  }

  brokerRows() {
    return this.page.getByTestId('brokers-list').locator('tbody tr');
  }

  async showConfigsOf(id: number) {
    await this.page.getByRole('button', { name: `Configs of ${id}` }).click();
    await expect(this.page.getByRole('heading', { name: `Configs of broker ${id}` })).toBeVisible();
  }

  configRow(name: string) {
    return this.page
      .getByTestId('configs-table')
      .getByRole('row')
      .filter({ has: this.page.getByTestId(`config-${name}`) });
  }

  async filterConfigs(text: string) {
    await this.page.getByLabel('Filter configs').fill(text);
  }
}
