import { describe, expect, test } from 'vitest';
import { guessKafkaRelease } from './kafka-version';
import { RELEASE_API_VERSIONS } from './release-api-versions';

const asApiVersions = (max: Record<number, number>, keep: (key: number) => boolean = () => true) =>
  Object.fromEntries(
    Object.entries(max)
      .filter(([k]) => keep(Number(k)))
      .map(([k, v]) => [k, { maxVersion: v }]),
  );

describe('guessKafkaRelease', () => {
  test.each(RELEASE_API_VERSIONS.map((r) => [r.release, r.maxVersions] as const))('names %s from its own request versions', (release, max) => {
    const guess = guessKafkaRelease(asApiVersions(max));
    expect(guess.exact).toBe(true);
    expect(guess.releases).toEqual([release.split('.').slice(0, 2).join('.')]);
    expect(guess.label).toBe(guess.releases[0]);
  });

  test('a broker that serves only some requests (a ZooKeeper-mode broker lists no KRaft ones) is still named', () => {
    const r39 = RELEASE_API_VERSIONS.find((r) => r.release.startsWith('3.9.'))!;
    const guess = guessKafkaRelease(asApiVersions(r39.maxVersions, (k) => k < 50));
    expect(guess.releases).toContain('3.9');
    expect(guess.exact).toBe(true);
  });

  test('versions no release has give the nearest, marked as approximate', () => {
    const r31 = RELEASE_API_VERSIONS.find((r) => r.release.startsWith('3.1.'))!;
    const guess = guessKafkaRelease(asApiVersions({ ...r31.maxVersions, 0: 99 }));
    expect(guess).toMatchObject({ exact: false, releases: ['3.1'], label: 'about 3.1' });
  });

  test('a broker older than every known release says so', () => {
    expect(guessKafkaRelease({ 0: { maxVersion: 5 }, 1: { maxVersion: 8 }, 3: { maxVersion: 5 } }).label).toBe('older than 2.2');
  });
});
