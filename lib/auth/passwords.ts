import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes for local users: scrypt from node:crypto, stored as
 * scrypt$N$r$p$salt$hash (base64url). Plain passwords never enter the config file.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const nn = Number(n);
  // Bounded cost, so a hand-edited config cannot make every sign-in hang the server.
  if (!Number.isInteger(nn) || nn < 2 || nn > 1 << 20 || Number(r) > 32 || Number(p) > 16) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), nn, Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, to compare against when the user does not exist (same time either way). */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
