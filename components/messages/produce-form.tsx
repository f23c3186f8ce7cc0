'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { ApiClientError } from '@/lib/api-client';
import { produceForm, type ProduceFormValues as FormValues } from '@/lib/schemas/messages';
import type { ProduceResult } from '@/lib/types';
import { useCan } from '@/lib/queries/auth';
import { useProduceMessageMutation } from '@/lib/queries/messages';
import { Button, Card } from '@/components/ui/primitives';
import { GuardedButton } from '@/components/ui/guarded-button';
import { useNotify } from '@/components/ui/notifications';
import { useState } from 'react';
import { useClustersQuery } from '@/lib/queries/clusters';
import { inputCls, labelCls } from './styles';

const FIELDS: FieldPath<FormValues>[] = ['key', 'value', 'partition', 'keySubject', 'valueSubject'];
/** The API's field names where the form's differ: a subject's problems show on the subject's field. */
const FORM_FIELD: Record<string, FieldPath<FormValues>> = { partitions: 'partition', keySchema: 'keySubject', valueSchema: 'valueSubject' };

export function ProduceForm({ cluster, topic }: { cluster: string; topic: string }) {
  const notify = useNotify();
  const produce = useProduceMessageMutation(cluster, topic);
  const can = useCan('messages:produce', { cluster, topic });
  const [last, setLast] = useState<ProduceResult | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(produceForm),
    defaultValues: { key: '', keyEncoding: 'utf8', nullKey: false, value: '', valueEncoding: 'utf8', tombstone: false, headers: [], partition: '' },
  });
  const headers = useFieldArray({ control: form.control, name: 'headers' });
  const { errors } = form.formState;
  const hasRegistry = useClustersQuery().data?.clusters.find((c) => c.id === cluster)?.schemaRegistry ?? false;
  const valueSubject = form.watch('valueSubject');
  const nullKey = form.watch('nullKey');
  const tombstone = form.watch('tombstone');

  const onSubmit = form.handleSubmit(async (v) => {
    if (!can.allowed) return;
    try {
      const res = await produce.mutateAsync({
        key: v.nullKey ? null : v.key,
        keyEncoding: v.keyEncoding,
        value: v.tombstone ? null : v.value,
        valueEncoding: v.valueEncoding,
        headers: v.headers,
        partition: v.partition === '' ? undefined : Number(v.partition),
        ...(v.keySubject ? { keySchema: schemaRef(v.keySubject, v.keyVersion, v.keyMessageType) } : {}),
        ...(v.valueSubject ? { valueSchema: schemaRef(v.valueSubject, v.valueVersion, v.valueMessageType) } : {}),
      });
      setLast(res);
      notify.success(`Produced to ${topic}: partition ${res.partition}, offset ${res.offset}`);
    } catch (err) {
      const field = err instanceof ApiClientError && err.field ? (FORM_FIELD[err.field] ?? (err.field as FieldPath<FormValues>)) : undefined;
      if (field && (FIELDS.includes(field) || field.startsWith('headers.')))
        form.setError(field, { message: err instanceof Error ? err.message : String(err) });
      notify.error(`Failed to produce to topic ${topic}`, err);
    }
  });

  const err = (name: FieldPath<FormValues>) => {
    const parts = name.split('.');
    let cur: unknown = errors;
    for (const p of parts) cur = (cur as Record<string, unknown> | undefined)?.[p];
    return (cur as { message?: string } | undefined)?.message;
  };

  return (
    <Card title="Produce a record">
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-3" aria-label="Produce a record" noValidate>
        <div>
          <div className="flex items-center justify-between">
            <label htmlFor="produce-key" className={labelCls}>
              Key
            </label>
            <span className="flex gap-3 text-xs">
              <label className="flex items-center gap-1">
                <input type="checkbox" {...form.register('nullKey')} /> null key
              </label>
              <select
                aria-label="Key encoding"
                className="rounded border border-slate-300 bg-transparent text-xs dark:border-slate-700"
                disabled={Boolean(form.watch('keySubject'))}
                {...form.register('keyEncoding')}
              >
                <option value="utf8">UTF-8</option>
                <option value="base64">base64</option>
              </select>
            </span>
          </div>
          {hasRegistry && (
            <div className="mb-2 grid grid-cols-[1fr_6rem_1fr] gap-2" data-testid="produce-key-schema">
              <label className="text-xs">
                <span className={labelCls}>Encode key with subject</span>
                <input className={inputCls} placeholder={`none (raw bytes); e.g. ${topic}-key`} {...form.register('keySubject')} />
              </label>
              <label className="text-xs">
                <span className={labelCls}>Key version</span>
                <input className={inputCls} placeholder="latest" {...form.register('keyVersion')} />
              </label>
              <label className="text-xs">
                <span className={labelCls}>Key Protobuf message</span>
                <input className={inputCls} placeholder="the file's first message" {...form.register('keyMessageType')} />
              </label>
            </div>
          )}
          <SchemaErrors messages={[err('keySubject'), err('keyVersion')]} testId="produce-key-schema-error" />
          <input
            id="produce-key"
            disabled={nullKey}
            aria-invalid={!!err('key')}
            aria-describedby="produce-key-error"
            className={inputCls}
            {...form.register('key')}
          />
          {err('key') && (
            <p id="produce-key-error" className="mt-1 text-xs text-red-600">
              {err('key')}
            </p>
          )}
        </div>
        <div>
          <div className="flex items-center justify-between">
            <label htmlFor="produce-value" className={labelCls}>
              Value
            </label>
            <span className="flex gap-3 text-xs">
              <label className="flex items-center gap-1">
                <input type="checkbox" {...form.register('tombstone')} /> null value (tombstone)
              </label>
              <select
                aria-label="Value encoding"
                className="rounded border border-slate-300 bg-transparent text-xs dark:border-slate-700"
                disabled={Boolean(valueSubject)}
                {...form.register('valueEncoding')}
              >
                <option value="utf8">UTF-8</option>
                <option value="base64">base64</option>
              </select>
            </span>
          </div>
          {hasRegistry && (
            <div className="mb-2 grid grid-cols-[1fr_6rem_1fr] gap-2" data-testid="produce-schema">
              <label className="text-xs">
                <span className={labelCls}>Encode with subject (schema registry)</span>
                <input className={inputCls} placeholder={`none (raw bytes); e.g. ${topic}-value`} {...form.register('valueSubject')} />
              </label>
              <label className="text-xs">
                <span className={labelCls}>Version</span>
                <input className={inputCls} placeholder="latest" {...form.register('valueVersion')} />
              </label>
              <label className="text-xs">
                <span className={labelCls}>Protobuf message</span>
                <input className={inputCls} placeholder="the file's first message" {...form.register('valueMessageType')} />
              </label>
            </div>
          )}
          <SchemaErrors messages={[err('valueSubject'), err('valueVersion')]} testId="produce-value-schema-error" />
          <textarea
            id="produce-value"
            rows={5}
            disabled={tombstone}
            aria-invalid={!!err('value')}
            aria-describedby="produce-value-error"
            className={`${inputCls} font-mono`}
            {...form.register('value')}
          />
          {err('value') && (
            <p id="produce-value-error" className="mt-1 text-xs text-red-600">
              {err('value')}
            </p>
          )}
        </div>
        <fieldset className="space-y-2">
          <legend className={labelCls}>Headers</legend>
          {headers.fields.map((f, i) => (
            <div key={f.id} className="grid grid-cols-[1fr_1fr_6rem_auto] items-start gap-2">
              <div>
                <label htmlFor={`produce-header-${i}-key`} className="sr-only">
                  Header {i + 1} name
                </label>
                <input
                  id={`produce-header-${i}-key`}
                  placeholder="name"
                  aria-invalid={!!err(`headers.${i}.key`)}
                  className={inputCls}
                  {...form.register(`headers.${i}.key`)}
                />
                {err(`headers.${i}.key`) && <p className="mt-1 text-xs text-red-600">{err(`headers.${i}.key`)}</p>}
              </div>
              <div>
                <label htmlFor={`produce-header-${i}-value`} className="sr-only">
                  Header {i + 1} value
                </label>
                <input
                  id={`produce-header-${i}-value`}
                  placeholder="value"
                  aria-invalid={!!err(`headers.${i}.value`)}
                  className={inputCls}
                  {...form.register(`headers.${i}.value`)}
                />
                {err(`headers.${i}.value`) && <p className="mt-1 text-xs text-red-600">{err(`headers.${i}.value`)}</p>}
              </div>
              <select aria-label={`Header ${i + 1} encoding`} className={inputCls} {...form.register(`headers.${i}.encoding`)}>
                <option value="utf8">UTF-8</option>
                <option value="base64">base64</option>
              </select>
              <Button type="button" variant="ghost" onClick={() => headers.remove(i)} aria-label={`Remove header ${i + 1}`}>
                ✕
              </Button>
            </div>
          ))}
          <Button type="button" onClick={() => headers.append({ key: '', value: '', encoding: 'utf8' })}>
            Add header
          </Button>
        </fieldset>
        <div>
          <label htmlFor="produce-partition" className={labelCls}>
            Partition
          </label>
          <input
            id="produce-partition"
            inputMode="numeric"
            placeholder="default partitioner"
            aria-invalid={!!err('partition')}
            aria-describedby="produce-partition-error"
            className={inputCls}
            {...form.register('partition')}
          />
          {err('partition') && (
            <p id="produce-partition-error" className="mt-1 text-xs text-red-600">
              {err('partition')}
            </p>
          )}
        </div>
        <div className="flex items-center gap-3">
          <GuardedButton can={can} type="submit" variant="primary" disabled={produce.isPending}>
            {produce.isPending ? 'Producing…' : 'Produce'}
          </GuardedButton>
          {last && (
            <span className="text-sm" data-testid="produce-result">
              Written to partition {last.partition} at offset {last.offset}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}

/** A subject's version to encode with, as the form's fields give it. */
function schemaRef(subject: string, version: string | undefined, messageType: string | undefined) {
  return {
    subject,
    version: !version || version === 'latest' ? ('latest' as const) : Number(version),
    ...(messageType ? { messageType } : {}),
  };
}

function SchemaErrors({ messages, testId }: { messages: (string | undefined)[]; testId: string }) {
  const shown = messages.filter(Boolean);
  if (!shown.length) return null;
  return (
    <p className="mb-1 text-xs text-red-600" data-testid={testId}>
      {shown.join('; ')}
    </p>
  );
}
