'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useCan } from '@/lib/queries/auth';
import {
  useCheckSchema,
  useDeleteSubject,
  useRegisterSchema,
  useRegistryInfo,
  useSchemaVersion,
  useSetCompatibility,
  useSubject,
  useSubjects,
} from '@/lib/queries/schemas';
import { paths } from '@/lib/paths';
import { COMPATIBILITY_LEVELS, SCHEMA_TYPES, type CompatibilityLevel, type SchemaVersion } from '@/lib/schemas/schema-registry';
import { curlFor, highlight, lineDiff, prettySchema, type CurlTarget } from '@/lib/schema-registry/curl';
import { errorMessage } from '@/lib/api-client';
import { useDebounced } from '@/components/ui/use-debounced';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Badge, Button, Card, CliHint, ErrorPanel, Loading, cx } from '@/components/ui/primitives';
import { inputClass, labelClass } from '@/components/ui/fields';
import { VirtualRows } from '@/components/ui/virtual-rows';

const TONE = {
  key: 'text-purple-700 dark:text-purple-300',
  string: 'text-emerald-700 dark:text-emerald-300',
  number: 'text-blue-700 dark:text-blue-300',
  keyword: 'text-amber-700 dark:text-amber-300',
  comment: 'text-slate-400',
};

/** Schema text with syntax highlighting. */
function SchemaText({ text, type, testId }: { text: string; type: string; testId?: string }) {
  const tokens = useMemo(() => highlight(prettySchema(text, type), type), [text, type]);
  return (
    <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950" data-testid={testId}>
      {tokens.map((t, i) =>
        t.tone ? (
          <span key={i} className={TONE[t.tone]}>
            {t.text}
          </span>
        ) : (
          t.text
        ),
      )}
    </pre>
  );
}

/** The Schemas page: subjects (searchable), a subject's versions, schema, diff, compatibility, check/register, delete. */
export function SchemasView({ cluster }: { cluster: string }) {
  const router = useRouter();
  const search = useSearchParams();
  const selected = search.get('subject');
  const info = useRegistryInfo(cluster);
  const [text, setText] = useState('');
  const [deleted, setDeleted] = useState(false);
  const q = useDebounced(text, 200);
  const subjects = useSubjects(cluster, q, deleted);
  const [newSubject, setNewSubject] = useState('');
  if (info.error) return <ErrorPanel title="Schema registry" message={errorMessage(info.error)} />;
  const target: CurlTarget | null = info.data ? { url: info.data.url, auth: info.data.auth, username: info.data.username } : null;
  const select = (s: string) => router.push(paths.schemas(cluster, s));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Schemas</h1>
        {info.data && <CompatibilityControl cluster={cluster} subject={null} level={info.data.compatibility} inherited={false} target={target as CurlTarget} />}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[20rem_1fr]">
        <Card title="Subjects">
          <div className="space-y-2">
            <input aria-label="Search subjects" placeholder="Search subjects" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} />
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={deleted} onChange={(e) => setDeleted(e.target.checked)} /> include soft-deleted
            </label>
            {subjects.error && <p className="text-sm text-red-600">{errorMessage(subjects.error)}</p>}
            {subjects.isPending && <Loading />}
            {subjects.data && (
              <>
                <p className="text-xs text-slate-500" data-testid="subject-count">
                  {subjects.data.total} subject{subjects.data.total === 1 ? '' : 's'}
                  {subjects.data.truncated ? ` (first ${subjects.data.subjects.length} shown)` : ''}
                </p>
                <VirtualRows
                  items={subjects.data.subjects}
                  rowKey={(s) => s.name}
                  columns="1fr"
                  estimate={28}
                  maxHeight="30rem"
                  testId="subject-list"
                  renderRow={(s) => (
                    <button
                      type="button"
                      className={cx(
                        'block w-full truncate rounded px-2 py-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800',
                        s.name === selected && 'bg-blue-50 dark:bg-blue-950',
                      )}
                      title={s.name}
                      onClick={() => select(s.name)}
                    >
                      {s.name} {s.deleted && <Badge tone="warn">deleted</Badge>}
                    </button>
                  )}
                />
              </>
            )}
            <form
              className="flex gap-2 border-t border-slate-200 pt-2 dark:border-slate-800"
              onSubmit={(e) => {
                e.preventDefault();
                if (newSubject) select(newSubject);
              }}
            >
              <input
                aria-label="New subject"
                placeholder="New subject, e.g. orders-value"
                className={inputClass}
                value={newSubject}
                onChange={(e) => setNewSubject(e.target.value)}
              />
              <Button type="submit">Open</Button>
            </form>
          </div>
        </Card>
        {selected ? (
          target && <SubjectPanel key={selected} cluster={cluster} subject={selected} target={target} />
        ) : (
          <Card>
            <p className="text-sm text-slate-500">Choose a subject, or name a new one to register its first schema.</p>
            {target && <CliHint command={curlFor.subjects(target)} />}
          </Card>
        )}
      </div>
    </div>
  );
}

function CompatibilitySelect({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: CompatibilityLevel | null;
  onChange: (v: CompatibilityLevel) => void;
  disabled?: boolean;
}) {
  return (
    <select
      aria-label={label}
      disabled={disabled}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value as CompatibilityLevel)}
    >
      {value === null && <option value="">(not set)</option>}
      {COMPATIBILITY_LEVELS.map((l) => (
        <option key={l} value={l}>
          {l}
        </option>
      ))}
    </select>
  );
}

/**
 * A change of level, global (subject null) or a subject's own: picked, previewed as the curl call,
 * then applied. A subject that follows the global level can be pinned to that same level.
 */
function CompatibilityControl({
  cluster,
  subject,
  level,
  inherited,
  target,
}: {
  cluster: string;
  subject: string | null;
  level: CompatibilityLevel | null;
  inherited: boolean;
  target: CurlTarget;
}) {
  const can = useCan('schemas:alter', { cluster });
  const set = useSetCompatibility(cluster, subject);
  const [pending, setPending] = useState<CompatibilityLevel | null>(null);
  const label = subject === null ? 'Global compatibility' : 'Subject compatibility';
  return (
    <div className={`flex flex-wrap items-center gap-2 text-sm ${subject === null ? 'ml-auto' : ''}`}>
      <span className="text-slate-500">{subject === null ? 'Global compatibility' : 'Compatibility'}</span>
      <CompatibilitySelect label={label} value={pending ?? level} onChange={setPending} disabled={!can.allowed} />
      {inherited && !pending && <Badge>global</Badge>}
      {pending && (pending !== level || inherited) && (
        <>
          <GuardedButton can={can} variant="primary" onClick={() => set.mutate(pending, { onSuccess: () => setPending(null) })}>
            Set {pending}
          </GuardedButton>
          <Button variant="ghost" onClick={() => setPending(null)}>
            Cancel
          </Button>
          <CliHint command={curlFor.setCompatibility(target, subject, pending)} />
        </>
      )}
    </div>
  );
}

function SubjectPanel({ cluster, subject, target }: { cluster: string; subject: string; target: CurlTarget }) {
  const detail = useSubject(cluster, subject);
  const notFound = detail.error && /not found|40401|does not exist/i.test(errorMessage(detail.error));
  if (detail.isPending) return <Loading />;
  if (detail.error && !notFound) return <ErrorPanel title={subject} message={errorMessage(detail.error)} />;
  const d = detail.data;
  return (
    <div className="space-y-4">
      <Card
        title={
          <span className="font-mono" data-testid="subject-title">
            {subject}
          </span>
        }
        actions={
          d && <CompatibilityControl cluster={cluster} subject={subject} level={d.compatibility.level} inherited={d.compatibility.global} target={target} />
        }
      >
        {d ? (
          <Versions cluster={cluster} subject={subject} versions={d.versions} latest={d.latest} target={target} />
        ) : (
          <p className="text-sm text-slate-500">No versions yet: register the first schema below.</p>
        )}
      </Card>
      <RegisterForm cluster={cluster} subject={subject} target={target} initialType={d?.latest.schemaType ?? 'AVRO'} />
      {d && <DeleteSubject cluster={cluster} subject={subject} target={target} />}
    </div>
  );
}

function Versions({
  cluster,
  subject,
  versions,
  latest,
  target,
}: {
  cluster: string;
  subject: string;
  versions: number[];
  latest: SchemaVersion;
  target: CurlTarget;
}) {
  // Follows the latest version (a new one registered shows at once) until a version is picked.
  const [picked, setShown] = useState<number | null>(null);
  const shown = picked !== null && versions.includes(picked) ? picked : latest.version;
  const [against, setAgainst] = useState<number | null>(null);
  const one = useSchemaVersion(cluster, subject, shown);
  const other = useSchemaVersion(cluster, subject, against);
  const v = one.data ?? (shown === latest.version ? latest : undefined);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <span className={labelClass}>Version</span>
          <select
            aria-label="Version"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-800"
            value={shown}
            onChange={(e) => setShown(Number(e.target.value))}
          >
            {versions.map((n) => (
              <option key={n} value={n}>
                {n}
                {n === latest.version ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className={labelClass}>Diff against</span>
          <select
            aria-label="Diff against"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-800"
            value={against ?? ''}
            onChange={(e) => setAgainst(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">no diff</option>
            {versions
              .filter((n) => n !== shown)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </label>
        {v && (
          <span className="flex items-center gap-2" data-testid="version-meta">
            <Badge tone="info">id {v.id}</Badge>
            <Badge>{v.schemaType}</Badge>
          </span>
        )}
      </div>
      {v && v.references.length > 0 && (
        <div className="text-xs">
          <span className="text-slate-500">References: </span>
          {v.references.map((r) => (
            <span key={r.name} className="mr-2 font-mono">
              {r.name} → {r.subject} v{r.version}
            </span>
          ))}
        </div>
      )}
      {v && against !== null && other.data ? (
        <DiffView a={prettySchema(other.data.schema, other.data.schemaType)} b={prettySchema(v.schema, v.schemaType)} from={against} to={shown} />
      ) : v ? (
        <SchemaText text={v.schema} type={v.schemaType} testId="schema-text" />
      ) : (
        <Loading />
      )}
      <CliHint command={curlFor.version(target, subject, shown)} />
    </div>
  );
}

function DiffView({ a, b, from, to }: { a: string; b: string; from: number; to: number }) {
  const lines = useMemo(() => lineDiff(a, b), [a, b]);
  return (
    <div data-testid="schema-diff">
      <p className="mb-1 text-xs text-slate-500">
        Version {from} → version {to}
      </p>
      <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">
        {lines.map((l, i) => (
          <div
            key={i}
            className={cx(l.kind === 'add' && 'bg-emerald-100 dark:bg-emerald-950', l.kind === 'del' && 'bg-red-100 dark:bg-red-950')}
            data-diff={l.kind}
          >
            {l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  '}
            {l.text}
          </div>
        ))}
      </pre>
    </div>
  );
}

/** Check a schema against the subject's compatibility, then register it; the curl call of each. */
function RegisterForm({
  cluster,
  subject,
  target,
  initialType,
}: {
  cluster: string;
  subject: string;
  target: CurlTarget;
  initialType: (typeof SCHEMA_TYPES)[number];
}) {
  const can = useCan('schemas:alter', { cluster });
  const [schema, setSchema] = useState('');
  const [type, setType] = useState(initialType);
  const check = useCheckSchema(cluster, subject);
  const register = useRegisterSchema(cluster, subject);
  const [refs, setRefs] = useState<RefRow[]>([]);
  const references = refs.filter(refComplete).map((r) => ({ name: r.name.trim(), subject: r.subject.trim(), version: Number(r.version) }));
  const incompleteRef = !refs.every(refComplete);
  const input = { schema, schemaType: type, references };
  const body = { schema, ...(type !== 'AVRO' ? { schemaType: type } : {}), ...(references.length ? { references } : {}) };
  const error = register.error ?? check.error;
  return (
    <Card title="Check and register a schema">
      <form
        className="space-y-2"
        aria-label="Register a schema"
        onSubmit={(e) => {
          e.preventDefault();
          check.reset();
          register.mutate(input, {
            onSuccess: () => {
              setSchema('');
              setRefs([]);
            },
          });
        }}
      >
        <label className="flex items-center gap-2 text-sm">
          <span className={labelClass}>Type</span>
          <select
            aria-label="Schema type"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-800"
            value={type}
            onChange={(e) => setType(e.target.value as typeof type)}
          >
            {SCHEMA_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === 'JSON' ? 'JSON Schema' : t === 'AVRO' ? 'Avro' : 'Protobuf'}
              </option>
            ))}
          </select>
        </label>
        <textarea
          aria-label="Schema"
          rows={10}
          className={`${inputClass} font-mono`}
          value={schema}
          onChange={(e) => {
            setSchema(e.target.value);
            check.reset();
            register.reset();
          }}
          aria-invalid={Boolean(error)}
          aria-describedby="schema-error"
        />
        <References
          rows={refs}
          onChange={(rows) => {
            setRefs(rows);
            check.reset();
            register.reset();
          }}
        />
        {error && (
          <p id="schema-error" className="text-xs text-red-600" data-testid="schema-error">
            {errorMessage(error)}
          </p>
        )}
        {check.data && (
          <div data-testid="check-result" className="text-sm">
            {check.data.compatible ? (
              <Badge tone="good">compatible{check.data.level ? ` (${check.data.level})` : ''}</Badge>
            ) : (
              <>
                <Badge tone="bad">not compatible{check.data.level ? ` (${check.data.level})` : ''}</Badge>
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {check.data.messages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <div className="flex gap-2">
          <Button type="button" disabled={!schema || incompleteRef || check.isPending} onClick={() => check.mutate(input)}>
            Check compatibility
          </Button>
          <GuardedButton can={can} type="submit" variant="primary" disabled={!schema || incompleteRef || register.isPending}>
            Register
          </GuardedButton>
        </div>
        {schema && (
          <>
            <CliHint command={curlFor.check(target, subject, body)} />
            <CliHint command={curlFor.register(target, subject, body)} />
          </>
        )}
      </form>
    </Card>
  );
}

type RefRow = { name: string; subject: string; version: string };
/** A reference row the registry can take: a name, a subject and a version number. */
const refComplete = (r: RefRow) => Boolean(r.name.trim() && r.subject.trim() && /^[1-9]\d*$/.test(r.version));

/**
 * The schemas this one uses, each a registered subject's version under the name the schema
 * refers to it by: an Avro type's full name, a Protobuf import path or a JSON Schema $ref.
 */
function References({ rows, onChange }: { rows: RefRow[]; onChange: (rows: RefRow[]) => void }) {
  const set = (i: number, patch: Partial<RefRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-1 text-sm" data-testid="schema-references">
      <legend className={labelClass}>References</legend>
      {rows.map((r, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_5rem_auto] items-center gap-2">
          <input
            aria-label={`Reference ${i + 1} name`}
            className={inputClass}
            placeholder="name (e.g. com.example.Address, address.proto)"
            value={r.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            aria-label={`Reference ${i + 1} subject`}
            className={inputClass}
            placeholder="subject"
            value={r.subject}
            onChange={(e) => set(i, { subject: e.target.value })}
          />
          <input
            aria-label={`Reference ${i + 1} version`}
            aria-invalid={r.version !== '' && !/^[1-9]\d*$/.test(r.version)}
            className={inputClass}
            inputMode="numeric"
            placeholder="version"
            value={r.version}
            onChange={(e) => set(i, { version: e.target.value })}
          />
          <Button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove reference ${i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      {!rows.every(refComplete) && <p className="text-xs text-amber-700 dark:text-amber-400">Give each reference a name, a subject and a version number.</p>}
      {rows.length < 100 && (
        <Button type="button" onClick={() => onChange([...rows, { name: '', subject: '', version: '1' }])}>
          Add reference
        </Button>
      )}
    </fieldset>
  );
}

function DeleteSubject({ cluster, subject, target }: { cluster: string; subject: string; target: CurlTarget }) {
  const can = useCan('schemas:delete', { cluster });
  const del = useDeleteSubject(cluster, subject);
  const [permanent, setPermanent] = useState(false);
  const [typed, setTyped] = useState('');
  return (
    <Card title="Delete the subject">
      <form
        className="space-y-2"
        aria-label="Delete the subject"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === subject) del.mutate({ permanent, confirm: typed }, { onSuccess: () => setTyped('') });
        }}
      >
        <p className="text-sm text-slate-500">
          A soft delete hides the subject and its versions (records already written still decode by id); a hard delete removes them for good.
        </p>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={permanent} onChange={(e) => setPermanent(e.target.checked)} /> hard delete (permanent)
        </label>
        <label className={labelClass} htmlFor="delete-subject-confirm">
          Type the subject name to confirm
        </label>
        <input id="delete-subject-confirm" className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} />
        <GuardedButton can={can} type="submit" variant="danger" disabled={typed !== subject || del.isPending}>
          {permanent ? 'Delete permanently' : 'Soft-delete'}
        </GuardedButton>
        <CliHint command={curlFor.delete(target, subject, permanent)} />
      </form>
    </Card>
  );
}
