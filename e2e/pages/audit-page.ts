import { expect, type Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  async goto(filters: Record<string, string> = {}) {
    const q = new URLSearchParams(filters).toString();
    await this.page.goto(`/audit${q ? `?${q}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Audit trail', exact: true })).toBeVisible();
  }

  rows() {
    return this.page.getByTestId('audit-rows').getByRole('row');
  }

  row(action: string) {
    return this.rows().filter({ has: this.page.getByTestId('audit-action').getByText(action, { exact: true }) });
  }

  async openDetails(action: string) {
    await this.row(action).getByRole('button', { name: 'Details' }).click();
    return this.row(action).getByTestId('audit-details');
  }
}
