import { redirect } from 'next/navigation';
import { consoleConfig } from '@/lib/config';
import { SignInForm } from '@/components/auth/sign-in-form';
import { OIDC_ERRORS } from '@/lib/auth/oidc-errors';
import { safeNextPath } from '@/lib/auth/safe-next';
import { paths } from '@/lib/paths';

export const dynamic = 'force-dynamic';

const ERRORS: Record<string, string> = { ...OIDC_ERRORS, expired: 'Your session ended. Sign in again.' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const config = consoleConfig();
  if (config.auth.mode === 'none') redirect(safeNextPath(next));
  const oidc = config.auth.oidc ? { label: config.auth.oidc.label, href: paths.api.oidcStart(safeNextPath(next)) } : null;
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
        <SignInForm next={safeNextPath(next)} local={config.auth.users.length > 0} oidc={oidc} />
        {config.auth.users.length === 0 && !oidc && (
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            No sign-in is configured yet. Add a user with{' '}
            <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run console -- user add NAME --role admin</code>, or configure single sign-on (see
            the README).
          </p>
        )}
      </div>
    </main>
  );
}
