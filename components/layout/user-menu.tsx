'use client';
import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { Button } from '@/components/ui/primitives';

export interface ShellUser {
  user: string;
  via: 'local' | 'oidc' | 'none';
  role: string | null;
  admin: boolean;
}

/** Who is signed in, with which role on this cluster, and the sign-out button. */
export function UserMenu({ me }: { me: ShellUser }) {
  const [pending, setPending] = useState(false);
  // Until React has attached its handlers the button does nothing: say when it does (browser tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  async function signOut() {
    setPending(true);
    try {
      await apiFetch(paths.api.logout(), { method: 'POST', body: {} });
    } finally {
      window.location.assign(paths.login());
    }
  }
  if (me.via === 'none') {
    return <p className="text-xs text-amber-700 dark:text-amber-400">Sign-in is off (auth.mode none): everyone on this machine is admin.</p>;
  }
  return (
    <div className="text-xs">
      <div className="truncate font-medium" data-testid="signed-in-user" title={`Signed in ${me.via === 'oidc' ? 'with single sign-on' : 'with a password'}`}>
        {me.user}
      </div>
      <div className="text-slate-500 dark:text-slate-400">{me.role ? `${me.role} on this cluster` : 'no role on this cluster'}</div>
      <Button variant="ghost" className="mt-1 -ml-3 text-xs" onClick={signOut} disabled={pending || !ready}>
        Sign out
      </Button>
    </div>
  );
}
