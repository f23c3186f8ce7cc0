/**
 * `npm run console -- COMMAND`: manage the console's config file.
 *
 *   user add NAME --role ROLE [--role ROLE ...]   add a local user; prompts for the password
 *   user passwd NAME                              set a new password
 *   user remove NAME
 *   user list
 *   secret                                        print a new random session secret
 *
 * ROLE is viewer, operator or admin, optionally @cluster-id (operator@dev). The file is
 * KAFKA_CONSOLE_CONFIG or --config FILE; only the password's scrypt hash is written.
 * Without a terminal, the password is read from the first line of standard input.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { hashPassword } from '../lib/auth/passwords';
import { grantSchema, userSchema } from '../lib/schemas/config';

type ConfigJson = {
  auth?: { users?: { username: string; passwordHash: string; roles: unknown[] }[]; [k: string]: unknown };
  clusters?: unknown[];
  [k: string]: unknown;
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function option(args: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === name && args[i + 1]) out.push(args[++i]);
  return out;
}

function configPath(args: string[]): string {
  const file = option(args, '--config')[0] ?? process.env.KAFKA_CONSOLE_CONFIG;
  if (!file) fail('Name the config file: KAFKA_CONSOLE_CONFIG=console.json npm run console -- ...  (or --config FILE)');
  return file;
}

function readConfig(file: string): ConfigJson {
  if (!existsSync(file)) {
    const brokers = (process.env.KAFKA_BROKERS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (brokers.length === 0) fail(`${file} does not exist. Create it with a "clusters" list, or set KAFKA_BROKERS=host:port to start one`);
    return { clusters: [{ id: 'local', bootstrapServers: brokers }] };
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ConfigJson;
  } catch {
    return fail(`${file} is not valid JSON; fix it first (the console reports the line and column)`);
  }
}

function writeConfig(file: string, config: ConfigJson): void {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Reads a password without echoing it on a terminal; from stdin's first line otherwise. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let value = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (c === '\u0003') process.exit(130);
        if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on('data', onData);
  });
}

async function newPassword(): Promise<string> {
  const pw = await readPassword('Password: ');
  if (pw.length < 8) fail('The password must have at least 8 characters');
  if (process.stdin.isTTY && (await readPassword('Again: ')) !== pw) fail('The passwords differ');
  return pw;
}

async function main(argv: string[]) {
  const [cmd, sub, name, ...rest] = argv;
  if (cmd === 'secret') {
    process.stdout.write(`${randomBytes(32).toString('base64url')}\n`);
    return;
  }
  if (cmd !== 'user' || !sub) fail('usage: npm run console -- user add NAME --role ROLE | user passwd NAME | user remove NAME | user list | secret');
  const file = configPath(argv);
  const config = readConfig(file);
  config.auth ??= {};
  const auth = config.auth;
  auth.users ??= [];
  const users = auth.users;
  if (sub === 'list') {
    for (const u of users) process.stdout.write(`${u.username}\t${u.roles.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(', ')}\n`);
    return;
  }
  if (!name) fail(`usage: npm run console -- user ${sub} NAME`);
  const existing = users.find((u) => u.username === name);
  if (sub === 'add') {
    if (existing) fail(`User ${name} exists; use "user passwd ${name}" to change the password`);
    const roles = option(rest, '--role');
    if (roles.length === 0) fail('Give at least one --role: viewer, operator or admin (optionally @cluster-id)');
    for (const r of roles) if (!grantSchema.safeParse(r).success) fail(`--role ${r}: use viewer, operator or admin, optionally @cluster-id`);
    const entry = { username: name, passwordHash: await hashPassword(await newPassword()), roles };
    const check = userSchema.safeParse(entry);
    if (!check.success) fail(`Cannot add ${name}: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    users.push(entry);
    writeConfig(file, config);
    process.stdout.write(`Added ${name} (${roles.join(', ')}) to ${file}. Restart the console to apply.\n`);
  } else if (sub === 'passwd') {
    if (!existing) fail(`No user ${name} in ${file}`);
    existing.passwordHash = await hashPassword(await newPassword());
    writeConfig(file, config);
    process.stdout.write(`New password for ${name} written to ${file}. Restart the console to apply.\n`);
  } else if (sub === 'remove') {
    if (!existing) fail(`No user ${name} in ${file}`);
    auth.users = users.filter((u) => u !== existing);
    writeConfig(file, config);
    process.stdout.write(`Removed ${name} from ${file}. Restart the console to apply.\n`);
  } else {
    fail(`unknown command: user ${sub}`);
  }
}

void main(process.argv.slice(2));
