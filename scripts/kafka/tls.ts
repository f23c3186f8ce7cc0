/**
 * Certificates for a secured test cluster, made fresh per run with openssl: a CA, the
 * brokers' certificate (SAN 127.0.0.1 and localhost), a certificate for a name the brokers
 * are not reached by (to test hostname verification), client certificates for mutual TLS,
 * and a second CA nobody trusts. Keys never leave the cluster's data directory.
 *
 * Brokers read PKCS#12 keystores and a PEM truststore; Node reads the PEM files.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Keypair {
  /** PEM certificate (leaf only). */
  cert: string;
  /** PEM private key, unencrypted (for Node clients). */
  key: string;
  /** PKCS#12 keystore with key, certificate and CA (for the JVM), protected by `storePassword`. */
  p12: string;
}

export interface TlsFiles {
  dir: string;
  /** The CA every broker and client certificate is signed by (PEM). */
  caFile: string;
  /** A CA that signed nothing the brokers present: a client trusting only it fails verification. */
  untrustedCaFile: string;
  /** The password of every PKCS#12 keystore here (random per run). */
  storePassword: string;
  broker: Keypair;
  /** A broker certificate for kafka.invalid only, for the listener that tests hostname mismatch. */
  wrongName: Keypair;
  /** Client certificates by principal name (CN). */
  clients: Record<string, Keypair>;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: Buffer; code?: string };
    if (e.code === 'ENOENT') throw new Error('openssl is required to make the test certificates (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString() ?? String(err)}`);
  }
}

function makeCa(dir: string, name: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`],
    dir,
  );
  return { cert, key };
}

function issue(dir: string, ca: { cert: string; key: string }, name: string, cn: string, ext: string, storePassword: string): Keypair {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const extFile = join(dir, `${name}.ext`);
  const p12 = join(dir, `${name}.p12`);
  writeFileSync(extFile, `${ext}\n`);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', extFile], dir);
  openssl(['pkcs12', '-export', '-in', cert, '-inkey', key, '-certfile', ca.cert, '-name', name, '-out', p12, '-passout', `pass:${storePassword}`], dir);
  return { cert, key, p12 };
}

/** Makes every certificate a secured cluster and its clients need, under `dir`. */
export function makeTlsFiles(dir: string, clientNames: string[]): TlsFiles {
  mkdirSync(dir, { recursive: true });
  const storePassword = randomBytes(12).toString('hex');
  const ca = makeCa(dir, 'ca');
  const other = makeCa(dir, 'untrusted-ca');
  const server = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth';
  const broker = issue(dir, ca, 'broker', 'broker', `${server}\nsubjectAltName=IP:127.0.0.1,DNS:localhost`, storePassword);
  const wrongName = issue(dir, ca, 'wrong-name', 'kafka.invalid', `${server}\nsubjectAltName=DNS:kafka.invalid`, storePassword);
  const client = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth';
  const clients: Record<string, Keypair> = {};
  for (const name of clientNames) clients[name] = issue(dir, ca, `client-${name}`, name, client, storePassword);
  return { dir, caFile: ca.cert, untrustedCaFile: other.cert, storePassword, broker, wrongName, clients };
}
