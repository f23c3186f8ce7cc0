import 'server-only';
import { type FileHandle, open } from 'node:fs/promises';

export interface TailScan {
  /** Bytes read from the end of the file. */
  bytes: number;
  /** The scan reached the start of the file (or the visitor stopped it); false: older lines were not read. */
  complete: boolean;
}

const CHUNK = 256 * 1024;

/**
 * Visits a file's lines newest first, reading backwards in chunks and at most `budget`
 * bytes, so a huge audit file never sits in memory whole. The visitor returns false to
 * stop. A line cut by the budget is not visited. A missing file has no lines.
 */
export async function scanLinesBackwards(file: string, budget: number, visit: (line: string) => boolean): Promise<TailScan> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: 0, complete: true };
    throw err;
  }
  try {
    const { size } = await fh.stat();
    let pos = size;
    let read = 0;
    // The start of the oldest line seen so far: it may continue in the chunk before.
    let carry: Buffer = Buffer.alloc(0);
    while (pos > 0 && read < budget) {
      const len = Math.min(CHUNK, pos, budget - read);
      pos -= len;
      const buf = Buffer.alloc(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      read += len;
      const data = carry.length ? Buffer.concat([buf, carry]) : buf;
      // "\n" never occurs inside a multi-byte UTF-8 character, so splitting bytes is safe.
      let end = data.length;
      for (let i = data.length - 1; i >= 0; i--) {
        if (data[i] !== 0x0a) continue;
        if (end > i + 1 && !visit(data.subarray(i + 1, end).toString('utf8'))) return { bytes: read, complete: true };
        end = i;
      }
      carry = Buffer.from(data.subarray(0, end));
    }
    if (pos === 0 && carry.length && !visit(carry.toString('utf8'))) return { bytes: read, complete: true };
    return { bytes: read, complete: pos === 0 };
  } finally {
    await fh.close();
  }
}
