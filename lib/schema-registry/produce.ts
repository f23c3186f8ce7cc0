import 'server-only';
import { ApiError } from '@/lib/errors';
import { frame, SchemaValueError } from './codec';
import { schemaCache } from './cache';
import { requireRegistry, toApiError } from './client';
import { getVersion } from './subjects';

/**
 * A key or value to produce, given as JSON, encoded with a subject's version in the
 * schema-registry wire format. A value that does not fit is a 422 naming the field within
 * it (details.path), before anything is sent to Kafka.
 */
export async function encodeWithSchema(
  clusterId: string,
  ref: { subject: string; version: number | 'latest'; messageType?: string },
  text: string,
  field: 'key' | 'value',
): Promise<{ id: number; bytes: Buffer }> {
  const client = requireRegistry(clusterId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('unprocessable', `${field} must be JSON to be encoded with subject ${ref.subject}`, { field });
  }
  const version = await getVersion(client, ref.subject, String(ref.version)).catch((err: unknown) => {
    // A subject or version the registry does not have is a problem of this field of the body.
    if (!(err instanceof ApiError)) throw err;
    const what = `${field === 'key' ? 'Key' : 'Value'} schema: subject ${ref.subject} version ${ref.version}`;
    throw new ApiError(err.code === 'not_found' ? 'unprocessable' : err.code, `${what}: ${err.message}`, { ...err.extra, field: `${field}Schema` });
  });
  const cache = schemaCache(client);
  await cache.load(version.id);
  const state = cache.peek(version.id);
  if (state?.state !== 'ok') {
    const reason = state?.state === 'failed' ? state.reason : 'the schema could not be loaded';
    throw toApiError(new ApiError(state?.state === 'failed' && state.unavailable ? 'unavailable' : 'unprocessable', reason, { field: `${field}Schema` }));
  }
  try {
    return { id: version.id, bytes: frame(version.id, state.schema.codec.encode(json, ref.messageType)) };
  } catch (err) {
    if (err instanceof SchemaValueError) {
      throw new ApiError(
        'unprocessable',
        `${field} does not match ${ref.subject} version ${version.version}${err.path ? ` at ${err.path}` : ''}: ${err.message}`,
        { field, details: { path: err.path, subject: ref.subject, version: version.version, schemaId: version.id } },
      );
    }
    throw err;
  }
}
