import 'server-only';
import { compile, type Codec, type SchemaFormat, type SchemaText } from './codec';
import { RegistryHttpError, type RegistryClient } from './client';

/**
 * Schemas by id, fetched once per registry and kept (a registered id never changes its
 * schema). Failures are kept briefly: an unknown id for a minute, an unreachable registry
 * for a few seconds, so a topic full of such records costs one request, not one per record.
 */

export interface LoadedSchema {
  id: number;
  format: SchemaFormat;
  /** Every subject and version the schema is registered as (one id may serve several subjects). */
  versions: { subject: string; version: number }[];
  codec: Codec;
}

export type SchemaState =
  | { state: 'ok'; schema: LoadedSchema }
  | { state: 'failed'; reason: string; unavailable: boolean; until: number }
  | { state: 'loading'; promise: Promise<void> };

const MAX_IDS = 10_000;
const MAX_REFERENCE_DEPTH = 10;
const MAX_REFERENCES = 100;

interface RegistrySchema {
  schema: string;
  schemaType?: string;
  references?: { name: string; subject: string; version: number }[];
}

const formatOf = (t: string | undefined): SchemaFormat => (t === 'PROTOBUF' ? 'PROTOBUF' : t === 'JSON' ? 'JSON' : 'AVRO');

/** A schema's references, depth first (dependencies before what uses them), each once. */
async function resolveReferences(client: RegistryClient, s: RegistrySchema, out: SchemaText['references'], seen: Set<string>, depth: number): Promise<void> {
  if (depth > MAX_REFERENCE_DEPTH) throw new Error(`references nest more than ${MAX_REFERENCE_DEPTH} levels`);
  for (const r of s.references ?? []) {
    const key = `${r.subject}/${r.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_REFERENCES) throw new Error(`more than ${MAX_REFERENCES} references`);
    const ref = await client.get<RegistrySchema>(`subjects/${encodeURIComponent(r.subject)}/versions/${encodeURIComponent(String(r.version))}`);
    await resolveReferences(client, ref, out, seen, depth + 1);
    out.push({ name: r.name, schema: ref.schema, schemaType: formatOf(ref.schemaType) });
  }
}

/** The schema text of an id with its references, as compile() takes it. */
export async function schemaTextById(client: RegistryClient, id: number): Promise<SchemaText> {
  const s = await client.get<RegistrySchema>(`schemas/ids/${id}`);
  const references: SchemaText['references'] = [];
  await resolveReferences(client, s, references, new Set(), 0);
  return { schema: s.schema, schemaType: formatOf(s.schemaType), references };
}

/** A schema given by text (the check and register forms, produce), its references resolved. */
export async function schemaTextOf(client: RegistryClient, s: RegistrySchema): Promise<SchemaText> {
  const references: SchemaText['references'] = [];
  await resolveReferences(client, s, references, new Set(), 0);
  return { schema: s.schema, schemaType: formatOf(s.schemaType), references };
}

class SchemaCache {
  private states = new Map<number, SchemaState>();

  constructor(private readonly client: RegistryClient) {}

  /** The settled state of an id (null: never asked for, or a failure that has expired). */
  peek(id: number): SchemaState | null {
    const s = this.states.get(id);
    if (s?.state === 'failed' && s.until < Date.now()) {
      this.states.delete(id);
      return null;
    }
    return s ?? null;
  }

  /** Starts loading an id unless it is known or loading; resolves when it is settled. */
  load(id: number): Promise<void> {
    const s = this.peek(id);
    if (s?.state === 'loading') return s.promise;
    if (s) return Promise.resolve();
    if (this.states.size >= MAX_IDS) {
      // The oldest first: Map keeps insertion order.
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
    const promise = this.fetch(id).then(
      (schema) => {
        this.states.set(id, { state: 'ok', schema });
      },
      (err: unknown) => {
        const unavailable = !(err instanceof RegistryHttpError && err.status === 404) && !(err instanceof CompileError);
        const reason =
          err instanceof RegistryHttpError && err.status === 404
            ? `schema id ${id} is not in the schema registry`
            : err instanceof CompileError
              ? `schema id ${id} cannot be used: ${err.message}`
              : `schema registry unavailable: ${err instanceof Error ? err.message : String(err)}`;
        this.states.set(id, { state: 'failed', reason, unavailable, until: Date.now() + (unavailable ? 5000 : 60_000) });
      },
    );
    this.states.set(id, { state: 'loading', promise });
    return promise;
  }

  private async fetch(id: number): Promise<LoadedSchema> {
    const text = await schemaTextById(this.client, id);
    let codec: Codec;
    try {
      codec = compile(text);
    } catch (err) {
      throw new CompileError(err instanceof Error ? err.message : String(err));
    }
    let versions: { subject: string; version: number }[] = [];
    try {
      const list = await this.client.get<{ subject: string; version: number }[]>(`schemas/ids/${id}/versions`);
      if (Array.isArray(list)) versions = list.filter((v) => typeof v?.subject === 'string' && typeof v.version === 'number').slice(0, 1000);
    } catch {
      // Older registries do not answer this; the record still decodes.
    }
    return { id, format: text.schemaType, versions, codec };
  }
}

class CompileError extends Error {}

const cachesKey = Symbol.for('kafka-console.schema-caches');
type GlobalWithCaches = typeof globalThis & { [cachesKey]?: WeakMap<RegistryClient, SchemaCache> };

export function schemaCache(client: RegistryClient): SchemaCache {
  const g = globalThis as GlobalWithCaches;
  g[cachesKey] ??= new WeakMap();
  let c = g[cachesKey].get(client);
  if (!c) {
    c = new SchemaCache(client);
    g[cachesKey].set(client, c);
  }
  return c;
}

export type { SchemaCache };
