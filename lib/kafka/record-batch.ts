import { decompress } from './codecs';
import { Reader } from './protocol/codec';

/**
 * Decoding of record batches (magic v2) from Fetch responses, written for the message
 * reader: unlike kafkajs's decoder it keeps batch attributes (control, transactional,
 * producer id) so aborted transactions can be dropped, and only materialises records that
 * pass a filter. Reads through the protocol's binary reader (protocol/codec.ts).
 * Decompression goes through codecs.ts, which bounds what a batch may expand to (a refused
 * or corrupt payload throws a DecompressError).
 */

export interface RawHeader {
  key: string;
  value: Buffer | null;
}

export interface RawRecord {
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: RawHeader[];
  size: number;
}

export interface AbortedTxn {
  producerId: bigint;
  firstOffset: number;
}

export interface PartitionData {
  partition: number;
  errorCode: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  abortedTransactions: AbortedTxn[] | null;
  records: Buffer | null;
}

export interface FetchResponse {
  errorCode: number;
  topics: { topic: string; partitions: PartitionData[] }[];
}

export interface BatchHeader {
  /** Where the batch starts in the record set. */
  start: number;
  end: number;
  baseOffset: number;
  lastOffset: number;
  magic: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: bigint;
  recordCount: number;
}

const BATCH_HEADER = 61;

/** The complete batches in a record set (a trailing partial batch is left out). */
export function batchHeaders(records: Buffer): BatchHeader[] {
  const out: BatchHeader[] = [];
  let pos = 0;
  while (pos + 17 <= records.length) {
    const baseOffset = Number(records.readBigInt64BE(pos));
    const length = records.readInt32BE(pos + 8);
    const end = pos + 12 + length;
    if (end > records.length) break;
    const magic = records.readInt8(pos + 16);
    if (magic < 2) {
      // Message format v0/v1 (pre-0.11 producers): not written by Kafka 4; skipped, counted by offset.
      out.push({
        start: pos,
        end,
        baseOffset,
        lastOffset: baseOffset,
        magic,
        attributes: 0,
        baseTimestamp: -1,
        maxTimestamp: -1,
        producerId: -1n,
        recordCount: 0,
      });
      pos = end;
      continue;
    }
    out.push({
      start: pos,
      end,
      baseOffset,
      lastOffset: baseOffset + records.readInt32BE(pos + 23),
      magic,
      attributes: records.readInt16BE(pos + 21),
      baseTimestamp: Number(records.readBigInt64BE(pos + 27)),
      maxTimestamp: Number(records.readBigInt64BE(pos + 35)),
      producerId: records.readBigInt64BE(pos + 43),
      recordCount: records.readInt32BE(pos + 57),
    });
    pos = end;
  }
  return out;
}

export const isControl = (b: BatchHeader) => (b.attributes & 0x20) !== 0;
export const isTransactional = (b: BatchHeader) => (b.attributes & 0x10) !== 0;

async function batchPayload(records: Buffer, b: BatchHeader): Promise<Buffer> {
  const body = records.subarray(b.start + BATCH_HEADER, b.end);
  const type = b.attributes & 0x07;
  return type === 0 ? body : decompress(type, body);
}

/** A cheap test on raw bytes, run before a record is materialised. */
export type RecordTest = (key: Buffer | null, value: Buffer | null, headers: RawHeader[]) => boolean;

/**
 * Decodes the records of one batch with offsets in [from, until), calling `emit` for the
 * ones that pass `test`. Returns how many records were looked at.
 */
export async function decodeBatch(
  records: Buffer,
  b: BatchHeader,
  partition: number,
  from: number,
  until: number,
  test: RecordTest | null,
  emit: (r: RawRecord) => void,
): Promise<number> {
  if (b.magic < 2 || isControl(b)) return 0;
  const payload = await batchPayload(records, b);
  const r = new Reader(payload);
  const logAppend = (b.attributes & 0x08) !== 0;
  let seen = 0;
  for (let i = 0; i < b.recordCount && r.pos < payload.length; i++) {
    const length = r.varint();
    const recEnd = r.pos + length;
    r.int8(); // record attributes (unused)
    const tsDelta = r.varint();
    const offset = b.baseOffset + r.varint();
    if (offset < from || offset >= until) {
      r.pos = recEnd;
      continue;
    }
    seen++;
    const key = r.varBytes();
    const value = r.varBytes();
    const nHeaders = r.varint();
    const headers: RawHeader[] = [];
    let headerBytes = 0;
    for (let h = 0; h < nHeaders; h++) {
      const hk = r.varBytes();
      const hv = r.varBytes();
      headerBytes += (hk?.length ?? 0) + (hv?.length ?? 0);
      headers.push({ key: hk ? hk.toString('utf8') : '', value: hv });
    }
    r.pos = recEnd;
    if (test && !test(key, value, headers)) continue;
    emit({
      partition,
      offset,
      timestamp: logAppend ? b.maxTimestamp : b.baseTimestamp + tsDelta,
      timestampType: logAppend ? 'LogAppendTime' : 'CreateTime',
      // Copies, so a kept record does not pin the whole fetch response in memory.
      key: key ? Buffer.from(key) : null,
      value: value ? Buffer.from(value) : null,
      headers: headers.map((h) => ({ key: h.key, value: h.value ? Buffer.from(h.value) : null })),
      size: (key?.length ?? 0) + (value?.length ?? 0) + headerBytes,
    });
  }
  return seen;
}

/** The marker type of a control batch: 0 abort, 1 commit (null when it is not one). */
export async function controlType(records: Buffer, b: BatchHeader): Promise<number | null> {
  if (!isControl(b) || b.recordCount < 1) return null;
  const payload = await batchPayload(records, b);
  const r = new Reader(payload);
  r.varint();
  r.int8();
  r.varint();
  r.varint();
  const key = r.varBytes();
  return key && key.length >= 4 ? key.readInt16BE(2) : null;
}
