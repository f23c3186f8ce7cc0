import 'server-only';
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { consoleConfig } from '@/lib/config';
import type { Principal } from '@/lib/auth/session';
import { log } from '@/lib/log';
import type { AuditEntry } from '@/lib/schemas/audit';

/**
 * The audit trail: every mutating call, sign-in, sign-out and denied attempt, as one JSON
 * line each in an append-only file (and optionally a Kafka topic, see kafka-sink.ts).
 * Entries hold names and numbers, never secrets or record contents (see redact.ts).
 */
export type { AuditEntry } from '@/lib/schemas/audit';

export type AuditInput = Omit<AuditEntry, 'id' | 'time'>;

/** Who acted, as an entry records it: grants written out with their topic and group prefixes. */
export function auditActor(p: Pick<Principal, 'user' | 'via' | 'grants'> | null): AuditEntry['actor'] {
  return {
    user: p?.user ?? null,
    via: p?.via ?? null,
    roles:
      p?.grants.map(
        (g) =>
          `${g.role}@${g.cluster}${g.topicPrefix !== undefined ? ` topics:${g.topicPrefix}*` : ''}${g.groupPrefix !== undefined ? ` groups:${g.groupPrefix}*` : ''}`,
      ) ?? [],
  };
}

type Sink = (entry: AuditEntry) => Promise<void>;

/** Module state on globalThis: Next.js may load this module once per route bundle, and every copy must share one write queue. */
interface AuditState {
  chain: Promise<void>;
  sinks: Sink[];
  /** Files whose mode was checked in this process. */
  checked: Set<string>;
  topicSinkAdded: boolean;
}
const stateKey = Symbol.for('kafka-console.audit');
function state(): AuditState {
  const g = globalThis as typeof globalThis & { [stateKey]?: AuditState };
  g[stateKey] ??= { chain: Promise.resolve(), sinks: [], checked: new Set(), topicSinkAdded: false };
  return g[stateKey];
}

/** Adds a sink (the Kafka topic sink registers itself here on the first entry). */
export function addAuditSink(s: Sink): void {
  state().sinks.push(s);
}

export function auditFile(): string {
  return resolve(consoleConfig().audit.file);
}

/** How long a request waits for the extra sinks (a Kafka topic) before it goes on without them. */
export const SINK_TIMEOUT_MS = 5_000;

/**
 * Appends one line with O_APPEND in one write call: the file only ever grows, and a line
 * lands whole at its end even when another process appends too. A file readable by others
 * is narrowed to 0600 (checked the first time this process writes to it).
 */
async function appendLine(file: string, line: string): Promise<void> {
  const s = state();
  if (!s.checked.has(file)) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const st = await stat(file).catch(() => null);
    if (st && (st.mode & 0o077) !== 0) {
      await chmod(file, 0o600);
      log('warn', 'audit: the audit file was readable by others; its mode is now 0600', { file });
    }
    s.checked.add(file);
  }
  const fh = await open(file, 'a', 0o600);
  try {
    const bytes = Buffer.from(line, 'utf8');
    let done = 0;
    while (done < bytes.length) done += (await fh.write(bytes, done)).bytesWritten;
  } finally {
    await fh.close();
  }
}

async function registerTopicSink(): Promise<void> {
  const s = state();
  if (s.topicSinkAdded) return;
  s.topicSinkAdded = true;
  const { topicSink } = await import('./kafka-sink');
  addAuditSink(topicSink);
}

function withTimeout(p: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Records one entry. Appends are serialized so lines keep their order; the Kafka topic sink
 * (when audit.topic is configured) is awaited for at most SINK_TIMEOUT_MS, so the entry is
 * readable from the topic when the request that made it returns. Never throws.
 */
export async function recordAudit(input: AuditInput): Promise<AuditEntry> {
  const entry: AuditEntry = { id: randomUUID(), time: new Date().toISOString(), ...input };
  const line = `${JSON.stringify(entry)}\n`;
  const s = state();
  let file: string | null = null;
  try {
    file = auditFile();
    if (consoleConfig().audit.topic) await registerTopicSink();
  } catch (err) {
    log('error', 'audit: no audit configuration', { error: err instanceof Error ? err.message : String(err) });
  }
  if (file) {
    const target = file;
    s.chain = s.chain
      .then(() => appendLine(target, line))
      .catch((err: unknown) =>
        log('error', 'audit: cannot append to the audit file', { file: target, error: (err as NodeJS.ErrnoException).code ?? String(err) }),
      );
  }
  const written = s.chain;
  const sinks = s.sinks.map((sink) =>
    withTimeout(sink(entry), SINK_TIMEOUT_MS, 'the audit sink').catch((err: unknown) =>
      log('error', 'audit: a sink failed (the entry is in the audit file)', { id: entry.id, error: err instanceof Error ? err.message : String(err) }),
    ),
  );
  await Promise.all([written, ...sinks]);
  return entry;
}
