/** Every secret of the test environment: what must never reach a browser, a log line or the audit trail. */
export function testSecrets(): string[] {
  const users = JSON.parse(process.env.KAFKA_TEST_USERS ?? '[]') as { password: string }[];
  const others = JSON.parse(process.env.KAFKA_TEST_SECRETS ?? '[]') as string[];
  return [...users.map((u) => u.password), ...others].filter((s) => s.length >= 8);
}

/** Markers of secret material in general: password hashes and config fields that hold secrets. */
export const SECRET_MARKERS = [/scrypt\$\d+\$/, /"passwordHash"/, /"sessionSecret"/];

export function leaks(text: string): string[] {
  return [
    ...testSecrets()
      .filter((s) => text.includes(s))
      .map(() => 'a test secret'),
    ...SECRET_MARKERS.filter((m) => m.test(text)).map(String),
  ];
}
