import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/errors';
import { subjectName } from '@/lib/schemas/schema-registry';
import { RegistryHttpError, RegistryUnavailable, toApiError } from './client';

describe('registry errors as API errors', () => {
  const status = (e: unknown) => (e instanceof ApiError ? e.status : null);

  test('a read the registry refuses as invalid is not found; a write it refuses is unprocessable on the schema', () => {
    const read = toApiError(new RegistryHttpError(422, 0, "Artifact ID 'x' is invalid", 'GET'));
    expect(status(read)).toBe(404);
    expect((read as ApiError).message).toContain("Artifact ID 'x' is invalid");
    const write = toApiError(new RegistryHttpError(422, 42201, 'Invalid schema', 'POST'));
    expect(status(write)).toBe(422);
    expect((write as ApiError).extra.field).toBe('schema');
  });

  test('not found, conflicts, refused credentials and an unreachable registry keep their statuses', () => {
    expect(status(toApiError(new RegistryHttpError(404, 40401, 'Subject not found', 'GET')))).toBe(404);
    expect(status(toApiError(new RegistryHttpError(409, 409, 'incompatible', 'POST')))).toBe(409);
    expect(status(toApiError(new RegistryHttpError(401, null, 'refused', 'GET')))).toBe(503);
    expect(status(toApiError(new RegistryUnavailable('refused the connection')))).toBe(503);
  });
});

describe('subject names', () => {
  test('no control characters or line breaks, C1 and Unicode separators included', () => {
    for (const bad of ['a\nb', 'a\u0085b', 'a\u009fb', 'a\u2028b', 'a\u2029b', 'a\x7f']) expect(subjectName.safeParse(bad).success).toBe(false);
    for (const ok of ['orders-value', '弐Āč;', 'a b', 'topic.with:colons']) expect(subjectName.safeParse(ok).success).toBe(true);
  });
});
