/** One audit entry as stored (file line or topic record) and as GET /api/audit returns it. Pure types, for server and browser. */
export interface AuditEntry {
  id: string;
  time: string;
  actor: { user: string | null; via: string | null; roles: string[] };
  /** The operation id (setTopicConfig, executeResetOffsets, ...), or login / logout. */
  action: string;
  method?: string;
  path?: string;
  cluster?: string;
  resource?: string;
  /** Path parameters and the body, secrets and record contents replaced (redact.ts). */
  params?: Record<string, unknown>;
  before?: unknown;
  after?: unknown;
  result: { status: number; ok: boolean; error?: string };
  ms?: number;
  /** The id of the entry this one undid. */
  undoOf?: string;
  ip?: string;
}
