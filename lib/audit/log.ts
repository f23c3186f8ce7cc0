import 'server-only';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { consoleConfig } from '@/lib/config';
import { log } from '@/lib/log';

/**
 * The audit trail: every mutating call, sign-in, sign-out and denied attempt, as one JSON
 * line each in an append-only file (and optionally a Kafka topic, see sinks). Entries hold
 * names and numbers, never secrets or record contents (see redact.ts).
 */
export interface AuditEntry {
  id: string;
  time: string;
  actor: { user: string | null; via: string | null; roles: string[] };
  action: string;
  method?: string;
  path?: string;
  cluster?: string;
  resource?: string;
  params?: Record<string, unknown>;
  before?: unknown;
  after?: unknown;
  result: { status: number; ok: boolean; error?: string };
  ms?: number;
  /** The id of the entry this one undid. */
  undoOf?: string;
  ip?: string;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'time'>;

type Sink = (entry: AuditEntry) => Promise<void>;
const extraSinks: Sink[] = [];

/** Adds a sink (the Kafka topic sink registers itself here). */
export function addAuditSink(s: Sink): void {
  extraSinks.push(s);
}

export function auditFile(): string {
  return resolve(consoleConfig().audit.file);
}

let chain: Promise<void> = Promise.resolve();

/** Records one entry; appends are serialized so lines never interleave. Never throws. */
export function recordAudit(input: AuditInput): Promise<AuditEntry> {
  const entry: AuditEntry = { id: randomUUID(), time: new Date().toISOString(), ...input };
  const line = `${JSON.stringify(entry)}\n`;
  const file = auditFile();
  chain = chain
    .then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, line, { mode: 0o600 });
    })
    .catch((err: unknown) => log('error', 'audit: cannot append to the audit file', { file, error: (err as NodeJS.ErrnoException).code ?? String(err) }));
  const done = chain;
  for (const s of extraSinks) void s(entry).catch((err: unknown) => log('error', 'audit: a sink failed', { error: err instanceof Error ? err.message : String(err) }));
  return done.then(() => entry);
}
