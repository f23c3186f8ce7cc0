/**
 * The secured cluster (SASL_SSL + SCRAM, mutual TLS, StandardAuthorizer) as tests see it:
 * Kafka's own CLI tools run against it as one of its principals, with the matching
 * --command-config (see startSecuredCluster in test-env.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFlag, runTool, type ToolResult } from '../../scripts/kafka/cluster';
import type { SecuredTestInfo } from './test-env';

function info(): SecuredTestInfo {
  const v = process.env.KAFKA_TEST_SECURE;
  if (!v) throw new Error('KAFKA_TEST_SECURE is not set: the secured cluster runs in the full API suite only (npm test)');
  return JSON.parse(v) as SecuredTestInfo;
}

/** Whether this run has the secured cluster (the compatibility runs do not). */
export const hasSecureCluster = Boolean(process.env.KAFKA_TEST_SECURE);

let scratch: string | null = null;

/** A principal as a CLI tool authenticates: a SCRAM user (with a password the test chose), or a client certificate. */
export type Principal = string | { user: string; password: string } | { cert: string };

function configFor(who: Principal): { file: string; bootstrap: string } {
  const i = info();
  if (typeof who === 'string') {
    const file = i.clientConfigs[who];
    if (!file) throw new Error(`no client config for ${who} on the secured cluster`);
    return { file, bootstrap: i.bootstrap };
  }
  if ('cert' in who) return { file: i.clientConfigs[`cert:${who.cert}`], bootstrap: i.mtlsBootstrap };
  scratch ??= mkdtempSync(join(tmpdir(), 'kafka-console-secure-'));
  const file = join(scratch, `${who.user}-${Date.now().toString(36)}.properties`);
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${who.user}" password="${who.password}";`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${i.caFile}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { file, bootstrap: i.bootstrap };
}

export const secureKafka = {
  get bootstrap(): string {
    return info().bootstrap;
  },
  /** Runs a CLI tool as `who` (admin, a super user, by default). */
  tool(tool: string, args: string[], who: Principal = 'admin', input?: string): Promise<ToolResult> {
    const { file, bootstrap } = configFor(who);
    return runTool(tool, ['--bootstrap-server', bootstrap, configFlag(tool, info().version), file, ...args], input, info().version);
  },
  async toolOk(tool: string, args: string[], who: Principal = 'admin', input?: string): Promise<string> {
    const r = await this.tool(tool, args, who, input);
    if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  },
};
