import 'server-only';
import { consoleConfig } from '@/lib/config';
import { auditFile } from './log';
import { scanLinesBackwards } from './file-tail';
import { readTopicEntries, TOPIC_RECORDS_PER_PARTITION } from './kafka-sink';
import { parseAuditEntry } from './query';
import type { AuditEntry } from '@/lib/schemas/audit';

/**
 * Reading the trail back, newest first, from where it is shared: the audit topic when one
 * is configured (every console instance writes there), else this instance's file. Both
 * reads are bounded: the last FILE_SCAN_BYTES of the file, or the last
 * TOPIC_RECORDS_PER_PARTITION records of each partition of the topic.
 */
export const FILE_SCAN_BYTES = 8 * 1024 * 1024;

export type AuditScan =
  | { source: 'file'; file: string; bytes: number; complete: boolean }
  | { source: 'topic'; cluster: string; topic: string; records: number; complete: boolean };

/** Visits entries newest first until the visitor returns false or the window ends. */
export async function scanAudit(visit: (e: AuditEntry) => boolean): Promise<AuditScan> {
  if (consoleConfig().audit.topic) {
    const { entries, scan } = await readTopicEntries(TOPIC_RECORDS_PER_PARTITION);
    for (const e of entries) if (!visit(e)) return { ...scan, complete: true };
    return scan;
  }
  const file = auditFile();
  const r = await scanLinesBackwards(file, FILE_SCAN_BYTES, (line) => {
    const e = parseAuditEntry(line);
    return e ? visit(e) : true;
  });
  return { source: 'file', file, ...r };
}

/** Where the trail is read from, in words, for messages. */
export function describeWindow(scan: AuditScan): string {
  return scan.source === 'file'
    ? `the last ${Math.round(FILE_SCAN_BYTES / 1024 / 1024)} MiB of the audit file`
    : `the last ${TOPIC_RECORDS_PER_PARTITION} records per partition of audit topic ${scan.topic}`;
}
