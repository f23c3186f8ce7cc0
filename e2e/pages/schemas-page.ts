import { expect, type Page } from '@playwright/test';

export class SchemasPage {
  constructor(private readonly page: Page) {}

  async goto(cluster: string) {
    await this.page.goto(`/clusters/${encodeURIComponent(cluster)}/schemas`);
    await expect(this.page.getByRole('heading', { name: 'Schemas', level: 1 })).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByLabel('Search subjects').fill(text);
    await expect(this.page.getByTestId('subject-count')).toHaveText('1 subject');
  }

  async open(subject: string) {
    await this.page.getByRole('button', { name: subject }).click();
    await expect(this.page.getByTestId('subject-title')).toHaveText(subject);
  }

  schemaInput() {
    return this.page.getByLabel('Schema', { exact: true });
  }
}
