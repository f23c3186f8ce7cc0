'use client';
import { useState, type FormEvent } from 'react';
import { apiFetch, errorMessage } from '@/lib/api-client';
import { Button } from '@/components/ui/primitives';

export function SignInForm({ next, local, oidc }: { next: string; local: boolean; oidc: { label: string; href: string } | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      await apiFetch('/api/auth/login', {
        method: 'POST',
        body: { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') },
      });
      // A full navigation, so every server component renders with the new session.
      window.location.assign(next);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  const input = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-800';
  return (
    <div className="mt-4 space-y-4">
      {local && (
        <form onSubmit={submit} className="space-y-3" aria-label="Sign in with a user name and password">
          <div>
            <label htmlFor="username" className="text-sm font-medium">
              User name
            </label>
            <input id="username" name="username" autoComplete="username" required className={input} />
          </div>
          <div>
            <label htmlFor="password" className="text-sm font-medium">
              Password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          {error && (
            <p id="sign-in-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
              {error}
            </p>
          )}
          <Button type="submit" variant="primary" className="w-full" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      )}
      {oidc && (
        <a
          href={oidc.href}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {oidc.label}
        </a>
      )}
    </div>
  );
}
