import type { z } from 'zod';
import type { Permission } from '@/lib/auth/roles';

/**
 * One API operation: its method, path and the zod schemas that validate its input.
 * Route handlers validate with these schemas and /api/openapi.json is generated from
 * them, so the document cannot drift from what the server accepts.
 */
export interface Operation<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Response body schema, for the document only. */
  response?: z.ZodType;
  /** Status codes besides 200 and the generic ones, with what they mean. */
  errors?: Record<number, string>;
  /**
   * What the caller needs: a permission (checked per cluster, topic and group by the route
   * wrapper before the body is read), 'signed-in' for any session, 'public' for none.
   */
  permission: Permission | 'signed-in' | 'public';
  /** True for operations that change something in Kafka (audited). */
  mutates?: boolean;
  /**
   * Destructive operations: the value the body's `confirm` field must equal (the resource's
   * name), or null when this request needs no confirmation.
   */
  confirm?: (input: { params: Record<string, unknown>; body: unknown }) => string | null;
  /** The topic or group a request acts on when it is not a path parameter (create topic: the body's name). */
  scope?: (input: { params: Record<string, unknown>; body: unknown }) => { topic?: string; group?: string };
  /** The state before and after, from the handler's result, for the audit trail. */
  audit?: (result: unknown, input: { params: Record<string, unknown>; body: unknown }) => AuditState;
  /** text/event-stream instead of JSON. */
  stream?: boolean;
  /** Streams: each event's name and the schema of its data (JSON), for the document. */
  events?: Record<string, z.ZodType>;
  successStatus?: number;
}

/** What an operation adds to its audit entry once it succeeded. */
export interface AuditState {
  resource?: string;
  before?: unknown;
  after?: unknown;
  /** When the cluster is not a path parameter (an undo names the entry, not the cluster). */
  cluster?: string;
  /** The entry this call undid. */
  undoOf?: string;
  /** The body's value is a secret even though its name does not look like one (Kafka says the config is sensitive). */
  secretValue?: boolean;
}

export function op<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(o: Operation<P, Q, B>): Operation<P, Q, B> {
  return o;
}
