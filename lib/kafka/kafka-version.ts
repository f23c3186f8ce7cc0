/**
 * Which Kafka release a broker runs, as far as its ApiVersions tell: brokers never report
 * their version, but the newest version of each request they accept matches one release's
 * message definitions (release-api-versions.ts, generated from each release's jar), or a few
 * neighbouring releases that changed no request a broker serves.
 */
import { RELEASE_API_VERSIONS } from './release-api-versions';

export interface VersionGuess {
  /** "3.9", "3.1 – 3.2", "about 3.9" (nothing matched exactly), "older than 2.4". */
  label: string;
  /** The matching releases (major.minor), oldest first; empty when older than every known one. */
  releases: string[];
  exact: boolean;
}

const minor = (release: string) => release.split('.').slice(0, 2).join('.');

export function guessKafkaRelease(versions: Record<number, { maxVersion: number }>): VersionGuess {
  const keys = Object.keys(versions).map(Number);
  const oldest = RELEASE_API_VERSIONS[0];
  // Fetch (1) and Metadata (3) grow with nearly every release: below the oldest table's, older.
  if ((versions[1]?.maxVersion ?? 0) < oldest.maxVersions[1] && (versions[3]?.maxVersion ?? 0) < oldest.maxVersions[3]) {
    return { label: `older than ${minor(oldest.release)}`, releases: [], exact: false };
  }
  const scored = RELEASE_API_VERSIONS.map((r) => ({
    release: minor(r.release),
    misses: keys.filter((k) => r.maxVersions[k] !== versions[k].maxVersion).length,
  }));
  const best = Math.min(...scored.map((s) => s.misses));
  const releases = scored.filter((s) => s.misses === best).map((s) => s.release);
  const range = releases.length === 1 ? releases[0] : `${releases[0]} – ${releases[releases.length - 1]}`;
  return { label: best === 0 ? range : `about ${range}`, releases, exact: best === 0 };
}

/** The first release (major.minor) that accepts `apiKey` at `version` or newer; null when none known does. */
export function firstReleaseWith(apiKey: number, version = 0): { release: string; olderUnknown: boolean } | null {
  const i = RELEASE_API_VERSIONS.findIndex((r) => (r.maxVersions[apiKey] ?? -1) >= version);
  // Present in the oldest table: it came with that release or an older one.
  return i < 0 ? null : { release: minor(RELEASE_API_VERSIONS[i].release), olderUnknown: i === 0 };
}
