import 'server-only';
import { isUtf8 } from 'node:buffer';
import type { WireBytes, WireRecord } from '@/lib/schemas/messages';
import type { RawRecord } from '../record-batch';

/**
 * Records as the API sends them, in browse pages and stream events alike: bytes that are
 * valid UTF-8 as text, anything else as base64, so binary is never mangled on the way.
 */

function wireBytes(b: Buffer | null): WireBytes | null {
  if (b === null) return null;
  return isUtf8(b) ? { encoding: 'utf8', data: b.toString('utf8') } : { encoding: 'base64', data: b.toString('base64') };
}

export function toWire(r: RawRecord): WireRecord {
  return {
    partition: r.partition,
    offset: String(r.offset),
    timestamp: r.timestamp,
    timestampType: r.timestampType,
    key: wireBytes(r.key),
    value: wireBytes(r.value),
    headers: r.headers.map((h) => ({ key: h.key, value: wireBytes(h.value) })),
    size: r.size,
  };
}
