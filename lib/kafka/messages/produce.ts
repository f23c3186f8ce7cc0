import 'server-only';
import { ApiError } from '@/lib/errors';
import { clients } from '../registry';
import { PartitionReader } from '../reader';
import { isBase64, type ProduceInput, type ProduceResult } from '@/lib/schemas/messages';
import { encodeWithSchema } from '@/lib/schema-registry/produce';

/**
 * Produces one record with exactly the bytes given (UTF-8 text or strict base64), every
 * field checked before anything is sent.
 */

function toBytes(s: string | null, encoding: 'utf8' | 'base64', field: string): Buffer | null {
  if (s === null) return null;
  if (encoding === 'base64') {
    if (!isBase64(s)) throw new ApiError('unprocessable', `${field} is not valid base64 (standard alphabet, padded with =)`, { field });
    return Buffer.from(s, 'base64');
  }
  return Buffer.from(s, 'utf8');
}

function isUnknownTopic(err: unknown): boolean {
  for (let e = err as { type?: unknown; originalError?: unknown; cause?: unknown } | undefined, i = 0; e && i < 6; i++) {
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

export async function produce(clusterId: string, topic: string, input: ProduceInput): Promise<ProduceResult> {
  // Validate every field before anything is sent.
  const keyEncoded = input.keySchema && input.key !== null ? await encodeWithSchema(clusterId, input.keySchema, input.key, 'key') : null;
  const valueEncoded = input.valueSchema && input.value !== null ? await encodeWithSchema(clusterId, input.valueSchema, input.value, 'value') : null;
  const key = keyEncoded ? keyEncoded.bytes : toBytes(input.key, input.keyEncoding, 'key');
  const value = valueEncoded ? valueEncoded.bytes : toBytes(input.value, input.valueEncoding, 'value');
  const headerList = input.headers.map((h, i) => ({ key: h.key, value: toBytes(h.value, h.encoding, `headers.${i}.value`) }));
  const c = await clients(clusterId);
  const reader = await PartitionReader.open(c, topic, input.partition === undefined ? undefined : [input.partition], 'read_uncommitted', {
    field: 'partition',
  });
  reader.close();
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const h of headerList) {
    const v = h.value ?? Buffer.alloc(0);
    const prev = headers[h.key];
    headers[h.key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const send = async () => (await c.producer()).send({ topic, acks: -1, messages: [{ key, value, headers, partition: input.partition }] });
  let sent: Awaited<ReturnType<typeof send>>;
  try {
    sent = await send();
  } catch (err) {
    // kafkajs asks for the metadata of every topic the producer ever wrote to, and fails
    // them all once one was deleted; the reader above has just seen this topic, so a
    // producer that knows only this topic succeeds.
    if (!isUnknownTopic(err)) throw err;
    await c.resetProducer();
    sent = await send();
  }
  const [meta] = sent;
  return {
    topic,
    partition: meta.partition,
    offset: String(meta.baseOffset ?? meta.offset ?? ''),
    timestamp: meta.logAppendTime && meta.logAppendTime !== '-1' ? Number(meta.logAppendTime) : null,
    ...(valueEncoded ? { valueSchemaId: valueEncoded.id } : {}),
    ...(keyEncoded ? { keySchemaId: keyEncoded.id } : {}),
  };
}
