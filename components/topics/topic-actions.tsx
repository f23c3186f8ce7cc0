'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { cli } from '@/lib/cli-commands';
import { paths } from '@/lib/paths';
import { useAddPartitionsMutation, useDeleteTopicMutation } from '@/lib/queries/topics';
import type { AddPartitionsOutcome } from '@/lib/types';
import { Button, Card, CliHint, cx } from '@/components/ui/primitives';
import { useBootstrap } from './use-bootstrap';

const inputClass = (invalid: boolean) =>
  cx('mt-1 block rounded-md border bg-white px-2 py-1 text-sm dark:bg-slate-800', invalid ? 'border-red-500' : 'border-slate-300 dark:border-slate-700');

export function AddPartitionsPanel({ cluster, topic, current, onClose }: { cluster: string; topic: string; current: number; onClose: () => void }) {
  const bootstrap = useBootstrap(cluster);
  const [count, setCount] = useState(String(current + 1));
  const [preview, setPreview] = useState<AddPartitionsOutcome | null>(null);
  const add = useAddPartitionsMutation(cluster, topic);
  const n = Number(count);
  const localError =
    !Number.isInteger(n) || count === ''
      ? 'Enter a whole number'
      : n < current
        ? `Kafka can only add partitions: ${topic} has ${current}, so enter more than ${current}`
        : n === current
          ? `${topic} already has ${current} partitions`
          : null;
  const error = localError ?? add.error?.message ?? null;
  return (
    <Card title={`Add partitions to ${topic}`}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (localError) return;
          if (!preview) add.mutate({ count: n, validateOnly: true }, { onSuccess: setPreview });
          else add.mutate({ count: n }, { onSuccess: onClose });
        }}
      >
        <div>
          <label htmlFor="partition-count" className="text-sm font-medium">
            New total number of partitions (now {current})
          </label>
          <input
            id="partition-count"
            type="number"
            min={current + 1}
            value={count}
            onChange={(e) => {
              setCount(e.target.value);
              setPreview(null);
              add.reset();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby="partition-count-error"
            className={inputClass(Boolean(error))}
          />
          {error && (
            <p id="partition-count-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
        </div>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Records with a key go to the partition chosen by hashing the key over the partition count. After adding partitions, keys map to other partitions, so
          per-key ordering is not kept across the change. Partitions can never be removed.
        </p>
        <CliHint command={cli.addPartitions(bootstrap, topic, Number.isInteger(n) ? n : current + 1)} />
        {preview && (
          <p className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="partitions-preview">
            Kafka accepts growing {topic} from {preview.from} to {preview.to} partitions.
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={Boolean(localError) || add.isPending}>
            {preview ? `Add ${preview.to - preview.from} partition(s)` : 'Check with Kafka'}
          </Button>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function DeleteTopicPanel({ cluster, topic, onClose }: { cluster: string; topic: string; onClose: () => void }) {
  const bootstrap = useBootstrap(cluster);
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const del = useDeleteTopicMutation(cluster);
  return (
    <Card title={`Delete topic ${topic}`}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed !== topic) return;
          del.mutate({ topic, confirm: typed }, { onSuccess: () => router.push(paths.topics(cluster)) });
        }}
      >
        <p className="text-sm">
          This deletes <strong>{topic}</strong> and every record in it, for every consumer. It cannot be undone.
        </p>
        <div>
          <label htmlFor="delete-confirm" className="text-sm font-medium">
            Type the topic name to confirm
          </label>
          <input
            id="delete-confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            aria-invalid={del.error ? true : undefined}
            aria-describedby="delete-confirm-error"
            className={inputClass(Boolean(del.error))}
          />
          {del.error && (
            <p id="delete-confirm-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
              {del.error.message}
            </p>
          )}
        </div>
        <CliHint command={cli.deleteTopic(bootstrap, topic)} />
        <div className="flex gap-2">
          <Button type="submit" variant="danger" disabled={typed !== topic || del.isPending}>
            {del.isPending ? 'Deleting…' : `Delete ${topic}`}
          </Button>
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
