import { expect, type Page } from '@playwright/test';

export class OverviewPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}`);
  }

  brokerRows() {
    return this.page.getByTestId('brokers-table').locator('tbody tr');
  }

  stat(name: string) {
    return this.page.getByTestId(`stat-${name}`);
  }

  async switchCluster(name: string) {
    await this.page.getByLabel('Cluster').selectOption({ label: name });
  }

  async expectLoaded() {
    await expect(this.page.getByRole('heading', { name: 'Cluster overview' })).toBeVisible();
  }
}
