'use client';
import { useState } from 'react';
import { SCRAM_DEFAULT_ITERATIONS, SCRAM_MECHANISMS } from '@/lib/schemas/users';
import { useScramUserMutation, useScramUsersQuery, type UserChange } from '@/lib/queries/security';
import { useCan } from '@/lib/queries/auth';
import { useBootstrap } from '@/components/topics/use-bootstrap';
import { GuardedButton } from '@/components/ui/guarded-button';
import { Button, Card, CliHint, ErrorPanel, Loading, td, th } from '@/components/ui/primitives';
import { SelectField, TextField } from '@/components/ui/fields';

type Editing = { kind: 'create' } | { kind: 'change'; user: string; mechanism: string } | { kind: 'delete'; user: string; mechanism: string };

const shellUser = (u: string) => (/^[A-Za-z0-9_.@-]+$/.test(u) ? u : `'${u.replaceAll("'", "'\\''")}'`);

/** SCRAM users: list; create, change password, delete, each with the kafka-configs command (password elided) shown first. */
export function UsersView({ cluster }: { cluster: string }) {
  const { data, error, isPending } = useScramUsersQuery(cluster);
  const [editing, setEditing] = useState<Editing | null>(null);
  const can = useCan('users:alter', { cluster });
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">SCRAM users</h1>
        <GuardedButton can={can} className="ml-auto" onClick={() => setEditing({ kind: 'create' })}>
          Add user
        </GuardedButton>
      </div>
      {editing && <UserForm cluster={cluster} editing={editing} onClose={() => setEditing(null)} />}
      <Card title="Users with SCRAM credentials">
        {isPending ? (
          <Loading label="Asking the cluster…" />
        ) : error ? (
          <ErrorPanel title="SCRAM users cannot be listed" message={error.message} />
        ) : data.users.length === 0 ? (
          <p className="text-sm text-slate-500">No user has SCRAM credentials on this cluster.</p>
        ) : (
          <table className="w-full" data-testid="users-table">
            <thead>
              <tr>
                <th className={th}>User</th>
                <th className={th}>Mechanism</th>
                <th className={th}>Iterations</th>
                <th className={th} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.users.flatMap((u) =>
                u.credentials.map((c) => (
                  <tr key={`${u.user}|${c.mechanism}`} data-testid="user-row">
                    <td className={`${td} font-mono`}>{u.user}</td>
                    <td className={td}>{c.mechanism}</td>
                    <td className={td}>{c.iterations}</td>
                    <td className={`${td} text-right`}>
                      <GuardedButton
                        can={can}
                        variant="ghost"
                        aria-label={`Change the ${c.mechanism} password of ${u.user}`}
                        onClick={() => setEditing({ kind: 'change', user: u.user, mechanism: c.mechanism })}
                      >
                        Change password
                      </GuardedButton>{' '}
                      <GuardedButton
                        can={can}
                        variant="ghost"
                        aria-label={`Delete the ${c.mechanism} credential of ${u.user}`}
                        onClick={() => setEditing({ kind: 'delete', user: u.user, mechanism: c.mechanism })}
                      >
                        Delete
                      </GuardedButton>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function UserForm({ cluster, editing, onClose }: { cluster: string; editing: Editing; onClose: () => void }) {
  const bootstrap = useBootstrap(cluster).split(',')[0];
  const mutation = useScramUserMutation(cluster);
  const can = useCan('users:alter', { cluster });
  const [user, setUser] = useState(editing.kind === 'create' ? '' : editing.user);
  const [mechanism, setMechanism] = useState(editing.kind === 'create' ? 'SCRAM-SHA-512' : editing.mechanism);
  const [iterations, setIterations] = useState(String(SCRAM_DEFAULT_ITERATIONS));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [typed, setTyped] = useState('');
  const command =
    editing.kind === 'delete'
      ? `kafka-configs --bootstrap-server ${bootstrap} --alter --delete-config '${mechanism}' --entity-type users --entity-name ${shellUser(user)}`
      : `kafka-configs --bootstrap-server ${bootstrap} --alter --add-config '${mechanism}=[iterations=${iterations},password=********]' --entity-type users --entity-name ${shellUser(user || 'USER')}`;
  const mismatch = editing.kind !== 'delete' && again !== '' && again !== password;
  const ready = editing.kind === 'delete' ? typed === user : user !== '' && password.length >= 8 && password === again;
  const title =
    editing.kind === 'create'
      ? 'Add a SCRAM user'
      : editing.kind === 'change'
        ? `Change the password of ${user}`
        : `Delete the ${mechanism} credential of ${user}`;
  return (
    <Card title={title}>
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-4"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          const change: UserChange =
            editing.kind === 'delete'
              ? { kind: 'delete', user, mechanism, confirm: typed }
              : { kind: editing.kind, user, mechanism, iterations: Number(iterations), password };
          mutation.mutate(change, { onSuccess: onClose });
        }}
      >
        <TextField label="User" value={user} disabled={editing.kind !== 'create'} onChange={setUser} autoComplete="off" />
        <SelectField label="Mechanism" value={mechanism} disabled={editing.kind !== 'create'} onChange={setMechanism} options={SCRAM_MECHANISMS} />
        {editing.kind === 'delete' ? (
          <div className="md:col-span-2">
            <TextField label="Type the user name to confirm" value={typed} onChange={setTyped} autoComplete="off" />
          </div>
        ) : (
          <>
            <TextField label="Iterations (4096–16384)" type="number" min={4096} max={16384} value={iterations} onChange={setIterations} />
            <div />
            <TextField label="Password (8 characters or more)" type="password" autoComplete="new-password" value={password} onChange={setPassword} />
            <TextField
              label="Password again"
              type="password"
              autoComplete="new-password"
              value={again}
              aria-invalid={mismatch || undefined}
              onChange={setAgain}
              hint={mismatch && <p className="mt-1 text-xs text-red-600">The passwords differ</p>}
            />
          </>
        )}
        <div className="md:col-span-4">
          <CliHint command={command} />
          <div className="mt-3 flex gap-2">
            <GuardedButton can={can} type="submit" variant={editing.kind === 'delete' ? 'danger' : 'primary'} disabled={!ready || mutation.isPending}>
              {editing.kind === 'create' ? 'Create user' : editing.kind === 'change' ? 'Change password' : 'Delete credential'}
            </GuardedButton>
            <Button type="button" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}
