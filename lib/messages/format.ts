/**
 * The wire shape of records (shared by the API and the browser) and the helpers that turn
 * their bytes into text, JSON, hex or base64 without ever changing a byte.
 */

/** Bytes as sent by the API: UTF-8 text when the bytes are valid UTF-8, base64 otherwise. */
export interface WireBytes {
  encoding: 'utf8' | 'base64';
  data: string;
}

export interface WireHeader {
  key: string;
  value: WireBytes | null;
}

export interface WireRecord {
  partition: number;
  offset: string;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: WireBytes | null;
  value: WireBytes | null;
  headers: WireHeader[];
  /** Bytes of key, value and headers. */
  size: number;
}

export interface PartitionWarning {
  partition: number;
  message: string;
}

export interface MessagesPage {
  topic: string;
  records: WireRecord[];
  /** Per partition: log start and end offsets when the page was read. */
  partitions: { partition: number; start: number | null; end: number | null }[];
  warnings: PartitionWarning[];
  /** Cursors to the next (newer) and previous (older) pages; null at either end. */
  next: string | null;
  prev: string | null;
}

export interface ProduceResult {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number | null;
}

/** Server-Sent Events of search and tail. */
export type StreamEvent =
  | { event: 'message'; data: WireRecord }
  | { event: 'progress'; data: StreamProgress }
  | { event: 'skipped'; data: { partition: number; count: number; from: string; to: string } }
  | { event: 'warning'; data: PartitionWarning }
  | { event: 'done'; data: StreamDone }
  | { event: 'error'; data: StreamError };

export interface StreamProgress {
  scanned: number;
  matched: number;
  /** Next offset to read per partition. */
  positions: Record<string, string>;
  /** Log end offsets, where known (search: the end of the range being searched). */
  ends?: Record<string, string>;
  phase?: 'started' | 'scanning';
}

export interface StreamDone {
  reason: 'end' | 'limit' | 'records-budget' | 'time-budget' | 'closed';
  scanned: number;
  matched: number;
  elapsedMs: number;
  /** Where to continue (null when the whole range was searched). */
  cursor: string | null;
}

/** Why a stream ended early; always its last event. */
export interface StreamError {
  /** undecodable: a record batch the console cannot decode (corrupt, or above the decompression limit). */
  code: 'undecodable' | 'internal';
  message: string;
  /** Where reading stopped (undecodable). */
  partition?: number;
  offset?: string;
}

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

export function recordsToCsv(records: WireRecord[]): string {
  const head = ['partition', 'offset', 'timestamp', 'timestampType', 'key', 'value', 'headers', 'size'];
  const rows = records.map((r) =>
    [
      String(r.partition),
      r.offset,
      new Date(r.timestamp).toISOString(),
      r.timestampType,
      wireText(r.key),
      wireText(r.value),
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
