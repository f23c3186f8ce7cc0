/**
 * What an audit entry may keep of a request: secrets and record contents are replaced,
 * names and numbers stay. Pure, so it is tested on its own.
 */
export const REDACTED = '[redacted]';

const SECRET_NAME = /pass(word)?|secret|token|credential|jaas|sasl|private|\.key$|keystore|truststore/i;

const CONNECTOR_CONFIG_OPS = new Set(['createConnector', 'updateConnectorConfig', 'validateConnectorConfig']);

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Produce bodies: keep partition and encodings, drop key, value and header values. */
function redactRecord(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const k of ['key', 'value']) if (k in out && out[k] !== null && out[k] !== undefined) out[k] = REDACTED;
  if (Array.isArray(out.headers)) {
    out.headers = out.headers.map((h) => (h && typeof h === 'object' ? { ...(h as Record<string, unknown>), value: REDACTED } : REDACTED));
  }
  return out;
}

function redactDeep(v: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (Array.isArray(v)) return v.slice(0, 1000).map((x) => redactDeep(x, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = isSecretName(k) ? REDACTED : redactDeep(x, depth + 1);
    return out;
  }
  return typeof v === 'string' && v.length > 2000 ? `${v.slice(0, 2000)}…` : v;
}

/**
 * The parameters to record for an operation: path parameters as they are, the body with
 * secrets and record contents replaced. A config value is replaced when its name looks
 * secret (ssl.keystore.password, sasl.jaas.config, ...) or Kafka calls it sensitive
 * (`secretValue`, known once the change went through).
 */
export function redactInput(opId: string, params: Record<string, unknown>, body: unknown, secretValue = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  if (body === undefined || body === null) return out;
  if (opId === 'produceMessage' && typeof body === 'object') return { ...out, body: redactRecord(body as Record<string, unknown>) };
  // Connector configs: which keys are secrets only the plugin's definition says (PASSWORD); the
  // entry keeps the key names here and the config with those masked in its before/after.
  if (CONNECTOR_CONFIG_OPS.has(opId) && typeof body === 'object' && 'config' in body) {
    const config = (body as { config?: unknown }).config;
    const keys = config && typeof config === 'object' ? Object.keys(config).slice(0, 1000) : [];
    return { ...out, body: { ...(redactDeep(body) as Record<string, unknown>), config: { keys } } };
  }
  const configName = typeof params.name === 'string' ? params.name : undefined;
  if (configName && (secretValue || isSecretName(configName)) && typeof body === 'object' && 'value' in body) {
    return { ...out, body: { ...(body as Record<string, unknown>), value: REDACTED } };
  }
  return { ...out, body: redactDeep(body) };
}
