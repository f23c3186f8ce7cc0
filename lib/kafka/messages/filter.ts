import 'server-only';
import { ApiError } from '@/lib/errors';
import { compileUserRegex } from '@/lib/regex';
import type { RawHeader } from '../record-batch';

/**
 * The filter search and tail apply to every record, built once per stream and run by the
 * reader on the raw bytes, before a record is decoded for the client.
 */

export interface Filter {
  text: string;
  field: 'key' | 'value' | 'header' | 'any';
  mode: 'contains' | 'exact' | 'regex';
  ignoreCase: boolean;
  headerKey?: string;
}

/** Bytes, or text (the decoded JSON of a schema-registry record). */
type BytesMatch = (b: Buffer | string | null) => boolean;

/** The record filter: what the reader runs on raw bytes, and the schema decoder on decoded JSON text. */
export type RecordFilter = (key: Buffer | string | null, value: Buffer | string | null, headers: RawHeader[]) => boolean;

function textMatch(f: Filter): BytesMatch {
  const needle = Buffer.from(f.text, 'utf8');
  const lower = f.text.toLowerCase();
  return (b) => {
    if (b === null) return false;
    if (typeof b === 'string') {
      if (!f.ignoreCase) return f.mode === 'exact' ? b === f.text : b.includes(f.text);
      const s = b.toLowerCase();
      return f.mode === 'exact' ? s === lower : s.includes(lower);
    }
    if (!f.ignoreCase) return f.mode === 'exact' ? b.equals(needle) : b.indexOf(needle) >= 0;
    if (f.mode === 'exact' && b.length < needle.length / 4) return false;
    const s = b.toString('utf8').toLowerCase();
    return f.mode === 'exact' ? s === lower : s.includes(lower);
  };
}

/** Compiled once per stream, run on the bytes by RE2: linear time whatever the pattern. */
function regexMatch(f: Filter): BytesMatch {
  const compiled = compileUserRegex(f.text, f.ignoreCase);
  if ('problem' in compiled) throw new ApiError('bad_request', `q is not a usable regular expression: ${compiled.problem} (RE2 syntax)`, { field: 'q' });
  return (b) => b !== null && compiled.regex.test(b);
}

/**
 * The record filter: byte and string comparisons, or a regular expression run by RE2 (no
 * backtracking). Throws a 400 for a pattern that cannot be used.
 */
export function buildTest(f: Filter | null): RecordFilter | null {
  if (!f) return null;
  const match = f.mode === 'regex' ? regexMatch(f) : textMatch(f);
  return (key, value, headers) => {
    if (f.field === 'key') return match(key);
    if (f.field === 'value') return match(value);
    const hs = f.headerKey ? headers.filter((h) => h.key === f.headerKey) : headers;
    const inHeaders = f.headerKey && f.text === '' ? hs.length > 0 : hs.some((h) => match(h.value));
    if (f.field === 'header') return inHeaders;
    return match(key) || match(value) || inHeaders;
  };
}
