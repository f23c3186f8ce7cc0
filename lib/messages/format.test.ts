import { describe, expect, test } from 'vitest';
import { recordsToCsv } from './format';
import type { WireRecord } from '@/lib/types';

const record = (value: string, over: Partial<WireRecord> = {}): WireRecord => ({
  partition: 0,
  offset: '7',
  timestamp: Date.UTC(2024, 4, 1),
  timestampType: 'CreateTime',
  key: null,
  value: { encoding: 'utf8', data: value },
  headers: [],
  size: value.length,
  ...over,
});

/** The cells of one CSV line (quoted cells unquoted; enough for these records). */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
  }
  return out;
}

describe('CSV export', () => {
  test.each(['=1+2', '+1', '-2+3', '@SUM(A1)', '\tx', '\r=1', '=HYPERLINK("http://x")'])('a cell starting %j cannot run as a formula', (v) => {
    const line = recordsToCsv([record(v)]).split('\n')[1];
    expect(cells(line)[5]).toBe(`'${v}`);
  });

  test('keys are neutralised too; ordinary text, JSON and headers stay as they are', () => {
    const csv = recordsToCsv([
      record('{"a":1}', { key: { encoding: 'utf8', data: '=cmd' }, headers: [{ key: 'h', value: { encoding: 'utf8', data: 'plain' } }] }),
    ]);
    const row = cells(csv.split('\n')[1]);
    expect(row[4]).toBe("'=cmd");
    expect(row[5]).toBe('{"a":1}');
    expect(row[6]).toBe('[["h","plain"]]');
    expect(row.slice(0, 4)).toEqual(['0', '7', '2024-05-01T00:00:00.000Z', 'CreateTime']);
  });

  test('quotes, commas and newlines are still quoted', () => {
    const line = recordsToCsv([record('a,"b"\nc')])
      .split('\n')
      .slice(1, 3)
      .join('\n');
    expect(line).toContain('"a,""b""\nc"');
  });
});
