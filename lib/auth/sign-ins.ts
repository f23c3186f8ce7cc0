/**
 * The latest sign-ins from the audit file, read backwards from its end so a long trail
 * costs no more than the part that holds them (at most `maxBytes` are read).
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { SignIn } from '@/lib/schemas/auth';

const BLOCK = 64 * 1024;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

function toSignIn(line: string): SignIn | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (e.action !== 'login' || typeof e.time !== 'string') return null;
  const actor = (e.actor ?? {}) as Record<string, unknown>;
  const result = (e.result ?? {}) as Record<string, unknown>;
  const params = (e.params ?? {}) as Record<string, unknown>;
  const matched = Array.isArray(params.matched)
    ? params.matched
        .filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && typeof (m as Record<string, unknown>).value === 'string')
        .map((m) => ({ value: m.value as string, grants: strings(m.grants) ?? [] }))
    : undefined;
  return {
    time: e.time,
    user: str(actor.user) ?? null,
    via: str(actor.via) ?? null,
    ok: result.ok === true,
    status: typeof result.status === 'number' ? result.status : 0,
    ...(str(result.error) ? { error: str(result.error) } : {}),
    roles: strings(actor.roles) ?? [],
    ...(str(e.ip) ? { ip: str(e.ip) } : {}),
    ...(str(params.claim) ? { claim: str(params.claim) } : {}),
    ...(strings(params.values) ? { values: strings(params.values) } : {}),
    ...(matched ? { matched } : {}),
  };
}

/** The newest `limit` sign-in entries (successful or not), newest first; none when the file does not exist. */
export async function recentSignIns(file: string, limit: number, maxBytes = 16 * 1024 * 1024): Promise<SignIn[]> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const out: SignIn[] = [];
    let pos = size;
    // The start of a line whose beginning is in a block not read yet.
    let carry = Buffer.alloc(0);
    while (pos > 0 && out.length < limit && size - pos < maxBytes) {
      const length = Math.min(BLOCK, pos);
      pos -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, pos);
      let chunk = Buffer.concat([block, carry]);
      if (pos > 0) {
        const firstNewline = chunk.indexOf(10);
        if (firstNewline === -1) {
          carry = chunk;
          continue;
        }
        carry = chunk.subarray(0, firstNewline);
        chunk = chunk.subarray(firstNewline + 1);
      }
      const lines = chunk.toString('utf8').split('\n');
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        if (!lines[i].includes('"login"')) continue;
        const s = toSignIn(lines[i]);
        if (s) out.push(s);
      }
    }
    return out;
  } finally {
    await handle.close();
  }
}
