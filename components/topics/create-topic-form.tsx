'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ApiClientError } from '@/lib/api-client';
import { cli } from '@/lib/cli-commands';
import { paths } from '@/lib/paths';
import { useCan } from '@/lib/queries/auth';
import { useOverviewQuery } from '@/lib/queries/clusters';
import { useCreateTopicMutation, useTopicsQuery } from '@/lib/queries/topics';
import { topicName } from '@/lib/schemas/common';
import { createTopicForm, type CreateTopicFormValues as FormValues } from '@/lib/schemas/topics';
import { Button, Card, CliHint, cx } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { useBootstrap } from './use-bootstrap';

const input = (invalid: boolean) =>
  cx('mt-1 w-full rounded-md border bg-white px-2 py-1 text-sm dark:bg-slate-800', invalid ? 'border-red-500' : 'border-slate-300 dark:border-slate-700');

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-600 dark:text-red-400">
      {message}
    </p>
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** A regex matching names equal to `name` up to "." vs "_" (topic names hold no other regex metacharacters). */
function collisionPattern(name: string): string {
  return `^${name.replace(/[._]/g, '[._]')}$`;
}

export function CreateTopicForm({ cluster, onDone }: { cluster: string; onDone: () => void }) {
  const router = useRouter();
  const bootstrap = useBootstrap(cluster);
  const overview = useOverviewQuery(cluster);
  const brokers = overview.data?.brokers.filter((b) => b.registered).length;
  const create = useCreateTopicMutation(cluster);
  const [preview, setPreview] = useState<FormValues | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(createTopicForm),
    defaultValues: { name: '', partitions: 3, replicationFactor: 1, configs: [] },
    mode: 'onChange',
  });
  const { register, handleSubmit, formState, setError, watch, setValue } = form;
  const configs = useFieldArray({ control: form.control, name: 'configs' });
  const values = watch();
  const nameOk = topicName.safeParse(values.name).success;
  const similar = useTopicsQuery(cluster, { search: collisionPattern(values.name), regex: true, internal: true, pageSize: 10 }, nameOk);
  const others = (similar.data?.topics ?? []).map((t) => t.name);
  const exists = others.includes(values.name);
  const collides = others.filter((n) => n !== values.name);
  const can = useCan('topics:create', { cluster, topic: values.name || undefined }, { partial: !values.name });

  useEffect(() => {
    if (brokers && !formState.dirtyFields.replicationFactor) setValue('replicationFactor', Math.min(3, brokers));
  }, [brokers, formState.dirtyFields.replicationFactor, setValue]);

  // Any edit after a preview needs a new preview.
  useEffect(() => {
    const sub = watch(() => setPreview(null));
    return () => sub.unsubscribe();
  }, [watch]);

  const body = (v: FormValues) => ({
    name: v.name,
    partitions: v.partitions,
    replicationFactor: v.replicationFactor,
    configs: Object.fromEntries(v.configs.map((c) => [c.name, c.value])),
  });

  const showServerError = (err: unknown, v: FormValues) => {
    if (!(err instanceof ApiClientError) || !err.field) return;
    if (err.field.startsWith('configs.')) {
      const key = err.field.slice('configs.'.length);
      const i = v.configs.findIndex((c) => c.name === key);
      if (i >= 0) return setError(`configs.${i}.value`, { message: err.message });
    }
    if (err.field === 'name' || err.field === 'partitions' || err.field === 'replicationFactor') setError(err.field, { message: err.message });
    else setError('root', { message: err.message });
  };

  const onValidate = handleSubmit(async (v) => {
    if (!can.allowed) return;
    if (brokers && v.replicationFactor > brokers) {
      setError('replicationFactor', { message: `Replication factor ${v.replicationFactor} is above the number of available brokers (${brokers})` });
      return;
    }
    try {
      await create.mutateAsync({ ...body(v), validateOnly: true });
      setPreview(v);
    } catch (err) {
      showServerError(err, v);
    }
  });

  const onCreate = async () => {
    if (!preview || !can.allowed) return;
    try {
      await create.mutateAsync(body(preview));
      onDone();
      router.push(paths.topic(cluster, preview.name));
    } catch (err) {
      setPreview(null);
      showServerError(err, preview);
    }
  };

  const e = formState.errors;
  return (
    <Card title="Create a topic">
      <form onSubmit={onValidate} noValidate className="space-y-4" aria-label="Create topic">
        <div className="grid gap-4 md:grid-cols-[2fr_1fr_1fr]">
          <Field
            id="topic-name"
            label="Topic name"
            error={e.name?.message ?? (exists ? `Topic ${values.name} already exists` : undefined)}
            hint={
              collides.length ? (
                <span className="text-amber-700 dark:text-amber-300">
                  Collides with {collides.join(', ')}: Kafka treats "." and "_" alike in metric names and refuses such a pair.
                </span>
              ) : (
                '1–249 characters: letters, digits, ".", "_" and "-"'
              )
            }
          >
            <input
              id="topic-name"
              {...register('name')}
              aria-invalid={e.name || exists ? true : undefined}
              aria-describedby="topic-name-error"
              className={input(Boolean(e.name) || exists)}
              autoComplete="off"
            />
          </Field>
          <Field id="topic-partitions" label="Partitions" error={e.partitions?.message}>
            <input
              id="topic-partitions"
              type="number"
              min={1}
              {...register('partitions', { valueAsNumber: true })}
              aria-invalid={e.partitions ? true : undefined}
              aria-describedby="topic-partitions-error"
              className={input(Boolean(e.partitions))}
            />
          </Field>
          <Field
            id="topic-rf"
            label="Replication factor"
            error={e.replicationFactor?.message}
            hint={brokers ? `At most ${brokers} (the number of brokers)` : undefined}
          >
            <input
              id="topic-rf"
              type="number"
              min={1}
              max={brokers}
              {...register('replicationFactor', { valueAsNumber: true })}
              aria-invalid={e.replicationFactor ? true : undefined}
              aria-describedby="topic-rf-error"
              className={input(Boolean(e.replicationFactor))}
            />
          </Field>
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Configs</legend>
          {configs.fields.map((f, i) => (
            <div key={f.id} className="grid grid-cols-[2fr_2fr_auto] items-start gap-2">
              <div>
                <label htmlFor={`config-name-${i}`} className="sr-only">
                  Config name {i + 1}
                </label>
                <input
                  id={`config-name-${i}`}
                  placeholder="retention.ms"
                  {...register(`configs.${i}.name`)}
                  aria-invalid={e.configs?.[i]?.name ? true : undefined}
                  aria-describedby={`config-name-${i}-error`}
                  className={input(Boolean(e.configs?.[i]?.name))}
                />
                <FieldError id={`config-name-${i}-error`} message={e.configs?.[i]?.name?.message} />
              </div>
              <div>
                <label htmlFor={`config-value-${i}`} className="sr-only">
                  Config value {i + 1}
                </label>
                <input
                  id={`config-value-${i}`}
                  placeholder="604800000"
                  {...register(`configs.${i}.value`)}
                  aria-invalid={e.configs?.[i]?.value ? true : undefined}
                  aria-describedby={`config-value-${i}-error`}
                  className={input(Boolean(e.configs?.[i]?.value))}
                />
                <FieldError id={`config-value-${i}-error`} message={e.configs?.[i]?.value?.message} />
              </div>
              <Button type="button" variant="ghost" className="mt-1" onClick={() => configs.remove(i)} aria-label={`Remove config ${i + 1}`}>
                Remove
              </Button>
            </div>
          ))}
          <Button type="button" onClick={() => configs.append({ name: '', value: '' })}>
            Add config
          </Button>
        </fieldset>

        {e.root && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {e.root.message}
          </p>
        )}

        <CliHint command={cli.createTopic(bootstrap, body(values))} />

        {preview ? (
          <div
            className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
            data-testid="create-preview"
          >
            <p>
              Kafka accepts this: topic <strong>{preview.name}</strong> with {preview.partitions} partition(s), replication factor {preview.replicationFactor}
              {preview.configs.length ? ` and ${preview.configs.length} config override(s)` : ''}.
            </p>
            <div className="mt-2 flex gap-2">
              <GuardedButton can={can} type="button" variant="primary" onClick={onCreate} disabled={create.isPending}>
                Create topic {preview.name}
              </GuardedButton>
              <Button type="button" onClick={() => setPreview(null)}>
                Back
              </Button>
            </div>
          </div>
        ) : (
          <GuardedButton can={can} type="submit" variant="primary" disabled={create.isPending || exists}>
            {create.isPending ? 'Checking…' : 'Check with Kafka'}
          </GuardedButton>
        )}
      </form>
    </Card>
  );
}
