import { describe, expect, it } from 'vitest';
import { checkError, errorType, isRetriable, KafkaResponseError } from './errors';

describe('Kafka error codes', () => {
  it('are named as Kafka names them', () => {
    expect(errorType(6)).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(errorType(16)).toBe('NOT_COORDINATOR');
    expect(errorType(73)).toBe('TOPIC_DELETION_DISABLED');
    expect(errorType(-1)).toBe('UNKNOWN_SERVER_ERROR');
    expect(errorType(31_000)).toBe('KAFKA_ERROR_31000');
  });

  it('say which are retriable', () => {
    expect(isRetriable(14)).toBe(true); // COORDINATOR_LOAD_IN_PROGRESS
    expect(isRetriable(36)).toBe(false); // TOPIC_ALREADY_EXISTS
  });

  it("become a KafkaResponseError with the broker's message", () => {
    expect(() => checkError(0)).not.toThrow();
    const err = (() => {
      try {
        checkError(68, 'group has members');
      } catch (e) {
        return e;
      }
    })() as KafkaResponseError;
    expect(err).toBeInstanceOf(KafkaResponseError);
    expect(err.message).toBe('NON_EMPTY_GROUP: group has members');
  });
});
