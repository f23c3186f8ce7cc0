import { expect, test } from '@playwright/test';
import { MessagesPage } from '../pages/messages-page';
import { SchemasPage } from '../pages/schemas-page';
import { createTopic, deleteTopic, uniqueName } from '../support/browser-kafka';

/** Registers a schema through the registry's own REST API (the run's Apicurio, KAFKA_TEST_REGISTRY). */
async function register(subject: string, schema: unknown): Promise<number> {
  const res = await fetch(`${process.env.KAFKA_TEST_REGISTRY}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!res.ok) throw new Error(`registering ${subject}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'ui.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'items', type: { type: 'array', items: 'string' } },
  ],
};

test('produce an Avro record with a schema, browse the topic, open the record and see its decoded fields', async ({ page }) => {
  const topic = uniqueName('ui-avro');
  await createTopic(topic, 1);
  try {
    const id = await register(`${topic}-value`, order);
    const messages = new MessagesPage(page);
    await messages.goto('local', topic);
    const form = await messages.openProduceForm();
    await form.getByLabel('Encode with subject (schema registry)').fill(`${topic}-value`);
    // A value that does not fit: the error shows on the field, nothing is written.
    await messages.produce({ key: 'o-1', value: '{"id": "o-1", "total": "12.345", "items": []}' });
    await expect(form.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/at \/total: more than 2 decimal places/)).toBeVisible();
    // A key subject the registry does not have: the reason shows on the key's subject field.
    await form.getByLabel('Encode key with subject').fill(`${topic}-key`);
    await form.getByLabel('Key version').fill('3');
    await messages.produce({ key: '"o-1"', value: '{"id": "o-1", "total": "12.34", "items": []}' });
    await expect(form.getByTestId('produce-key-schema-error')).toContainText(`${topic}-key`);
    await form.getByLabel('Encode key with subject').fill('');
    await form.getByLabel('Key version').fill('');
    const result = await messages.produce({ key: 'o-1', value: '{"id": "o-1", "total": "12.34", "items": ["apple", "pear"]}' });
    await expect(result).toHaveText(/Written to partition 0 at offset 0/);

    await messages.browse('oldest');
    await expect(messages.rows()).toHaveCount(1);
    await expect(messages.row('o-1')).toContainText('"total":"12.34"');
    await messages.row('o-1').click();
    const schema = messages.detail().getByTestId('detail-value-schema');
    await expect(schema).toContainText(`schema id ${id}`);
    await expect(schema).toContainText('Avro');
    await expect(schema).toContainText(`${topic}-value v1`);
    const value = messages.detail().getByTestId('detail-value');
    await expect(value).toHaveAttribute('data-kind', 'decoded');
    await expect(value).toContainText('"total"');
    await expect(value).toContainText('"12.34"');
    await expect(value).toContainText('"pear"');

    // The topic's Schemas tab names the subject its records use.
    await page.goto(`/clusters/local/topics/${topic}?tab=schemas`);
    const row = page.getByTestId('topic-subjects').getByRole('row', { name: new RegExp(`${topic}-value`) });
    await expect(row).toContainText('topic name');
    await expect(row).toContainText(String(id));
  } finally {
    await deleteTopic(topic);
  }
});

test('schemas page: find a subject, read and diff its versions, check and register, change compatibility, delete it', async ({ page }) => {
  const subject = `${uniqueName('ui-subj')}-value`;
  await register(subject, order);
  const schemas = new SchemasPage(page);
  await schemas.goto('local');
  await schemas.search(subject);
  await schemas.open(subject);
  await expect(page.getByTestId('schema-text')).toContainText('"ui.test"');

  // Compatibility of the subject: FULL, with the curl call shown before it is applied.
  await page.getByLabel('Subject compatibility').selectOption('FULL');
  await expect(page.getByTestId('cli-equivalent').filter({ hasText: `config/${subject}` })).toContainText('"compatibility":"FULL"');
  await page.getByRole('button', { name: 'Set FULL' }).click();
  await expect(page.getByLabel('Subject compatibility')).toHaveValue('FULL');

  // A breaking change: the check says why; a compatible one registers as version 2.
  const breaking = { ...order, fields: [{ name: 'id', type: 'int' }, ...order.fields.slice(1)] };
  await schemas.schemaInput().fill(JSON.stringify(breaking));
  await page.getByRole('button', { name: 'Check compatibility' }).click();
  await expect(page.getByTestId('check-result')).toContainText('not compatible (FULL)');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByTestId('schema-error')).toContainText(/ncompatible/);
  const v2 = { ...order, fields: [...order.fields, { name: 'note', type: 'string', default: '' }] };
  await schemas.schemaInput().fill(JSON.stringify(v2));
  await page.getByRole('button', { name: 'Check compatibility' }).click();
  await expect(page.getByTestId('check-result')).toContainText('compatible (FULL)');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  // The page moves on to the version just registered, without a pick.
  await expect(page.getByLabel('Version')).toContainText('2 (latest)');
  await expect(page.getByLabel('Version')).toHaveValue('2');

  // Diff version 1 against 2: the new field is an added line.
  await page.getByLabel('Diff against').selectOption('1');
  await expect(page.getByTestId('schema-diff').locator('[data-diff="add"]')).toContainText(['"name": "note"']);

  // Soft delete, with the subject typed to confirm.
  const del = page.getByRole('form', { name: 'Delete the subject' });
  await expect(del.getByRole('button', { name: 'Soft-delete' })).toBeDisabled();
  await del.getByLabel('Type the subject name to confirm').fill(subject);
  await del.getByRole('button', { name: 'Soft-delete' }).click();
  await expect(page.getByText(`Soft-deleted ${subject} (versions 1, 2)`)).toBeVisible();
  const listed = await fetch(`${process.env.KAFKA_TEST_REGISTRY}/subjects`);
  expect((await listed.json()) as string[]).not.toContain(subject);
});

test("register a version that uses another subject's type: the reference from the form, shown on the version", async ({ page }) => {
  const subject = `${uniqueName('ui-ref')}-value`;
  const addressSubject = `${uniqueName('ui-addr')}-value`;
  await register(addressSubject, { type: 'record', name: 'Address', namespace: 'ui.ref', fields: [{ name: 'city', type: 'string' }] });
  await register(subject, order);
  const schemas = new SchemasPage(page);
  await schemas.goto('local');
  await schemas.search(subject);
  await schemas.open(subject);
  const v2 = { ...order, fields: [...order.fields, { name: 'shipTo', type: ['null', 'ui.ref.Address'], default: null }] };
  await schemas.schemaInput().fill(JSON.stringify(v2));
  const refs = page.getByTestId('schema-references');
  await refs.getByRole('button', { name: 'Add reference' }).click();
  await refs.getByLabel('Reference 1 name').fill('ui.ref.Address');
  await expect(page.getByRole('button', { name: 'Register', exact: true })).toBeDisabled();
  await refs.getByLabel('Reference 1 subject').fill(addressSubject);
  // The check's and the register's curl calls both carry the reference.
  const withRefs = page.getByTestId('cli-equivalent').filter({ hasText: `"references":[{"name":"ui.ref.Address","subject":"${addressSubject}","version":1}]` });
  await expect(withRefs).toHaveCount(2);
  await expect(withRefs.nth(1)).toContainText(`subjects/${subject}/versions`);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByLabel('Version', { exact: true })).toHaveValue('2');
  await expect(page.getByText(`ui.ref.Address → ${addressSubject} v1`)).toBeVisible();
  const own = await fetch(`${process.env.KAFKA_TEST_REGISTRY}/subjects/${encodeURIComponent(subject)}/versions/2`);
  expect(((await own.json()) as { references: unknown[] }).references).toEqual([{ name: 'ui.ref.Address', subject: addressSubject, version: 1 }]);
});
