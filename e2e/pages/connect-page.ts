import { expect, type Page } from '@playwright/test';

/** The Connect pages: the connectors list, the create form, one connector. */
export class ConnectPage {
  constructor(private readonly page: Page) {}

  async gotoList(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/connect`);
    await expect(this.page.getByRole('heading', { name: 'Kafka Connect', exact: true })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByTestId('connector-row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Opens the create form and picks the Connect cluster's plugin. */
  async startCreate(plugin: string) {
    await this.page.getByRole('button', { name: 'New connector' }).click();
    await expect(this.page.getByRole('heading', { name: 'New connector' })).toBeVisible();
    await this.page.getByLabel('Plugin').selectOption({ label: plugin });
  }

  field(name: string) {
    return this.page.getByTestId('config-field').and(this.page.locator(`[data-name="${name}"]`));
  }

  async fill(name: string, value: string) {
    await this.field(name).getByLabel(name, { exact: true }).fill(value);
  }

  state() {
    return this.page.locator('h1 + span[data-testid="connector-state"]');
  }

  /** Chooses an action, checks its curl call, sends it. */
  async act(label: string, curl: RegExp) {
    await this.page.getByRole('button', { name: label, exact: true }).click();
    const preview = this.page.getByTestId('action-preview');
    await expect(preview.getByTestId('cli-equivalent')).toContainText(curl);
    await preview.getByRole('button', { name: `${label} now` }).click();
    await expect(preview).toBeHidden();
  }
}
