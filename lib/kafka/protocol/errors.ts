import { KAFKA_ERRORS, type KafkaErrorCode } from './error-codes';

/** Kafka's error codes, from its own `Errors` enum (see error-codes.ts). */
const BY_CODE = new Map<number, KafkaErrorCode>(KAFKA_ERRORS.map((e) => [e.code, e]));

/** An error code in a Kafka response; `type` is Kafka's name for it (e.g. NON_EMPTY_GROUP). */
export class KafkaResponseError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    readonly kafkaMessage: string | null,
  ) {
    super(kafkaMessage ? `${type}: ${kafkaMessage}` : type);
    this.name = 'KafkaResponseError';
  }
}

/** The broker accepts no version of a request the console can send (an older Kafka, or the API is off). */
export class UnsupportedApiError extends KafkaResponseError {
  constructor(
    readonly apiKey: number,
    readonly apiName: string,
    readonly brokerId: number,
    /** The versions the broker accepts; null when it has no version at all. */
    readonly brokerRange: { minVersion: number; maxVersion: number } | null,
    kafkaMessage: string,
  ) {
    super(35, 'UNSUPPORTED_VERSION', kafkaMessage);
    this.name = 'UnsupportedApiError';
  }
}

/** Kafka's name for an error code, e.g. 16 → NOT_COORDINATOR. */
export function errorType(code: number): string {
  return BY_CODE.get(code)?.name ?? `KAFKA_ERROR_${code}`;
}

/** Kafka's description of an error code. */
export function errorMessage(code: number): string | null {
  return BY_CODE.get(code)?.message ?? null;
}

export function isRetriable(code: number): boolean {
  return BY_CODE.get(code)?.retriable ?? false;
}

export function checkError(code: number, message: string | null = null): void {
  if (code !== 0) throw new KafkaResponseError(code, errorType(code), message);
}

/** The error name of a code, or null for 0 (no error). */
export const errorTypeOrNull = (code: number): string | null => (code ? errorType(code) : null);
