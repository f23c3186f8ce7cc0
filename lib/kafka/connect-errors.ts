import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiError } from '@/lib/errors';
import type { ClusterConfig } from '@/lib/config';

/**
 * Why the console could not set up a connection to a secured cluster, in words that name
 * what to fix in its config file (or on the brokers): a rejected SASL login, a broker
 * certificate the console does not trust or that names another host, a listener that
 * wants a client certificate. Never kafkajs's text or the credentials themselves.
 */
export type SecurityProblem = 'sasl_authentication' | 'tls_untrusted' | 'tls_hostname' | 'tls_client_certificate' | 'tls_protocol';

/** Node's verification failures that mean "signed by nobody the console trusts", in words. */
const UNTRUSTED: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a CA the console does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown to the console',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is unknown to the console',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown to the console',
  CERT_UNTRUSTED: 'its CA is not trusted for this purpose',
  CERT_SIGNATURE_FAILURE: 'its signature does not verify',
};

/** TLS alerts a broker sends when it wants a client certificate it did not get (or does not accept). */
const CLIENT_CERT_ALERTS = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

interface ErrLike {
  name?: string;
  code?: string;
  message?: string;
  broker?: string;
  originalError?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

function chain(err: unknown): ErrLike[] {
  const out: ErrLike[] = [];
  let cur: unknown = err;
  for (let i = 0; cur && typeof cur === 'object' && i < 6; i++) {
    const e = cur as ErrLike;
    out.push(e);
    cur = e.originalError ?? e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return out;
}

/** The subject of the configured client certificate, for the message (null when none or unreadable). */
function certificateSubject(file: string | undefined): string | null {
  if (!file) return null;
  try {
    return new X509Certificate(readFileSync(file)).subject.replaceAll('\n', ', ');
  } catch {
    return null;
  }
}

/** The principal the broker sees for this cluster's config, as far as the config tells. */
export function configuredPrincipal(c: ClusterConfig): string | null {
  if (c.sasl) return `User:${c.sasl.username}`;
  const subject = certificateSubject(c.ssl?.certFile);
  return subject ? `the principal of certificate ${subject}` : null;
}

function problem(kind: SecurityProblem, message: string): ApiError {
  return new ApiError('unavailable', message, { details: { problem: kind } });
}

/**
 * An ApiError naming the fix when `err` is a SASL or TLS failure, else null. `cluster`, when
 * known, lets the message name the user, mechanism and files involved.
 */
export function securityFailure(err: unknown, cluster?: ClusterConfig): ApiError | null {
  const where = cluster ? ` for cluster ${cluster.id}` : '';
  for (const e of chain(err)) {
    if (e.name === 'KafkaJSSASLAuthenticationError' || (e as { type?: string }).type === 'SASL_AUTHENTICATION_FAILED') {
      const who = cluster?.sasl ? `user "${cluster.sasl.username}" with ${cluster.sasl.mechanism.toUpperCase()}` : 'the configured SASL user';
      return problem(
        'sasl_authentication',
        `SASL authentication failed: the broker rejected ${who}. Check the username and password${where} in the console's config ` +
          '(sasl.password, passwordEnv or passwordFile), and that the user exists with that mechanism (kafka-configs --describe --entity-type users).',
      );
    }
    const code = e.code ?? '';
    if (Object.hasOwn(UNTRUSTED, code)) {
      const ca = cluster?.ssl?.caFile ? `the CA in ${cluster.ssl.caFile}` : "the system's CAs (no ssl.caFile is set)";
      return problem(
        'tls_untrusted',
        `TLS: the broker's certificate is not signed by a CA the console trusts (${UNTRUSTED[code]}); it trusts ${ca}. ` +
          `Set ssl.caFile${where} to the CA certificate (PEM) that signed the brokers' certificates.`,
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const host = /(?:IP|Host): ([^\s]+?)\.? is not/.exec(e.message ?? '')?.[1];
      return problem(
        'tls_hostname',
        `TLS: the broker's certificate is not valid for ${host ? `"${host}"` : 'the address the console connected to'}: that name is not among its subject alternative names. ` +
          `Connect by a name the certificate carries (bootstrapServers${where}, and the brokers' advertised.listeners), or reissue the certificate with this name in its SAN.`,
      );
    }
    if (CLIENT_CERT_ALERTS.has(code)) {
      const has = Boolean(cluster?.ssl?.certFile);
      return problem(
        'tls_client_certificate',
        has
          ? `TLS: the broker refused the console's client certificate (${certificateSubject(cluster?.ssl?.certFile) ?? cluster?.ssl?.certFile}): ` +
              "it is not signed by a CA in the brokers' truststore, or has expired. Use a certificate the brokers trust (ssl.certFile and ssl.keyFile" +
              `${where}).`
          : `TLS: the broker requires a client certificate (ssl.client.auth=required on this listener) and the console sent none. ` +
              `Set ssl.certFile and ssl.keyFile${where} to a certificate signed by a CA the brokers trust, or connect to a SASL listener.`,
      );
    }
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
      return problem(
        'tls_protocol',
        `TLS handshake failed: the listener at ${e.broker ?? 'that address'} does not speak TLS. Remove ssl${where}, or connect to the brokers' SSL or SASL_SSL listener.`,
      );
    }
  }
  return null;
}
