import 'server-only';
import { ApiError } from '@/lib/errors';
import type {
  CompatibilityChange,
  CompatibilityLevel,
  CompatibilityResult,
  DeleteSubjectResult,
  RegisterResult,
  RegistryInfo,
  SchemaInput,
  SchemaVersion,
  SubjectDetail,
  SubjectList,
  TopicSubjects,
} from '@/lib/schemas/schema-registry';
import { COMPATIBILITY_LEVELS } from '@/lib/schemas/schema-registry';
import { compile } from './codec';
import { schemaCache, schemaTextOf } from './cache';
import { RegistryHttpError, toApiError, type RegistryClient } from './client';

/**
 * Subjects, versions and compatibility through the Confluent-compatible API, the same calls
 * the curl equivalents show. Registry errors become API errors carrying its reason.
 */

const s = (subject: string) => encodeURIComponent(subject);

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toApiError(err);
  }
}

const level = (v: unknown): CompatibilityLevel | null => {
  const l =
    (v as { compatibilityLevel?: string; compatibility?: string } | null)?.compatibilityLevel ?? (v as { compatibility?: string } | null)?.compatibility;
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(l ?? '') ? (l as CompatibilityLevel) : null;
};

export async function registryInfo(c: RegistryClient): Promise<RegistryInfo> {
  const compatibility = await call(async () => level(await c.get('config')));
  return {
    url: c.url(''),
    auth: c.config.basicAuth ? 'basic' : c.config.bearerToken ? 'bearer' : null,
    username: c.config.basicAuth?.username ?? null,
    compatibility,
  };
}

export async function listSubjects(c: RegistryClient, q: { search?: string; deleted: boolean; limit: number }): Promise<SubjectList> {
  return call(async () => {
    const live = await c.get<string[]>('subjects');
    const all = q.deleted ? await c.get<string[]>('subjects?deleted=true') : live;
    const liveSet = new Set(live);
    const needle = q.search?.toLowerCase() ?? '';
    const matching = [...new Set(all)].filter((n) => typeof n === 'string' && n.toLowerCase().includes(needle)).sort();
    return {
      subjects: matching.slice(0, q.limit).map((name) => ({ name, deleted: !liveSet.has(name) })),
      total: matching.length,
      truncated: matching.length > q.limit,
    };
  });
}

interface RegistryVersion {
  subject: string;
  version: number;
  id: number;
  schemaType?: string;
  schema: string;
  references?: { name: string; subject: string; version: number }[];
}

const toVersion = (v: RegistryVersion): SchemaVersion => ({
  subject: v.subject,
  version: v.version,
  id: v.id,
  schemaType: v.schemaType === 'PROTOBUF' || v.schemaType === 'JSON' ? v.schemaType : 'AVRO',
  schema: v.schema,
  references: v.references ?? [],
});

export async function getVersion(c: RegistryClient, subject: string, version: string): Promise<SchemaVersion> {
  return call(async () => toVersion(await c.get<RegistryVersion>(`subjects/${s(subject)}/versions/${version}`)));
}

/** A subject's own compatibility level, or null when the global one applies. */
async function subjectLevel(c: RegistryClient, subject: string): Promise<CompatibilityLevel | null> {
  try {
    return level(await c.get(`config/${s(subject)}`));
  } catch (err) {
    if (err instanceof RegistryHttpError && err.status === 404) return null;
    throw err;
  }
}

export async function getSubject(c: RegistryClient, subject: string): Promise<SubjectDetail> {
  return call(async () => {
    const versions = await c.get<number[]>(`subjects/${s(subject)}/versions`);
    const latest = toVersion(await c.get<RegistryVersion>(`subjects/${s(subject)}/versions/latest`));
    const own = await subjectLevel(c, subject);
    const global = own === null ? level(await c.get('config')) : null;
    return { subject, versions, compatibility: { level: own ?? global, global: own === null }, latest };
  });
}

/** Parses the schema here first, so bad text is a 422 naming the problem, whatever the registry says. */
async function checkParses(c: RegistryClient, input: SchemaInput): Promise<void> {
  const text = await call(() => schemaTextOf(c, input));
  try {
    compile(text);
  } catch (err) {
    throw new ApiError(
      'unprocessable',
      `Not a valid ${input.schemaType === 'JSON' ? 'JSON Schema' : input.schemaType === 'PROTOBUF' ? 'Protobuf schema' : 'Avro schema'}: ${err instanceof Error ? err.message : String(err)}`,
      {
        field: 'schema',
      },
    );
  }
}

const body = (input: SchemaInput) => ({
  schema: input.schema,
  ...(input.schemaType !== 'AVRO' ? { schemaType: input.schemaType } : {}),
  ...(input.references.length ? { references: input.references } : {}),
});

export async function checkCompatibility(c: RegistryClient, subject: string, input: SchemaInput): Promise<CompatibilityResult> {
  await checkParses(c, input);
  return call(async () => {
    const own = await subjectLevel(c, subject);
    const lvl = own ?? level(await c.get('config'));
    let res: { is_compatible?: boolean; messages?: unknown };
    try {
      res = (await c.send('POST', `compatibility/subjects/${s(subject)}/versions/latest?verbose=true`, body(input))) as typeof res;
    } catch (err) {
      // A subject with no versions yet: anything is compatible with nothing.
      if (err instanceof RegistryHttpError && err.status === 404) return { compatible: true, messages: [], level: lvl };
      throw err;
    }
    const messages = Array.isArray(res.messages) ? res.messages.filter((m): m is string => typeof m === 'string').slice(0, 100) : [];
    return { compatible: res.is_compatible === true, messages, level: lvl };
  });
}

export async function registerSchema(c: RegistryClient, subject: string, input: SchemaInput): Promise<RegisterResult> {
  await checkParses(c, input);
  return call(async () => {
    const res = (await c.send('POST', `subjects/${s(subject)}/versions`, body(input))) as { id: number };
    let version: number | null = null;
    try {
      const found = (await c.send('POST', `subjects/${s(subject)}`, body(input))) as { version?: number };
      version = typeof found.version === 'number' ? found.version : null;
    } catch {
      // the id is what matters; the version is shown when the registry tells it
    }
    return { id: res.id, version };
  });
}

export async function setCompatibility(c: RegistryClient, subject: string | null, compatibility: CompatibilityLevel): Promise<CompatibilityChange> {
  return call(async () => {
    const before = subject === null ? level(await c.get('config')) : await subjectLevel(c, subject);
    await c.send('PUT', subject === null ? 'config' : `config/${s(subject)}`, { compatibility });
    const after = subject === null ? level(await c.get('config')) : await subjectLevel(c, subject);
    if (after !== compatibility) throw new ApiError('unavailable', `The registry answered the change but reports ${after ?? 'no level'} afterwards`);
    return { subject, before, after };
  });
}

/** The level the registry shows now: the global one, or the subject's own (null when it has none). */
export async function currentCompatibility(c: RegistryClient, subject: string | null): Promise<CompatibilityLevel | null> {
  return call(async () => (subject === null ? level(await c.get('config')) : await subjectLevel(c, subject)));
}

/** Removes a subject's own level (DELETE /config/{subject}): it uses the global one again. */
export async function removeSubjectCompatibility(
  c: RegistryClient,
  subject: string,
): Promise<{ subject: string; before: CompatibilityLevel | null; after: null }> {
  return call(async () => {
    const before = await subjectLevel(c, subject);
    await c.send('DELETE', `config/${s(subject)}`);
    const after = await subjectLevel(c, subject);
    if (after !== null) throw new ApiError('unavailable', `The registry answered the removal but still reports ${after} for subject ${subject}`);
    return { subject, before, after: null };
  });
}

export async function deleteSubject(c: RegistryClient, subject: string, permanent: boolean): Promise<DeleteSubjectResult> {
  return call(async () => {
    let versions: number[];
    try {
      versions = (await c.send('DELETE', `subjects/${s(subject)}`)) as number[];
    } catch (err) {
      // Already soft-deleted: a hard delete goes on; a soft one has nothing to do.
      if (!(permanent && err instanceof RegistryHttpError && err.status === 404)) throw err;
      versions = [];
    }
    if (permanent) {
      const hard = (await c.send('DELETE', `subjects/${s(subject)}?permanent=true`)) as number[];
      if (Array.isArray(hard) && hard.length) versions = hard;
    }
    return { subject, versions: Array.isArray(versions) ? versions : [], permanent };
  });
}

/**
 * The subjects a topic uses: its TopicNameStrategy subjects when registered, and the subjects
 * of the ids in its newest records (`ids`: what a page of them carries, from browse).
 */
export async function topicSubjects(c: RegistryClient, topic: string, seen: { role: 'key' | 'value'; id: number }[], sampled: number): Promise<TopicSubjects> {
  return call(async () => {
    const out = new Map<string, TopicSubjects['subjects'][number]>();
    for (const role of ['key', 'value'] as const) {
      const subject = `${topic}-${role}`;
      try {
        await c.get(`subjects/${s(subject)}/versions`);
        out.set(subject, { subject, role, byTopicName: true, ids: [] });
      } catch (err) {
        if (!(err instanceof RegistryHttpError && err.status === 404)) throw err;
      }
    }
    const cache = schemaCache(c);
    const unknown = new Set<number>();
    for (const { role, id } of seen) {
      await cache.load(id);
      const st = cache.peek(id);
      if (st?.state !== 'ok' || !st.schema.versions.length) {
        unknown.add(id);
        continue;
      }
      for (const v of st.schema.versions) {
        const e = out.get(v.subject) ?? { subject: v.subject, role, byTopicName: false, ids: [] };
        if (!e.ids.includes(id)) e.ids.push(id);
        out.set(v.subject, e);
      }
    }
    return { topic, subjects: [...out.values()], sampled, unknownIds: [...unknown] };
  });
}
