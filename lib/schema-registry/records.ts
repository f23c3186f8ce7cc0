import 'server-only';
import type { SchemaDecoded, WireRecord } from '@/lib/schemas/messages';
import type { RawRecord, RecordTest } from '@/lib/kafka/record-batch';
import type { RecordFilter } from '@/lib/kafka/messages/filter';
import { toWire } from '@/lib/kafka/messages/wire';
import { framedId } from './codec';
import { schemaCache, type SchemaCache } from './cache';
import { registryFor } from './client';

/**
 * Records in the schema-registry wire format, decoded for browse, search, tail and export.
 * Before a batch is turned into wire records, `prepare` fetches the schemas of ids not seen
 * yet (once per id, shared by every stream); decoding is then synchronous. A record whose id
 * is unknown, whose bytes do not match, or whose schema cannot be had because the registry
 * is down, is sent raw with the reason, and the stream goes on. Plain records cost two byte
 * comparisons.
 */
export class RecordDecoder {
  private warnings: string[] = [];
  private warned = new Set<string>();

  constructor(
    private readonly cache: SchemaCache,
    /** The topic read: its TopicNameStrategy subjects are preferred when an id serves several. */
    private readonly topic: string,
    /** The filter, run again on the decoded JSON of framed records (search matches decoded values). */
    private readonly test: RecordFilter | null = null,
  ) {}

  /**
   * The test the reader runs on each record: plain records by their bytes; framed ones by their
   * decoded JSON when the schema is at hand (so records that do not match are never copied),
   * else kept for `wire` to decide once `prepare` has loaded the schema.
   */
  readerTest(): RecordTest | null {
    const t = this.test;
    if (!t) return null;
    return (key, value, headers) => {
      const k = this.filterText(key);
      const v = this.filterText(value);
      if (k === undefined || v === undefined) return true;
      return t(k, v, headers);
    };
  }

  /** What the filter sees of a key or value: its bytes, its decoded JSON text, or undefined while its schema is not loaded. */
  private filterText(b: Buffer | null): Buffer | string | null | undefined {
    const id = framedId(b);
    if (id === null || b === null) return b;
    const s = this.cache.peek(id);
    if (!s || s.state === 'loading') return undefined;
    if (s.state === 'failed') return b;
    try {
      return s.schema.codec.jsonText(b.subarray(5));
    } catch {
      return b;
    }
  }

  /** Loads the schemas these records need (no-op when every id is known). */
  async prepare(records: RawRecord[]): Promise<void> {
    const ids = new Set<number>();
    for (const r of records) {
      for (const b of [r.key, r.value]) {
        const id = framedId(b);
        if (id === null) continue;
        const s = this.cache.peek(id);
        if (s === null || s.state === 'loading') ids.add(id);
      }
    }
    if (ids.size) await Promise.all([...ids].map((id) => this.cache.load(id)));
  }

  private part(b: Buffer | null, role: 'key' | 'value'): SchemaDecoded | undefined {
    const id = framedId(b);
    if (id === null || b === null) return undefined;
    const s = this.cache.peek(id);
    if (!s || s.state === 'loading') return { schemaId: id, error: 'the schema is not loaded yet' };
    if (s.state === 'failed') {
      if (s.unavailable && !this.warned.has(s.reason)) {
        this.warned.add(s.reason);
        this.warnings.push(`${s.reason}: records in the schema-registry format are shown raw`);
      }
      return { schemaId: id, error: s.reason };
    }
    const { schema } = s;
    const own = schema.versions.find((v) => v.subject === `${this.topic}-${role}`) ?? schema.versions[0];
    const head = { schemaId: id, format: schema.format, subject: own?.subject ?? null, version: own?.version ?? null };
    try {
      const d = schema.codec.decode(b.subarray(5));
      return { ...head, ...(d.messageType ? { messageType: d.messageType } : {}), json: d.json };
    } catch (err) {
      return { ...head, error: `the bytes do not match schema ${id}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** The wire record, or null when the filter, run on the decoded values, does not match. */
  wire(r: RawRecord): WireRecord | null {
    const keySchema = this.part(r.key, 'key');
    const valueSchema = this.part(r.value, 'value');
    if (!keySchema && !valueSchema) return toWire(r);
    if (this.test) {
      const text = (p: SchemaDecoded | undefined, raw: Buffer | null) => (p && p.json !== undefined ? JSON.stringify(p.json) : raw);
      if (!this.test(text(keySchema, r.key), text(valueSchema, r.value), r.headers)) return null;
    }
    return { ...toWire(r), ...(keySchema ? { keySchema } : {}), ...(valueSchema ? { valueSchema } : {}) };
  }

  /** Warnings since the last call (the registry being down, once per reason). */
  takeWarnings(): string[] {
    return this.warnings.splice(0);
  }
}

/** The decoder of a cluster's records, or null when it has no schema registry. */
export function recordDecoder(clusterId: string, topic: string, test: RecordFilter | null = null): RecordDecoder | null {
  const client = registryFor(clusterId);
  return client ? new RecordDecoder(schemaCache(client), topic, test) : null;
}
