import { describe, expect, test } from 'vitest';
import { REDACTED, isSecretName, redactInput } from './redact';

describe('redactInput', () => {
  test('a produced record keeps partition and encodings, never key, value or header values', () => {
    const body = {
      key: 'customer-42',
      value: '{"card":"4111"}',
      keyEncoding: 'utf8',
      valueEncoding: 'utf8',
      partition: 2,
      headers: [{ key: 'trace', value: 'abc', encoding: 'utf8' }],
    };
    const out = redactInput('produceMessage', { cluster: 'local', topic: 't' }, body);
    expect(out).toEqual({
      cluster: 'local',
      topic: 't',
      body: {
        key: REDACTED,
        value: REDACTED,
        keyEncoding: 'utf8',
        valueEncoding: 'utf8',
        partition: 2,
        headers: [{ key: 'trace', value: REDACTED, encoding: 'utf8' }],
      },
    });
    expect(JSON.stringify(out)).not.toMatch(/customer-42|4111|abc/);
  });

  test('a null key or value stays null (nothing to hide)', () => {
    expect(redactInput('produceMessage', {}, { key: null, value: 'v', headers: [] })).toEqual({ body: { key: null, value: REDACTED, headers: [] } });
  });

  test('a config value is hidden when its name looks secret, or when Kafka says it is sensitive', () => {
    expect(redactInput('setBrokerConfig', { name: 'listener.name.internal.ssl.keystore.password' }, { value: 'hunter2' })).toEqual({
      name: 'listener.name.internal.ssl.keystore.password',
      body: { value: REDACTED },
    });
    expect(redactInput('setBrokerConfig', { name: 'custom.thing' }, { value: 'hunter2' }, true)).toEqual({ name: 'custom.thing', body: { value: REDACTED } });
    expect(redactInput('setTopicConfig', { name: 'retention.ms' }, { value: '1000', validateOnly: false })).toEqual({
      name: 'retention.ms',
      body: { value: '1000', validateOnly: false },
    });
  });

  test('secret-looking keys are hidden at any depth; long strings are cut', () => {
    const out = redactInput(
      'createTopic',
      { cluster: 'c' },
      { name: 't', configs: { 'sasl.jaas.config': 'x', 'retention.ms': '1' }, note: 'a'.repeat(3000) },
    ) as { body: Record<string, unknown> };
    expect(out.body.configs).toEqual({ 'sasl.jaas.config': REDACTED, 'retention.ms': '1' });
    expect((out.body.note as string).length).toBe(2001);
  });

  test('isSecretName', () => {
    for (const n of ['ssl.key.password', 'sasl.jaas.config', 'password.encoder.secret', 'ssl.truststore.certificates', 'delegation.token.secret.key'])
      expect(isSecretName(n), n).toBe(true);
    for (const n of ['retention.ms', 'cleanup.policy', 'min.insync.replicas']) expect(isSecretName(n), n).toBe(false);
  });
});
