/**
 * Subjects, versions and compatibility through the console, compared with the registry's
 * own REST API; records produced by the console with a schema, read by Confluent's Python
 * deserializer; and the bad input of each.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { api } from '../support/api';
import { testKafka, uniqueName } from '../support/kafka';
import { schemaClients } from '../support/python';
import { disconnectAll } from '@/lib/kafka/registry';
import type { CompatibilityResult, RegistryInfo, SchemaVersion, SubjectDetail, SubjectList } from '@/lib/schemas/schema-registry';

const registry = () => {
  const url = process.env.KAFKA_TEST_REGISTRY;
  if (!url) throw new Error('KAFKA_TEST_REGISTRY is not set');
  return url;
};
async function rest<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${registry()}/${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}
const base = '/api/clusters/local/schemas';
const subj = (s: string, rest = '') => `${base}/subjects/${encodeURIComponent(s)}${rest}`;
const created: string[] = [];
/** A one-partition topic, deleted after the tests. */
async function createTopic(topic: string): Promise<void> {
  await testKafka.toolOk('kafka-topics', ['--create', '--topic', topic, '--partitions', '1', '--replication-factor', '1']);
  created.push(topic);
}
/** The values of a topic's first records as Confluent's Python Avro deserializer reads them. */
async function pythonAvroValues(topic: string, count = 1): Promise<unknown[]> {
  const py = await schemaClients<{ records: { value: unknown }[] }>({
    op: 'consume',
    bootstrap: testKafka.bootstrap,
    registry: registry(),
    topic,
    format: 'avro',
    count,
  });
  return py.records.map((r) => r.value);
}

const v1 = JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'name', type: 'string' }] });
const v2 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int', default: 0 },
  ],
});
const breaking = JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'name', type: 'int' }] });

describe('subjects', () => {
  const subject = `${uniqueName('subj')}-value`;

  test('register, list, versions and schema text match the registry', async () => {
    const r1 = await api.post<{ id: number; version: number | null }>(subj(subject, '/versions'), { schema: v1 });
    expect(r1.status).toBe(200);
    const r2 = await api.post<{ id: number; version: number | null }>(subj(subject, '/versions'), { schema: v2 });
    expect(r2.status).toBe(200);
    expect(r2.body.version).toBe(2);
    const own = await rest<{ id: number; version: number; schema: string }>('GET', `subjects/${subject}/versions/2`);
    expect(r2.body.id).toBe(own.body.id);

    const list = await api.get<SubjectList>(`${base}/subjects?search=${encodeURIComponent(subject.slice(0, 12).toUpperCase())}`);
    expect(list.status).toBe(200);
    expect(list.body.subjects).toContainEqual({ name: subject, deleted: false });
    const all = await rest<string[]>('GET', 'subjects');
    const mine = all.body.filter((n) => n.toLowerCase().includes(subject.slice(0, 12).toLowerCase())).sort();
    expect(list.body.subjects.map((s) => s.name)).toEqual(mine);

    const detail = await api.get<SubjectDetail>(subj(subject));
    expect(detail.status).toBe(200);
    expect(detail.body.versions).toEqual((await rest<number[]>('GET', `subjects/${subject}/versions`)).body);
    expect(detail.body.latest).toMatchObject({ version: 2, id: own.body.id, schemaType: 'AVRO', schema: own.body.schema });

    const one = await api.get<SchemaVersion>(subj(subject, '/versions/1'));
    expect(one.body).toMatchObject({ subject, version: 1, id: r1.body.id, schemaType: 'AVRO' });
    expect(JSON.parse(one.body.schema)).toEqual(JSON.parse(v1));
  });

  test('compatibility: set per subject, checked before registering, a breaking schema refused with the reason', async () => {
    const set = await api.put(subj(subject, '/config'), { compatibility: 'FULL' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ after: 'FULL' });
    expect((await rest<{ compatibilityLevel: string }>('GET', `config/${subject}`)).body.compatibilityLevel).toBe('FULL');
    expect((await api.get<SubjectDetail>(subj(subject))).body.compatibility).toEqual({ level: 'FULL', global: false });

    const ok = await api.post<CompatibilityResult>(subj(subject, '/compatibility'), { schema: v2 });
    expect(ok.body).toMatchObject({ compatible: true, level: 'FULL' });
    const bad = await api.post<CompatibilityResult>(subj(subject, '/compatibility'), { schema: breaking });
    expect(bad.status).toBe(200);
    expect(bad.body.compatible).toBe(false);
    const own = await rest<{ is_compatible: boolean }>('POST', `compatibility/subjects/${subject}/versions/latest`, { schema: breaking });
    expect(own.body.is_compatible).toBe(false);

    const refused = await api.post<{ error: { code: string; message: string } }>(subj(subject, '/versions'), { schema: breaking });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/ncompatible/);
    expect((await rest<number[]>('GET', `subjects/${subject}/versions`)).body).toEqual([1, 2]);
  });

  test('invalid schema text is a 422 on the schema field; nothing is registered', async () => {
    const res = await api.post<{ error: { code: string; field: string; message: string } }>(subj(subject, '/versions'), { schema: '{"type": "recor' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ field: 'schema', message: expect.stringMatching(/^Not a valid Avro schema: /) });
    const proto = await api.post<{ error: { field: string } }>(subj(`${subject}-p`, '/versions'), { schema: 'message {', schemaType: 'PROTOBUF' });
    expect(proto.status).toBe(422);
    expect((await rest('GET', `subjects/${subject}-p/versions`)).status).toBe(404);
  });

  test('global compatibility: view and change, as the registry reports it', async () => {
    const info = await api.get<RegistryInfo>(base);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ url: `${registry()}/`, auth: null });
    const before = (await rest<{ compatibilityLevel: string }>('GET', 'config')).body.compatibilityLevel;
    expect(info.body.compatibility).toBe(before);
    const res = await api.put(`${base}/config`, { compatibility: 'BACKWARD' });
    expect(res.body).toMatchObject({ before, after: 'BACKWARD' });
    expect((await rest<{ compatibilityLevel: string }>('GET', 'config')).body.compatibilityLevel).toBe('BACKWARD');
    await api.put(`${base}/config`, { compatibility: before });
  });

  test("compatibility changes undone from the audit trail: the level before set back, a subject's own level removed again; an undo is refused once the level changed again", async () => {
    type Row = { id: string; resource?: string; result: { ok: boolean }; undo: { possible: boolean; plan: { cli: string[] } & Record<string, unknown> } };
    const newest = async (action: string, resource: string) => {
      const rows = (await api.get<{ entries: Row[] }>(`/api/audit?action=${action}&limit=50`)).body.entries;
      return rows.find((e) => e.resource === resource && e.result.ok) as Row;
    };
    const undo = (id: string) => api.post(`/api/audit/${id}/undo`, { confirm: id });
    const s = `${uniqueName('undo-compat')}-value`;
    created.push(s);
    expect((await api.post(subj(s, '/versions'), { schema: v1 })).status).toBe(200);
    // What the registry reports for the subject before: its own level, or 404 (Confluent's registry for a
    // subject without one; Apicurio answers the level in force instead).
    const levelOf = async () => {
      const r = await rest<{ compatibilityLevel?: string }>('GET', `config/${s}`);
      return r.status === 404 ? null : (r.body.compatibilityLevel ?? null);
    };
    const before = await levelOf();
    const target = before === 'FULL' ? 'NONE' : 'FULL';
    expect((await api.put(subj(s, '/config'), { compatibility: target })).body).toMatchObject({ subject: s, before, after: target });
    const own = await newest('setSubjectCompatibility', `subject ${s} compatibility`);
    expect(own.undo.possible, JSON.stringify(own.undo)).toBe(true);
    expect(own.undo.plan).toMatchObject({ kind: 'compatibility', subject: s, op: before === null ? 'delete' : 'set', level: before, expected: target });
    expect(own.undo.plan.cli[0]).toMatch(new RegExp(`-X ${before === null ? 'DELETE' : 'PUT'} .*config/${s}`));
    const undone = await undo(own.id);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ kind: 'compatibility', outcome: { subject: s, before: target, after: before } });
    expect(await levelOf()).toBe(before);
    expect((await undo(own.id)).status).toBe(409);

    const global = (await rest<{ compatibilityLevel: string }>('GET', 'config')).body.compatibilityLevel;
    const other = global === 'FORWARD' ? 'FULL' : 'FORWARD';
    expect((await api.put(`${base}/config`, { compatibility: other })).status).toBe(200);
    const g = await newest('setGlobalCompatibility', 'schema registry global compatibility');
    expect(g.undo.plan).toMatchObject({ kind: 'compatibility', subject: null, op: 'set', level: global, expected: other });
    // Changed again behind the console's back: the undo would revert that change too, so it is refused.
    await rest('PUT', 'config', { compatibility: 'NONE' });
    const refused = await undo(g.id);
    expect(refused.status).toBe(409);
    expect((await rest<{ compatibilityLevel: string }>('GET', 'config')).body.compatibilityLevel).toBe('NONE');
    await rest('PUT', 'config', { compatibility: other });
    expect((await undo(g.id)).status).toBe(200);
    expect((await rest<{ compatibilityLevel: string }>('GET', 'config')).body.compatibilityLevel).toBe(global);
  });

  test('soft then hard delete, with the subject name typed to confirm', async () => {
    const doomed = `${uniqueName('doomed')}-value`;
    await api.post(subj(doomed, '/versions'), { schema: v1 });
    const wrong = await api.delete<{ error: { field: string } }>(subj(doomed), { confirm: 'nope' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('confirm');
    expect((await rest<string[]>('GET', 'subjects')).body).toContain(doomed);
    const soft = await api.delete(subj(doomed), { confirm: doomed });
    expect(soft.status).toBe(200);
    expect(soft.body).toEqual({ subject: doomed, versions: [1], permanent: false });
    expect((await rest<string[]>('GET', 'subjects')).body).not.toContain(doomed);
    expect((await rest<string[]>('GET', 'subjects?deleted=true')).body).toContain(doomed);
    const listed = await api.get<SubjectList>(`${base}/subjects?deleted=true&search=${doomed}`);
    expect(listed.body.subjects).toEqual([{ name: doomed, deleted: true }]);
    const hard = await api.delete(subj(doomed), { confirm: doomed, permanent: true });
    expect(hard.status).toBe(200);
    expect((await rest<string[]>('GET', 'subjects?deleted=true')).body).not.toContain(doomed);
  });

  test('no registry configured, unreachable registry, unknown subject', async () => {
    expect((await api.get('/api/clusters/frozen/schemas/subjects')).status).toBe(404);
    const down = await api.get<{ error: { message: string } }>('/api/clusters/registry-down/schemas/subjects');
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(/^Schema registry unavailable: the schema registry at 127\.0\.0\.1:\d+ refused the connection$/);
    expect((await api.get(subj('no-such-subject-xyz'))).status).toBe(404);
    // A name the registry refuses outright (Apicurio allows 512 characters) names nothing it holds.
    const refused = await api.get<{ error: { code: string } }>(`${subj('x'.repeat(600))}/versions/1`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
  });
});

describe('produce with a schema', () => {
  test('the console encodes JSON with a subject version; Python deserializes the same value', async () => {
    const topic = uniqueName('sr-produce');
    await createTopic(topic);
    const schema = JSON.stringify({
      type: 'record',
      name: 'Reading',
      fields: [
        { name: 'sensor', type: 'string' },
        { name: 'value', type: { type: 'bytes', logicalType: 'decimal', precision: 8, scale: 3 } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    });
    const reg = await api.post<{ id: number }>(subj(`${topic}-value`, '/versions'), { schema });
    expect(reg.status).toBe(200);
    const value = { sensor: 's-1', value: '-12.345', at: '2024-05-01T00:00:00.250Z', note: 'ok' };
    const sent = await api.post<{ valueSchemaId: number }>(`/api/clusters/local/topics/${topic}/messages`, {
      key: 'k',
      value: JSON.stringify(value),
      valueSchema: { subject: `${topic}-value`, version: 'latest' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.valueSchemaId).toBe(reg.body.id);

    expect(await pythonAvroValues(topic)).toEqual([value]);

    // Protobuf, a nested message by its index path.
    const proto = 'syntax = "proto3";\npackage t;\nmessage Outer { string a = 1; message Inner { int64 n = 1; repeated string tags = 2; } }\n';
    const ptopic = uniqueName('sr-produce-pb');
    await createTopic(ptopic);
    expect((await api.post(subj(`${ptopic}-value`, '/versions'), { schema: proto, schemaType: 'PROTOBUF' })).status).toBe(200);
    const inner = { n: '42', tags: ['x', 'y'] };
    const psent = await api.post(`/api/clusters/local/topics/${ptopic}/messages`, {
      key: null,
      value: JSON.stringify(inner),
      valueSchema: { subject: `${ptopic}-value`, version: 1, messageType: 't.Outer.Inner' },
    });
    expect(psent.status).toBe(200);
    const ppy = await schemaClients<{ records: { value: unknown }[] }>({
      op: 'consume',
      bootstrap: testKafka.bootstrap,
      registry: registry(),
      topic: ptopic,
      format: 'protobuf',
      count: 1,
      schema: proto,
      message: 't.Outer.Inner',
    });
    expect(ppy.records.map((r) => r.value)).toEqual([inner]);
  }, 120_000);

  test("references: a schema using another subject's type registers with them, as the registry shows, and its records decode in Python", async () => {
    const topic = uniqueName('sr-refs');
    await createTopic(topic);
    const addressSubject = `${topic}-address`;
    const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'com.example', fields: [{ name: 'city', type: 'string' }] });
    expect((await api.post(subj(addressSubject, '/versions'), { schema: address })).status).toBe(200);
    const order = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: 'com.example',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'shipTo', type: 'com.example.Address' },
      ],
    });
    const references = [{ name: 'com.example.Address', subject: addressSubject, version: 1 }];
    // Without its reference the schema names a type nobody defines: refused on the schema.
    const without = await api.post<{ error: { field?: string } }>(subj(`${topic}-value`, '/versions'), { schema: order });
    expect(without.status).toBe(422);
    expect(without.body.error.field).toBe('schema');
    const check = await api.post<CompatibilityResult>(subj(`${topic}-value`, '/compatibility'), { schema: order, references });
    expect(check.status).toBe(200);
    expect(check.body.compatible).toBe(true);
    const reg = await api.post<{ id: number }>(subj(`${topic}-value`, '/versions'), { schema: order, references });
    expect(reg.status).toBe(200);
    const own = await rest<{ id: number; references: unknown[] }>('GET', `subjects/${topic}-value/versions/1`);
    expect(own.body.id).toBe(reg.body.id);
    expect(own.body.references).toEqual(references);
    const shown = await api.get<SchemaVersion>(subj(`${topic}-value`, '/versions/1'));
    expect(shown.body.references).toEqual(references);

    const value = { id: 'o-1', shipTo: { city: 'Lyon' } };
    const sent = await api.post<{ valueSchemaId: number }>(`/api/clusters/local/topics/${topic}/messages`, {
      key: 'k',
      value: JSON.stringify(value),
      valueSchema: { subject: `${topic}-value`, version: 1 },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.valueSchemaId).toBe(reg.body.id);
    expect(await pythonAvroValues(topic)).toEqual([value]);
  }, 120_000);

  test('a value that does not fit its schema is a 422 on the field, and nothing is written', async () => {
    const topic = uniqueName('sr-bad');
    await createTopic(topic);
    const schema = JSON.stringify({
      type: 'record',
      name: 'P',
      fields: [{ name: 'address', type: { type: 'record', name: 'A', fields: [{ name: 'zip', type: 'int' }] } }],
    });
    await api.post(subj(`${topic}-value`, '/versions'), { schema });
    const url = `/api/clusters/local/topics/${topic}/messages`;
    const res = await api.post<{ error: { code: string; field: string; message: string; details: { path: string } } }>(url, {
      value: JSON.stringify({ address: { zip: 'abc' } }),
      valueSchema: { subject: `${topic}-value` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ field: 'value', details: { path: '/address/zip' } });
    expect(res.body.error.message).toBe(`value does not match ${topic}-value version 1 at /address/zip: expected an integer, got a string`);
    const notJson = await api.post<{ error: { field: string } }>(url, { value: '{zip', valueSchema: { subject: `${topic}-value` } });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.field).toBe('value');
    // A key subject, or a version, the registry does not have: 422 on that field of the body.
    const noSubject = await api.post<{ error: { field: string; message: string } }>(url, {
      key: '"k"',
      value: JSON.stringify({ address: { zip: 1 } }),
      keySchema: { subject: `${topic}-key`, version: 3 },
    });
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.error.field).toBe('keySchema');
    expect(noSubject.body.error.message).toContain(`Key schema: subject ${topic}-key version 3`);
    const noVersion = await api.post<{ error: { field: string } }>(url, {
      value: JSON.stringify({ address: { zip: 1 } }),
      valueSchema: { subject: `${topic}-value`, version: 9 },
    });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.field).toBe('valueSchema');
    const page = await api.get<{ records: unknown[] }>(`${url}?from=oldest`);
    expect(page.body.records).toEqual([]);
  });

  test('a key encoded with a JSON Schema subject comes back decoded', async () => {
    const topic = uniqueName('sr-key');
    await createTopic(topic);
    const keySchema = JSON.stringify({ type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] });
    const reg = await api.post<{ id: number }>(subj(`${topic}-key`, '/versions'), { schema: keySchema, schemaType: 'JSON' });
    const url = `/api/clusters/local/topics/${topic}/messages`;
    const bad = await api.post<{ error: { field: string } }>(url, { key: '{}', value: 'v', keySchema: { subject: `${topic}-key` } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('key');
    const ok = await api.post<{ keySchemaId: number }>(url, { key: '{"tenant":"acme"}', value: 'plain value', keySchema: { subject: `${topic}-key` } });
    expect(ok.body.keySchemaId).toBe(reg.body.id);
    const page = await api.get<{ records: { keySchema?: unknown; value: unknown; valueSchema?: unknown }[] }>(`${url}?from=oldest`);
    expect(page.body.records).toHaveLength(1);
    expect(page.body.records[0].keySchema).toEqual({ schemaId: reg.body.id, format: 'JSON', subject: `${topic}-key`, version: 1, json: { tenant: 'acme' } });
    expect(page.body.records[0].value).toEqual({ encoding: 'utf8', data: 'plain value' });
    expect(page.body.records[0].valueSchema).toBeUndefined();
  });
});

afterAll(async () => {
  for (const t of created) await testKafka.tool('kafka-topics', ['--delete', '--topic', t]);
  await disconnectAll();
});
