'use client';
import Link from 'next/link';
import { describeGrant, type Grant } from '@/lib/auth/roles';
import { paths } from '@/lib/paths';
import { useAccessQuery, useMe } from '@/lib/queries/auth';
import type { AccessReport, Me, SignIn } from '@/lib/types';
import { ApiClientError } from '@/lib/api-client';
import { Badge, Card, ErrorPanel, Loading, th, td } from '@/components/ui/primitives';

function Grants({ grants }: { grants: Grant[] }) {
  if (grants.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul className="space-y-0.5">
      {grants.map((g) => (
        <li key={describeGrant(g)}>{describeGrant(g)}</li>
      ))}
    </ul>
  );
}

function ClaimValues({ values, matched }: { values: string[]; matched: string[] }) {
  if (values.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((v) => (
        <Badge key={v} tone={matched.includes(v) ? 'good' : 'default'}>
          {v}
        </Badge>
      ))}
    </span>
  );
}

function YourAccess({ me }: { me: Me }) {
  return (
    <Card title="Your access">
      <p className="text-sm" data-testid="my-access">
        Signed in as <strong>{me.user}</strong> {me.via === 'oidc' ? 'through single sign-on' : me.via === 'local' ? 'with a local user' : '(sign-in is off)'}.
      </p>
      <div className="mt-2 text-sm">
        <Grants grants={me.grants} />
      </div>
      {me.mapping && (
        <div className="mt-3 text-sm" data-testid="my-mapping">
          <div className="text-slate-500 dark:text-slate-400">
            From the claim <code className="font-mono">{me.mapping.claim}</code>; the values in green gave a role:
          </div>
          <div className="mt-1">
            <ClaimValues values={me.mapping.values} matched={me.mapping.matched.map((m) => m.value)} />
          </div>
        </div>
      )}
    </Card>
  );
}

function OidcMapping({ oidc }: { oidc: AccessReport['oidc'] }) {
  if (!oidc) {
    return (
      <Card title="Single sign-on">
        <p className="text-sm text-slate-600 dark:text-slate-400">Single sign-on is not configured (auth.oidc in the console config).</p>
      </Card>
    );
  }
  return (
    <Card title="Single sign-on: claim values → roles">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">Provider</dt>
        <dd className="font-mono break-all">{oidc.issuer}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Client</dt>
        <dd className="font-mono">{oidc.clientId}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Roles claim</dt>
        <dd className="font-mono">{oidc.rolesClaim}</dd>
        <dt className="text-slate-500 dark:text-slate-400">User name claim</dt>
        <dd className="font-mono">{oidc.usernameClaim}</dd>
      </dl>
      <table className="mt-3 w-full" data-testid="role-mapping">
        <thead>
          <tr>
            <th className={th}>Claim value</th>
            <th className={th}>Gives</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {oidc.roleMapping.map((m) => (
            <tr key={m.value}>
              <td className={`${td} font-mono`}>{m.value}</td>
              <td className={td}>
                <Grants grants={m.grants} />
              </td>
            </tr>
          ))}
          <tr>
            <td className={`${td} text-slate-500`}>viewer, operator, admin</td>
            <td className={td}>that role on every cluster, unless listed above</td>
          </tr>
          <tr>
            <td className={`${td} text-slate-500`}>every signed-in user</td>
            <td className={td}>
              <Grants grants={oidc.defaultRoles} />
            </td>
          </tr>
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">A user with no role from these is refused at sign-in.</p>
    </Card>
  );
}

function LocalUsers({ users }: { users: AccessReport['users'] }) {
  return (
    <Card title="Local users">
      {users.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No local users are configured.</p>
      ) : (
        <table className="w-full" data-testid="local-users">
          <thead>
            <tr>
              <th className={th}>User</th>
              <th className={th}>Roles</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((u) => (
              <tr key={u.username}>
                <td className={`${td} font-mono`}>{u.username}</td>
                <td className={td}>
                  <Grants grants={u.grants} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function SignInRow({ s }: { s: SignIn }) {
  return (
    <tr data-testid="sign-in-row" data-user={s.user ?? ''}>
      <td className={`${td} whitespace-nowrap`} title={s.time}>
        {new Date(s.time).toLocaleString()}
      </td>
      <td className={`${td} font-mono`}>{s.user ?? '—'}</td>
      <td className={td}>{s.via === 'oidc' ? 'single sign-on' : (s.via ?? '—')}</td>
      <td className={td}>
        {s.ok ? <Badge tone="good">signed in</Badge> : <Badge tone="bad">refused</Badge>}
        {s.error && <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">{s.error}</div>}
      </td>
      <td className={td}>
        {s.claim ? (
          <>
            <div className="mb-1 font-mono text-xs text-slate-500">{s.claim}</div>
            <ClaimValues values={s.values ?? []} matched={(s.matched ?? []).map((m) => m.value)} />
          </>
        ) : (
          <span className="text-slate-500">—</span>
        )}
      </td>
      <td className={`${td} font-mono text-xs`} data-testid="sign-in-roles">
        {s.roles.length ? s.roles.join(', ') : '—'}
      </td>
    </tr>
  );
}

function RecentSignIns({ signIns }: { signIns: SignIn[] }) {
  return (
    <Card title="Recent sign-ins">
      {signIns.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No sign-ins in the audit file yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full" data-testid="sign-ins">
            <thead>
              <tr>
                <th className={th}>When</th>
                <th className={th}>User</th>
                <th className={th}>How</th>
                <th className={th}>Result</th>
                <th className={th}>Claim values (green: gave a role)</th>
                <th className={th}>Roles given</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {signIns.map((s, i) => (
                <SignInRow key={`${s.time}-${i}`} s={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function AccessView() {
  const me = useMe();
  const access = useAccessQuery();
  const err = me.error ?? access.error;
  if (err) {
    const signedOut = err instanceof ApiClientError && err.status === 401;
    return (
      <ErrorPanel title="The access overview cannot be shown" message={err.message}>
        {signedOut && (
          <Link className="mt-2 inline-block text-sm underline" href={paths.login(paths.access())}>
            Sign in
          </Link>
        )}
      </ErrorPanel>
    );
  }
  if (!me.data || !access.data) return <Loading label="Reading who may do what…" />;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Access</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">Which claim or user gives whom which role, and the latest sign-ins.</p>
      </div>
      <YourAccess me={me.data} />
      <OidcMapping oidc={access.data.oidc} />
      <LocalUsers users={access.data.users} />
      <RecentSignIns signIns={access.data.signIns} />
    </div>
  );
}
