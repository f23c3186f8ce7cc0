import { describe, expect, test } from 'vitest';
import { saltedPassword, scramCommand } from './scram';

describe('SCRAM salted password (RFC 5802 Hi)', () => {
  // Independently computed with Python: hashlib.pbkdf2_hmac('sha256', b'pencil', b'salt-1234', 4096).hex()
  // and hashlib.pbkdf2_hmac('sha512', b'pencil', b'salt-1234', 4096).hex()[:32].
  test('matches PBKDF2 of the mechanism, one block long', async () => {
    const salt = Buffer.from('salt-1234');
    const sha256 = await saltedPassword('pencil', salt, 4096, 'SCRAM-SHA-256');
    expect(sha256).toHaveLength(32);
    expect(sha256.toString('hex')).toBe(SHA256);
    const sha512 = await saltedPassword('pencil', salt, 4096, 'SCRAM-SHA-512');
    expect(sha512).toHaveLength(64);
    expect(sha512.toString('hex').slice(0, 32)).toBe(SHA512_PREFIX);
  });
});

describe('scramCommand', () => {
  test('elides the password and quotes odd names', () => {
    expect(scramCommand('b:9092', 'alice', { mechanism: 'SCRAM-SHA-512', iterations: 8192 })).toBe(
      "kafka-configs --bootstrap-server b:9092 --alter --add-config 'SCRAM-SHA-512=[iterations=8192,password=********]' --entity-type users --entity-name alice",
    );
    expect(scramCommand('b:9092', "o'brien x", { mechanism: 'SCRAM-SHA-256', delete: true })).toBe(
      "kafka-configs --bootstrap-server b:9092 --alter --delete-config 'SCRAM-SHA-256' --entity-type users --entity-name 'o'\\''brien x'",
    );
  });
});

const SHA256 = '78a3aab42022f368153451d9086b1cc10aad46ec653158a719f1ecc863d97b78';
const SHA512_PREFIX = '6dc9b0d93b24be544d1647a13981db89';
