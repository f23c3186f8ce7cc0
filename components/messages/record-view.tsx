'use client';
import { useState, type ReactNode } from 'react';
import { renderBytes, type BinaryView } from '@/lib/messages/format';
import type { WireBytes, WireRecord } from '@/lib/types';
import type { SchemaDecoded } from '@/lib/schemas/messages';
import { jsonTree, type JsonTreeNode } from '@/lib/messages/json-tree';
import { Badge, Button } from '@/components/ui/primitives';

const SCALAR_TONE = {
  string: 'text-emerald-700 dark:text-emerald-300',
  number: 'text-blue-700 dark:text-blue-300',
  boolean: 'text-amber-700 dark:text-amber-300',
  null: 'text-amber-700 dark:text-amber-300',
};

function count(n: number, array: boolean): string {
  return `${n} ${array ? (n === 1 ? 'item' : 'items') : n === 1 ? 'key' : 'keys'}`;
}

/** One node of a bounded JSON tree (lib/messages/json-tree.ts), so rendering depth and size stay bounded. */
function JsonNode({ node, depth }: { node: JsonTreeNode; depth: number }) {
  const label = node.name !== undefined ? <span className="text-purple-700 dark:text-purple-300">{JSON.stringify(node.name)}: </span> : null;
  if (node.kind === 'scalar') {
    return (
      <div>
        {label}
        <span className={SCALAR_TONE[node.type]}>{node.text}</span>
      </div>
    );
  }
  if (node.kind === 'raw') {
    return (
      <div className="break-all" title="Nested too deep to show as a tree">
        {label}
        {node.text}
      </div>
    );
  }
  const [open, close] = node.array ? ['[', ']'] : ['{', '}'];
  return (
    <details open={depth < 3} className="pl-4 [&>summary]:-ml-4">
      <summary className="cursor-pointer select-none">
        {label}
        {open}
        <span className="text-slate-400"> {count(node.size, node.array)} </span>
      </summary>
      {node.children.map((c, i) => (
        <JsonNode key={i} node={c} depth={depth + 1} />
      ))}
      {node.hidden > 0 && <div className="text-slate-400">… {count(node.hidden, node.array)} more, not shown</div>}
      <div className="-ml-4">{close}</div>
    </details>
  );
}

/** A key, value or header value: null, empty, JSON (pretty, collapsible), text, or bytes as hex/base64. */
export function BytesView({ bytes, binary, testId }: { bytes: WireBytes | null; binary: BinaryView; testId?: string }) {
  const r = renderBytes(bytes, binary);
  let body: ReactNode;
  if (r.kind === 'null') body = <Badge>null</Badge>;
  else if (r.kind === 'empty') body = <Badge>empty</Badge>;
  else if (r.kind === 'json') body = <JsonNode node={jsonTree(r.json)} depth={0} />;
  else if (r.kind === 'binary')
    body = (
      <>
        <Badge tone="warn">binary ({binary})</Badge>
        <div className="mt-1 break-all">{r.text}</div>
      </>
    );
  else body = <div className="break-words whitespace-pre-wrap">{r.text}</div>;
  return (
    <div className="max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950" data-testid={testId} data-kind={r.kind}>
      {body}
    </div>
  );
}

/** One line preview of bytes for the table (the decoded JSON of a schema-registry record). */
export function preview(bytes: WireBytes | null, binary: BinaryView, decoded?: SchemaDecoded): string {
  if (decoded && decoded.json !== undefined) {
    const text = JSON.stringify(decoded.json);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }
  const r = renderBytes(bytes, binary);
  if (r.kind === 'null') return 'null';
  if (r.kind === 'empty') return '(empty)';
  return r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text;
}

export function RecordDetail({ record, binary, onClose }: { record: WireRecord; binary: BinaryView; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(JSON.stringify(record, null, 2));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <aside
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      aria-label="Record"
      data-testid="record-detail"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          Partition {record.partition}, offset {record.offset}
        </h2>
        <div className="flex gap-2">
          <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy record'}</Button>
          <Button variant="ghost" onClick={onClose} aria-label="Close record">
            ✕
          </Button>
        </div>
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Timestamp</dt>
        <dd>
          {new Date(record.timestamp).toISOString()} <Badge>{record.timestampType}</Badge>
        </dd>
        <dt className="text-slate-500">Size</dt>
        <dd>{record.size} bytes</dd>
      </dl>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Key</h3>
        <SchemaPart decoded={record.keySchema} testId="detail-key-schema" />
        <DecodedOrBytes bytes={record.key} decoded={record.keySchema} binary={binary} testId="detail-key" />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Value</h3>
        <SchemaPart decoded={record.valueSchema} testId="detail-value-schema" />
        <DecodedOrBytes bytes={record.value} decoded={record.valueSchema} binary={binary} testId="detail-value" />
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Headers ({record.headers.length})</h3>
        {record.headers.length === 0 ? (
          <p className="text-sm text-slate-500">No headers</p>
        ) : (
          <ul className="space-y-1">
            {record.headers.map((h, i) => (
              <li key={i} className="grid grid-cols-[8rem_1fr] gap-2 text-sm">
                <span className="truncate font-mono" title={h.key}>
                  {h.key}
                </span>
                <BytesView bytes={h.value} binary={binary} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}

/** The schema a key or value was decoded with (id, subject, version, type), or why it was not. */
function SchemaPart({ decoded, testId }: { decoded?: SchemaDecoded; testId: string }) {
  if (!decoded) return null;
  return (
    <div className="mb-1 flex flex-wrap items-center gap-2 text-xs" data-testid={testId}>
      <Badge tone={decoded.error ? 'warn' : 'info'}>schema id {decoded.schemaId}</Badge>
      {decoded.format && <Badge>{decoded.format === 'JSON' ? 'JSON Schema' : decoded.format === 'AVRO' ? 'Avro' : 'Protobuf'}</Badge>}
      {decoded.subject && (
        <span className="font-mono">
          {decoded.subject}
          {decoded.version !== null && decoded.version !== undefined ? ` v${decoded.version}` : ''}
        </span>
      )}
      {decoded.messageType && <span className="font-mono text-slate-500">{decoded.messageType}</span>}
      {decoded.error && <span className="text-amber-700 dark:text-amber-300">shown raw: {decoded.error}</span>}
    </div>
  );
}

function DecodedOrBytes({ bytes, decoded, binary, testId }: { bytes: WireBytes | null; decoded?: SchemaDecoded; binary: BinaryView; testId: string }) {
  if (!decoded || decoded.json === undefined) return <BytesView bytes={bytes} binary={binary} testId={testId} />;
  return (
    <div className="max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950" data-testid={testId} data-kind="decoded">
      <JsonNode node={jsonTree(decoded.json)} depth={0} />
    </div>
  );
}
