import { describe, expect, test } from 'vitest';
import { securityFailure } from './connect-errors';
import type { ClusterConfig } from '@/lib/config';

const cluster = {
  id: 'prod',
  name: 'prod',
  bootstrapServers: ['kafka-1:9093'],
  readOnly: false,
  ssl: { enabled: true, caFile: '/etc/kafka/ca.pem', rejectUnauthorized: true },
  sasl: { mechanism: 'scram-sha-512', username: 'console', passwordFile: '/run/secrets/kafka' },
} as ClusterConfig;

/** The shapes kafkajs throws, as seen against the secured test cluster (e2e/api/secured.test.ts). */
const wrapped = (code: string, message: string) => ({
  name: 'KafkaJSNumberOfRetriesExceeded',
  message,
  originalError: { name: 'KafkaJSConnectionError', code, message },
});

describe('securityFailure', () => {
  test('each failure gets its own problem and names the config to fix, never the secret or kafkajs text', () => {
    const cases: [unknown, string, RegExp][] = [
      [
        { name: 'KafkaJSSASLAuthenticationError', message: 'SASL SCRAM SHA512 authentication failed' },
        'sasl_authentication',
        /user "console" with SCRAM-SHA-512/,
      ],
      [wrapped('SELF_SIGNED_CERT_IN_CHAIN', 'Connection error: self-signed certificate in certificate chain'), 'tls_untrusted', /\/etc\/kafka\/ca\.pem/],
      [
        wrapped('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: Host: kafka-1. is not in the cert's altnames: DNS:other"),
        'tls_hostname',
        /"kafka-1"/,
      ],
      [wrapped('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'SSL alert number 42'), 'tls_client_certificate', /sent none/],
      [wrapped('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'tls_protocol', /does not speak TLS/],
    ];
    for (const [err, problem, says] of cases) {
      const e = securityFailure(err, cluster);
      expect(e?.extra.details, problem).toEqual({ problem });
      expect(e?.status).toBe(503);
      expect(e?.message).toMatch(says);
      expect(e?.message).toContain('cluster prod');
      expect(e?.message).not.toMatch(/KafkaJS|SSL alert|run\/secrets/);
    }
  });

  test('anything else is not a security failure', () => {
    expect(securityFailure({ name: 'KafkaJSConnectionError', code: 'ECONNREFUSED' }, cluster)).toBeNull();
    expect(securityFailure(new Error('boom'))).toBeNull();
  });

  test('without a cluster config the messages still say what to check', () => {
    expect(securityFailure({ name: 'KafkaJSSASLAuthenticationError' })?.message).toMatch(/the configured SASL user/);
  });
});
