import { describe, expect, test } from 'vitest';
import { auditQuery } from './audit';

describe('auditQuery', () => {
  test('defaults limit to 100 and caps it at 500', () => {
    expect(auditQuery.parse({}).limit).toBe(100);
    expect(auditQuery.parse({ limit: '500' }).limit).toBe(500);
    expect(auditQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(auditQuery.safeParse({ limit: '0' }).success).toBe(false);
  });

  test('takes ISO times with an offset, refuses other text and since after until', () => {
    expect(auditQuery.safeParse({ since: '2025-03-01T10:00:00+01:00' }).success).toBe(true);
    expect(auditQuery.safeParse({ since: 'yesterday' }).success).toBe(false);
    const r = auditQuery.safeParse({ since: '2025-03-02T00:00:00Z', until: '2025-03-01T00:00:00Z' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['since']);
  });

  test('result is ok or failed only', () => {
    expect(auditQuery.safeParse({ result: 'ok' }).success).toBe(true);
    expect(auditQuery.safeParse({ result: '403' }).success).toBe(false);
  });
});
