import 'server-only';
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ApiError } from '@/lib/errors';
import type { ScramUser, ScramUserList, ScramUserOutcome } from '@/lib/schemas/users';
import { checkError, errorType, KafkaResponseError, send } from './protocol';
import { AlterUserScramCredentialsApi } from './protocol/generated/alter-user-scram-credentials';
import { DescribeUserScramCredentialsApi } from './protocol/generated/describe-user-scram-credentials';
import type { ClusterClients } from './registry';

/**
 * SCRAM users through DescribeUserScramCredentials and AlterUserScramCredentials. The salted
 * password is computed here (RFC 5802 Hi(), which is PBKDF2 with the mechanism's HMAC and
 * one block), on the libuv thread pool, not the event loop; the password itself goes
 * nowhere else: not to Kafka, not into a response, a log line or the audit trail.
 */
type Mechanism = ScramUser['credentials'][number]['mechanism'];
const MECHANISM_CODES: Record<Mechanism, number> = { 'SCRAM-SHA-256': 1, 'SCRAM-SHA-512': 2 };
const MECHANISM_NAMES: Record<number, Mechanism> = { 1: 'SCRAM-SHA-256', 2: 'SCRAM-SHA-512' };
const HASH: Record<Mechanism, { digest: 'sha256' | 'sha512'; bytes: number }> = {
  'SCRAM-SHA-256': { digest: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { digest: 'sha512', bytes: 64 },
};
const RESOURCE_NOT_FOUND = 91;

const pbkdf2Async = promisify(pbkdf2);

/** Hi(password, salt, iterations) of RFC 5802 for a mechanism. */
export function saltedPassword(password: string, salt: Buffer, iterations: number, mechanism: Mechanism): Promise<Buffer> {
  const { digest, bytes } = HASH[mechanism];
  return pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, bytes, digest);
}

/** The equivalent kafka-configs command; the password is never part of it. */
export function scramCommand(bootstrap: string, user: string, change: { mechanism: Mechanism; iterations?: number; delete?: boolean }): string {
  const entity = `--entity-type users --entity-name ${/^[A-Za-z0-9_.@-]+$/.test(user) ? user : `'${user.replaceAll("'", "'\\''")}'`}`;
  return change.delete
    ? `kafka-configs --bootstrap-server ${bootstrap} --alter --delete-config '${change.mechanism}' ${entity}`
    : `kafka-configs --bootstrap-server ${bootstrap} --alter --add-config '${change.mechanism}=[iterations=${change.iterations},password=********]' ${entity}`;
}

export async function listScramUsers(c: ClusterClients): Promise<ScramUserList> {
  const res = await send(c.cluster, { anyBroker: true }, DescribeUserScramCredentialsApi, { users: null });
  checkError(res.errorCode, res.errorMessage);
  const users = res.results
    .filter((r) => !r.errorCode)
    .map((r) => ({
      user: r.user,
      credentials: r.credentialInfos.flatMap((ci) =>
        MECHANISM_NAMES[ci.mechanism] ? [{ mechanism: MECHANISM_NAMES[ci.mechanism], iterations: ci.iterations }] : [],
      ),
    }))
    .sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  return { users };
}

/** One user's credentials; none (not an error) when the user has none. */
export async function scramUserCredentials(c: ClusterClients, user: string): Promise<ScramUser> {
  const res = await send(c.cluster, { anyBroker: true }, DescribeUserScramCredentialsApi, { users: [{ name: user }] });
  checkError(res.errorCode, res.errorMessage);
  const r = res.results[0];
  if (!r || r.errorCode === RESOURCE_NOT_FOUND) return { user, credentials: [] };
  checkError(r.errorCode, r.errorMessage);
  return {
    user,
    credentials: r.credentialInfos.flatMap((ci) =>
      MECHANISM_NAMES[ci.mechanism] ? [{ mechanism: MECHANISM_NAMES[ci.mechanism], iterations: ci.iterations }] : [],
    ),
  };
}

async function alter(c: ClusterClients, request: Parameters<typeof AlterUserScramCredentialsApi.encodeRequest>[2]): Promise<void> {
  const res = await send(c.cluster, { anyBroker: true }, AlterUserScramCredentialsApi, request);
  const failed = res.results.find((r) => r.errorCode);
  if (failed) throw new KafkaResponseError(failed.errorCode, errorType(failed.errorCode), failed.errorMessage);
}

/**
 * The user's credentials once they show `visible`: the controller has committed the change
 * when AlterUserScramCredentials answers, and each broker applies it to the metadata it
 * answers from a moment later (seconds on a loaded machine). Bounded; the last read is
 * returned either way.
 */
async function readBack(c: ClusterClients, user: string, visible: (u: ScramUser) => boolean, ms = 5_000): Promise<ScramUser> {
  const deadline = Date.now() + ms;
  for (;;) {
    const u = await scramUserCredentials(c, user);
    if (visible(u) || Date.now() > deadline) return u;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Sets a user's password for a mechanism. `mode` create refuses a user that already has a
 * credential for it (409); change refuses one that has none (404).
 */
export async function upsertScramUser(
  c: ClusterClients,
  input: { user: string; mechanism: Mechanism; iterations: number; password: string },
  mode: 'create' | 'change',
): Promise<ScramUserOutcome> {
  const before = await scramUserCredentials(c, input.user);
  const has = before.credentials.some((x) => x.mechanism === input.mechanism);
  if (mode === 'create' && has) throw new ApiError('conflict', `User ${input.user} already has a ${input.mechanism} credential: change its password instead`);
  if (mode === 'change' && !has) throw new ApiError('not_found', `User ${input.user} has no ${input.mechanism} credential`);
  const salt = randomBytes(32);
  const salted = await saltedPassword(input.password, salt, input.iterations, input.mechanism);
  await alter(c, {
    deletions: [],
    upsertions: [{ name: input.user, mechanism: MECHANISM_CODES[input.mechanism], iterations: input.iterations, salt, saltedPassword: salted }],
  });
  const after = await readBack(c, input.user, (u) => u.credentials.some((x) => x.mechanism === input.mechanism && x.iterations === input.iterations));
  return { ...after, command: scramCommand(c.config.bootstrapServers[0], input.user, { mechanism: input.mechanism, iterations: input.iterations }) };
}

export async function deleteScramCredential(c: ClusterClients, user: string, mechanism: Mechanism): Promise<ScramUserOutcome> {
  const before = await scramUserCredentials(c, user);
  if (!before.credentials.some((x) => x.mechanism === mechanism)) throw new ApiError('not_found', `User ${user} has no ${mechanism} credential`);
  await alter(c, { deletions: [{ name: user, mechanism: MECHANISM_CODES[mechanism] }], upsertions: [] });
  const after = await readBack(c, user, (u) => !u.credentials.some((x) => x.mechanism === mechanism));
  return { ...after, command: scramCommand(c.config.bootstrapServers[0], user, { mechanism, delete: true }) };
}
