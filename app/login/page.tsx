import { redirect } from 'next/navigation';
import { consoleConfig } from '@/lib/config';
import { SignInForm } from '@/components/auth/sign-in-form';

export const dynamic = 'force-dynamic';

const ERRORS: Record<string, string> = {
  no_roles: 'You signed in, but none of your groups or roles gives access to this console. Ask an administrator to map one of them.',
  oidc_failed: 'Single sign-on did not complete. Try again.',
  expired: 'Your session ended. Sign in again.',
};

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const config = consoleConfig();
  if (config.auth.mode === 'none') redirect(safeNext(next));
  const oidc = config.auth.oidc ? { label: config.auth.oidc.label, href: `/api/auth/oidc/start?next=${encodeURIComponent(safeNext(next))}` } : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-bold tracking-tight">
          <span className="text-blue-600 dark:text-blue-400">Kafka</span> Console
        </h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Sign in to continue.</p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 p-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
            {ERRORS[error] ?? 'Sign-in failed.'}
          </p>
        )}
        <SignInForm next={safeNext(next)} local={config.auth.users.length > 0} oidc={oidc} />
        {config.auth.users.length === 0 && !oidc && (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            No sign-in is configured yet. Add a user with <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run console -- user add NAME --role admin</code>, or
            configure single sign-on (see the README).
          </p>
        )}
      </div>
    </main>
  );
}
