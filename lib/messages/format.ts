/**
 * Helpers that turn the bytes of records (their wire shape is in lib/schemas/messages.ts)
 * into text, JSON, hex or base64 without ever changing a byte. Shared by the API and the browser.
 */

import type { StreamEvent, WireBytes, WireRecord } from '@/lib/schemas/messages';

/** The exact bytes behind a wire value. */
export function wireToBytes(w: WireBytes): Uint8Array {
  if (w.encoding === 'utf8') return new TextEncoder().encode(w.data);
  const bin = atob(w.data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i && i % 2 === 0 ? ' ' : '') + b[i].toString(16).padStart(2, '0');
  return s;
}

export function bytesToBase64(b: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < b.length; i++) bin += String.fromCharCode(b[i]);
  return btoa(bin);
}

export type BinaryView = 'hex' | 'base64';

export interface Rendered {
  kind: 'null' | 'empty' | 'json' | 'text' | 'binary';
  text: string;
  json?: unknown;
}

/** How a key or value is shown: null, empty, JSON, text, or the raw bytes as hex/base64. */
export function renderBytes(w: WireBytes | null, binary: BinaryView): Rendered {
  if (w === null) return { kind: 'null', text: 'null' };
  if (w.encoding === 'utf8') {
    if (w.data.length === 0) return { kind: 'empty', text: '' };
    const t = w.data.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return { kind: 'json', text: w.data, json: JSON.parse(w.data) };
      } catch {
        // not JSON: shown as text
      }
    }
    return { kind: 'text', text: w.data };
  }
  const bytes = wireToBytes(w);
  return { kind: 'binary', text: binary === 'hex' ? bytesToHex(bytes) : w.data };
}

/** A cell a spreadsheet would run as a formula (OWASP CSV injection): kept as text with a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(s: string): string {
  const text = FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function wireText(w: WireBytes | null): string {
  return w === null ? '' : w.encoding === 'utf8' ? w.data : `base64:${w.data}`;
}

/** A key or value as exported: its decoded JSON when it was in the schema-registry format and decoded, else its bytes. */
function partText(w: WireBytes | null, decoded: WireRecord['valueSchema']): string {
  return decoded && decoded.json !== undefined ? JSON.stringify(decoded.json) : wireText(w);
}

export function recordsToCsv(records: WireRecord[]): string {
  const head = ['partition', 'offset', 'timestamp', 'timestampType', 'key', 'value', 'headers', 'size'];
  const rows = records.map((r) =>
    [
      String(r.partition),
      r.offset,
      new Date(r.timestamp).toISOString(),
      r.timestampType,
      partText(r.key, r.keySchema),
      partText(r.value, r.valueSchema),
      JSON.stringify(r.headers.map((h) => [h.key, h.value === null ? null : wireText(h.value)])),
      String(r.size),
    ]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

export function recordsToJson(records: WireRecord[]): string {
  return JSON.stringify(records, null, 2);
}

/** Where an SSE response pulls its events from. `next()` resolves to [] for a heartbeat and to null at the end. */
export interface EventSourceLike {
  next(): Promise<StreamEvent[] | null>;
  close(): void;
}
