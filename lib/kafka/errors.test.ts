import { describe, expect, test } from 'vitest';
import { toApiError } from './errors';
import { KafkaResponseError } from './protocol';
import { UnsupportedApiError } from './protocol/errors';

// Errors shaped the way kafkajs throws them: a name, a Kafka error type, wrapped in retries.
function kafkajsProtocolError(type: string) {
  return Object.assign(new Error('raw kafkajs text'), { name: 'KafkaJSProtocolError', type });
}

describe('toApiError', () => {
  test.each([
    ['TOPIC_ALREADY_EXISTS', 409],
    ['UNKNOWN_TOPIC_OR_PARTITION', 404],
    ['INVALID_REPLICATION_FACTOR', 422],
    ['INVALID_CONFIG', 422],
    ['NON_EMPTY_GROUP', 409],
    ['TOPIC_AUTHORIZATION_FAILED', 403],
    ['NOT_CONTROLLER', 503],
  ])('%s maps to %i with an operator-facing message', (type, status) => {
    const e = toApiError(kafkajsProtocolError(type), { topic: 'orders', group: 'billing' });
    expect(e.status).toBe(status);
    expect(e.message).not.toContain('raw kafkajs text');
  });

  test('follows retry wrappers to the cause', () => {
    const wrapped = Object.assign(new Error('retries exceeded'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: kafkajsProtocolError('TOPIC_ALREADY_EXISTS'),
    });
    expect(toApiError(wrapped, { topic: 'orders' }).message).toBe('Topic orders already exists');
  });

  test("keeps Kafka's own reason for a rejected value", () => {
    const e = toApiError(new KafkaResponseError(40, 'INVALID_CONFIG', 'Invalid value abc for configuration retention.ms'));
    expect(e.status).toBe(422);
    expect(e.message).toContain('Invalid value abc for configuration retention.ms');
  });

  test('a refused connection is a 503 naming the broker', () => {
    const err = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
      name: 'KafkaJSConnectionError',
      broker: '10.0.0.1:9092',
      code: 'ECONNREFUSED',
    });
    const e = toApiError(err);
    expect(e.status).toBe(503);
    expect(e.message).toBe('Cannot reach Kafka broker 10.0.0.1:9092: connection refused (nothing listens on that address)');
  });

  test('anything else is a generic 500', () => {
    const e = toApiError(new RangeError('boom'));
    expect(e.status).toBe(500);
    expect(e.message).not.toContain('boom');
  });
});

describe('a request the broker does not support', () => {
  test('names the Kafka release that brought it, as a 422, never falling back to another request', () => {
    const e = toApiError(new UnsupportedApiError(44, 'IncrementalAlterConfigs', 2, null, 'broker 2 supports IncrementalAlterConfigs in no version'));
    expect(e.status).toBe(422);
    expect(e.message).toBe('This needs Kafka 2.3 or newer: broker 2 does not support IncrementalAlterConfigs');
    const share = toApiError(new UnsupportedApiError(77, 'ShareGroupDescribe', 1, null, 'x'));
    expect(share.message).toMatch(/^This needs Kafka 4\.\d or newer: broker 1 does not support ShareGroupDescribe$/);
  });

  test('a broker that speaks the API only in versions the console dropped says so', () => {
    const e = toApiError(new UnsupportedApiError(1, 'Fetch', 3, { minVersion: 20, maxVersion: 22 }, 'broker 3 supports Fetch v20-v22, the console v4-v12'));
    expect(e.status).toBe(422);
    expect(e.message).toContain('broker 3 supports Fetch v20-v22');
  });
});
