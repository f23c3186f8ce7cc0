'use client';
import { useState } from 'react';
import { ACL_OPERATIONS, ACL_RESOURCE_TYPES, type AclPreview, type AclWizard } from '@/lib/schemas/acls';
import { useAclPreview, useCreateAcls } from '@/lib/queries/security';
import { useCan } from '@/lib/queries/auth';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, cx, ErrorPanel } from '@/components/ui/primitives';
import { AclTable, Commands } from './acl-table';
import { SelectField, TextField } from '@/components/ui/fields';

const KINDS = [
  { id: 'single', label: 'Single binding' },
  { id: 'producer', label: 'Producer' },
  { id: 'consumer', label: 'Consumer' },
  { id: 'streams', label: 'Kafka Streams app' },
  { id: 'connect', label: 'Connect worker' },
] as const;
type Kind = (typeof KINDS)[number]['id'];

type Fields = Record<string, string | boolean>;
const list = (v: string | boolean | undefined) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's fields as the wizard the API takes. */
function toWizard(kind: Kind, f: Fields): AclWizard {
  const principal = String(f.principal ?? '');
  const host = String(f.host || '*');
  switch (kind) {
    case 'single':
      return {
        kind,
        binding: {
          principal,
          host,
          resourceType: (f.resourceType as never) ?? 'topic',
          resourceName: f.resourceType === 'cluster' ? 'kafka-cluster' : String(f.resourceName ?? ''),
          patternType: f.prefixed ? 'prefixed' : 'literal',
          operation: (f.operation as never) ?? 'read',
          permission: f.deny ? 'deny' : 'allow',
        },
      };
    case 'producer':
      return {
        kind,
        principal,
        host,
        topic: String(f.topic ?? ''),
        prefixed: Boolean(f.prefixed),
        transactionalId: f.transactionalId ? String(f.transactionalId) : undefined,
        idempotent: Boolean(f.idempotent),
      };
    case 'consumer':
      return {
        kind,
        principal,
        host,
        topic: String(f.topic ?? ''),
        prefixed: Boolean(f.prefixed),
        group: String(f.group ?? ''),
        groupPrefixed: Boolean(f.groupPrefixed),
      };
    case 'streams':
      return {
        kind,
        principal,
        host,
        applicationId: String(f.applicationId ?? ''),
        inputTopics: list(f.inputTopics),
        outputTopics: list(f.outputTopics),
        exactlyOnce: Boolean(f.exactlyOnce),
      };
    case 'connect':
      return {
        kind,
        principal,
        host,
        groupId: String(f.groupId || 'connect-cluster'),
        configTopic: String(f.configTopic || 'connect-configs'),
        offsetTopic: String(f.offsetTopic || 'connect-offsets'),
        statusTopic: String(f.statusTopic || 'connect-status'),
        sourceTopics: list(f.sourceTopics),
        sinkTopics: list(f.sinkTopics),
      };
  }
}

function Text({
  name,
  label,
  f,
  set,
  placeholder,
}: {
  name: string;
  label: string;
  f: Fields;
  set: (n: string, v: string | boolean) => void;
  placeholder?: string;
}) {
  return <TextField label={label} placeholder={placeholder} value={String(f[name] ?? '')} onChange={(v) => set(name, v)} />;
}

function Check({ name, label, f, set }: { name: string; label: string; f: Fields; set: (n: string, v: string | boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={Boolean(f[name])} onChange={(e) => set(name, e.target.checked)} />
      {label}
    </label>
  );
}

/** Adds ACLs: a single binding or a wizard; shows the bindings and the kafka-acls commands before anything is created. */
export function AclWizardPanel({ cluster, onDone }: { cluster: string; onDone?: () => void }) {
  const [kind, setKind] = useState<Kind>('producer');
  const [fields, setFields] = useState<Fields>({ host: '*', resourceType: 'topic', operation: 'read' });
  const [preview, setPreview] = useState<AclPreview | null>(null);
  const previewing = useAclPreview(cluster);
  const creating = useCreateAcls(cluster);
  const can = useCan('acls:alter', { cluster });
  const set = (n: string, v: string | boolean) => {
    setFields((f) => ({ ...f, [n]: v }));
    setPreview(null);
  };
  const p = { f: fields, set };
  return (
    <Card title="Add ACLs">
      <div role="tablist" aria-label="Kind of ACLs" className="mb-4 flex flex-wrap gap-1">
        {KINDS.map((k) => (
          <button
            key={k.id}
            type="button"
            role="tab"
            aria-selected={kind === k.id}
            className={cx('rounded-md px-3 py-1 text-sm', kind === k.id ? 'bg-blue-600 text-white' : 'bg-slate-100 dark:bg-slate-800')}
            onClick={() => {
              setKind(k.id);
              setPreview(null);
            }}
          >
            {k.label}
          </button>
        ))}
      </div>
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          previewing.mutate(toWizard(kind, fields), { onSuccess: setPreview });
        }}
      >
        <Text name="principal" label="Principal" placeholder="User:alice" {...p} />
        <Text name="host" label="Host (* for any)" {...p} />
        {kind === 'single' && (
          <>
            <SelectField label="Resource type" value={String(fields.resourceType)} onChange={(v) => set('resourceType', v)} options={ACL_RESOURCE_TYPES} />
            {fields.resourceType !== 'cluster' && <Text name="resourceName" label="Resource name (* for all)" {...p} />}
            <SelectField label="Operation" value={String(fields.operation)} onChange={(v) => set('operation', v)} options={ACL_OPERATIONS} />
            <Check name="prefixed" label="Prefixed name" {...p} />
            <Check name="deny" label="Deny (instead of allow)" {...p} />
          </>
        )}
        {kind === 'producer' && (
          <>
            <Text name="topic" label="Topic" {...p} />
            <Text name="transactionalId" label="Transactional id (optional)" {...p} />
            <Check name="prefixed" label="Topic is a prefix" {...p} />
            <Check name="idempotent" label="IdempotentWrite on the cluster (brokers before 2.8)" {...p} />
          </>
        )}
        {kind === 'consumer' && (
          <>
            <Text name="topic" label="Topic" {...p} />
            <Text name="group" label="Consumer group" {...p} />
            <Check name="prefixed" label="Topic is a prefix" {...p} />
            <Check name="groupPrefixed" label="Group is a prefix" {...p} />
          </>
        )}
        {kind === 'streams' && (
          <>
            <Text name="applicationId" label="application.id" {...p} />
            <Text name="inputTopics" label="Input topics (comma-separated)" {...p} />
            <Text name="outputTopics" label="Output topics (comma-separated)" {...p} />
            <Check name="exactlyOnce" label="Exactly-once (transactions)" {...p} />
          </>
        )}
        {kind === 'connect' && (
          <>
            <Text name="groupId" label="group.id" placeholder="connect-cluster" {...p} />
            <Text name="configTopic" label="config.storage.topic" placeholder="connect-configs" {...p} />
            <Text name="offsetTopic" label="offset.storage.topic" placeholder="connect-offsets" {...p} />
            <Text name="statusTopic" label="status.storage.topic" placeholder="connect-status" {...p} />
            <Text name="sourceTopics" label="Source connectors' topics (comma-separated)" {...p} />
            <Text name="sinkTopics" label="Sink connectors' topics (comma-separated)" {...p} />
          </>
        )}
        <div className="md:col-span-3">
          <Button type="submit" variant="primary" disabled={previewing.isPending}>
            Preview
          </Button>
        </div>
      </form>
      {previewing.error && <ErrorPanel title="The preview failed" message={previewing.error.message} />}
      {preview && (
        <div className="mt-4 space-y-2" data-testid="acl-preview">
          <p className="text-sm">
            {preview.bindings.length} binding(s) will be created
            {preview.existing.length ? ` (${preview.existing.length} exist already; creating them again changes nothing)` : ''}:
          </p>
          {!preview.authorizer && (
            <p className="text-sm text-amber-700 dark:text-amber-300">
              This cluster has no authorizer: Kafka will refuse to create ACLs until its brokers set authorizer.class.name.
            </p>
          )}
          <AclTable bindings={preview.bindings} testId="acl-preview-table" />
          <Commands commands={preview.commands} />
          <div className="flex gap-2">
            <GuardedButton
              can={can}
              variant="primary"
              disabled={creating.isPending}
              onClick={() =>
                creating.mutate(preview.bindings, {
                  onSuccess: () => {
                    setPreview(null);
                    onDone?.();
                  },
                })
              }
            >
              Create {preview.bindings.length} binding(s)
            </GuardedButton>
            <Button onClick={() => setPreview(null)}>Cancel</Button>
          </div>
        </div>
      )}
    </Card>
  );
}
