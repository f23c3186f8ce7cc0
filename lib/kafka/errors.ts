import { ApiError } from '@/lib/errors';
import { ConfigError, type ClusterConfig } from '@/lib/config';
import { configuredPrincipal, securityFailure } from './connect-errors';
import { KafkaResponseError } from './protocol';
import { UnsupportedApiError } from './protocol/errors';
import { firstReleaseWith } from './kafka-version';

/**
 * Turns what kafkajs or a Kafka response throws into an ApiError with a status that
 * fits and a message written for operators (never kafkajs's raw text or a stack).
 */
interface Subject {
  topic?: string;
  group?: string;
  broker?: string | number;
  /** The cluster the request went to, so connection failures can name what to fix in its config. */
  cluster?: ClusterConfig;
}

const NOT_FOUND = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID', 'GROUP_ID_NOT_FOUND', 'RESOURCE_NOT_FOUND']);
const UNPROCESSABLE = new Set([
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_CONFIG',
  'INVALID_REQUEST',
  'POLICY_VIOLATION',
  'INVALID_TOPIC_EXCEPTION',
  'OFFSET_OUT_OF_RANGE',
  'INVALID_COMMIT_OFFSET_SIZE',
  'INVALID_RECORD',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
  'UNSUPPORTED_COMPRESSION_TYPE',
  'INVALID_PRINCIPAL_TYPE',
  'UNSUPPORTED_SASL_MECHANISM',
]);
const CONFLICT = new Set([
  'TOPIC_ALREADY_EXISTS',
  'NON_EMPTY_GROUP',
  'TOPIC_DELETION_DISABLED',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'GROUP_SUBSCRIBED_TO_TOPIC',
  'STALE_MEMBER_EPOCH',
  'REASSIGNMENT_IN_PROGRESS',
  'SECURITY_DISABLED',
]);
const FORBIDDEN = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'SASL_AUTHENTICATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);
const UNAVAILABLE = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'BROKER_NOT_AVAILABLE',
  'NOT_CONTROLLER',
  'KAFKA_STORAGE_ERROR',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REPLICA_NOT_AVAILABLE',
]);

const FRIENDLY: Record<string, (s: Subject) => string> = {
  TOPIC_ALREADY_EXISTS: (s) => `Topic ${s.topic ?? ''} already exists`.replace('  ', ' '),
  UNKNOWN_TOPIC_OR_PARTITION: (s) => (s.topic ? `Topic ${s.topic} (or that partition) does not exist` : 'That topic or partition does not exist'),
  GROUP_ID_NOT_FOUND: (s) => `Consumer group ${s.group ?? ''} does not exist`,
  NON_EMPTY_GROUP: (s) => `Consumer group ${s.group ?? ''} still has active members`,
  UNKNOWN_MEMBER_ID: (s) => `Consumer group ${s.group ?? ''} has active members; Kafka only accepts this change while the group is empty`,
  ILLEGAL_GENERATION: (s) => `Consumer group ${s.group ?? ''} has active members; Kafka only accepts this change while the group is empty`,
  REBALANCE_IN_PROGRESS: (s) => `Consumer group ${s.group ?? ''} is rebalancing; try again when it is empty`,
  TOPIC_DELETION_DISABLED: () => 'This cluster forbids deleting topics (delete.topic.enable=false)',
  INVALID_REPLICATION_FACTOR: () => 'Replication factor is not valid for this cluster',
  INVALID_PARTITIONS: () => 'Number of partitions is not valid',
  TOPIC_AUTHORIZATION_FAILED: (s) => `Not authorized for topic ${s.topic ?? ''}`,
  GROUP_AUTHORIZATION_FAILED: (s) => `Not authorized for group ${s.group ?? ''}`,
  CLUSTER_AUTHORIZATION_FAILED: (s) => `${principalOf(s)} is not authorized for this cluster operation`,
  SECURITY_DISABLED: () => 'This cluster has no authorizer (authorizer.class.name is not set on the brokers), so it keeps no ACLs to change',
  SASL_AUTHENTICATION_FAILED: () => 'SASL authentication failed: check the username and password configured for this cluster',
  GROUP_SUBSCRIBED_TO_TOPIC: (s) => `Consumer group ${s.group ?? ''} has active members subscribed to this topic; stop them before deleting its offsets`,
  STALE_MEMBER_EPOCH: (s) => `Consumer group ${s.group ?? ''} has active members; Kafka only accepts this change while the group is empty`,
};

/** The console's own Kafka principal, in words, for authorization failures. */
function principalOf(s: Subject): string {
  const p = s.cluster ? configuredPrincipal(s.cluster) : null;
  return p ? `The console's Kafka principal (${p})` : "The console's Kafka principal";
}

function kafkaType(err: unknown): { type: string; kafkaMessage: string | null } | null {
  if (err instanceof KafkaResponseError) return { type: err.type, kafkaMessage: err.kafkaMessage };
  const e = err as { type?: unknown; name?: unknown };
  if (typeof e?.type === 'string' && typeof e.name === 'string' && e.name.startsWith('KafkaJS')) {
    return { type: e.type, kafkaMessage: null };
  }
  return null;
}

/** Follows kafkajs's wrappers (retries, aggregates) to the error underneath. */
function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = err;
  for (let i = 0; cur && i < 6; i++) {
    out.push(cur);
    const c = cur as { originalError?: unknown; cause?: unknown; errors?: unknown[] };
    cur = c.originalError ?? c.cause ?? (Array.isArray(c.errors) ? c.errors[0] : undefined);
  }
  return out;
}

function connectionProblem(err: unknown): string | null {
  for (const e of causes(err)) {
    const x = e as { name?: string; code?: string; broker?: string; host?: string; port?: number; message?: string };
    const where = x.broker ?? (x.host ? `${x.host}:${x.port}` : undefined);
    const reason = x.code ? humanSocketCode(x.code) : undefined;
    if (x.name === 'KafkaJSConnectionError' || x.name === 'KafkaJSConnectionClosedError' || (x.code && reason)) {
      const detail = reason ?? (x.message?.includes('timeout') ? 'connection timed out' : 'connection failed');
      return where ? `Cannot reach Kafka broker ${where}: ${detail}` : `Cannot reach the Kafka cluster: ${detail}`;
    }
    if (x.name === 'KafkaJSBrokerNotFound' || x.name === 'KafkaJSMetadataNotLoaded') return 'Cannot reach the Kafka cluster: no broker answered';
  }
  return null;
}

export function humanSocketCode(code: string): string | undefined {
  return (
    {
      ECONNREFUSED: 'connection refused (nothing listens on that address)',
      ENOTFOUND: 'host name does not resolve (check advertised.listeners)',
      EAI_AGAIN: 'host name lookup failed',
      ETIMEDOUT: 'connection timed out',
      EHOSTUNREACH: 'host unreachable',
      ENETUNREACH: 'network unreachable',
      ECONNRESET: 'connection reset by the broker (TLS or SASL mismatch?)',
      EPIPE: 'connection closed by the broker',
    } as Record<string, string>
  )[code];
}

/** A request the cluster's Kafka is too old for (or too new: a version the console no longer speaks). */
function unsupported(e: UnsupportedApiError): ApiError {
  const details = { kafkaError: e.type, api: e.apiName, broker: e.brokerId, brokerVersions: e.brokerRange };
  if (e.brokerRange) {
    return new ApiError('unprocessable', `Broker ${e.brokerId} accepts ${e.apiName} only in versions the console does not speak (${e.kafkaMessage})`, {
      details,
    });
  }
  const first = firstReleaseWith(e.apiKey);
  const needs = !first
    ? 'a newer Kafka release'
    : first.olderUnknown
      ? `Kafka ${first.release} or a somewhat older release`
      : `Kafka ${first.release} or newer`;
  return new ApiError('unprocessable', `This needs ${needs}: broker ${e.brokerId} does not support ${e.apiName}`, { details });
}

export function toApiError(err: unknown, subject: Subject = {}): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ConfigError) return new ApiError('internal', `The console is misconfigured: ${err.message}`);
  const security = securityFailure(err, subject.cluster);
  if (security) return security;
  for (const e of causes(err)) {
    if (e instanceof UnsupportedApiError) return unsupported(e);
    const k = kafkaType(e);
    if (!k) continue;
    const friendly = FRIENDLY[k.type]?.(subject).replace(/\s+/g, ' ').trim();
    const message = [friendly ?? `Kafka refused the request (${k.type})`, k.kafkaMessage].filter(Boolean).join(': ');
    const details = { kafkaError: k.type };
    if (NOT_FOUND.has(k.type)) return new ApiError('not_found', message, { details });
    if (UNPROCESSABLE.has(k.type)) return new ApiError('unprocessable', message, { details });
    if (CONFLICT.has(k.type)) return new ApiError('conflict', message, { details });
    if (FORBIDDEN.has(k.type)) return new ApiError('forbidden', message, { details });
    if (k.type === 'REQUEST_TIMED_OUT') return new ApiError('timeout', 'Kafka did not answer in time', { details });
    if (UNAVAILABLE.has(k.type)) return new ApiError('unavailable', `Kafka is not ready to serve this (${k.type}); try again shortly`, { details });
  }
  const conn = connectionProblem(err);
  if (conn) return new ApiError('unavailable', conn);
  for (const e of causes(err)) {
    const name = (e as { name?: string })?.name;
    if (name === 'KafkaJSRequestTimeoutError' || name === 'KafkaJSTimeout') return new ApiError('timeout', 'Kafka did not answer in time');
  }
  return new ApiError('internal', 'The request to Kafka failed unexpectedly; see the console server log');
}
