import type { ButtonHTMLAttributes, ReactNode } from 'react';

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cx('rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900', className)}>
      {(title || actions) && (
        <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
          <h2 className="text-sm font-semibold">{title}</h2>
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

export function Stat({ label, value, tone = 'default', hint }: { label: string; value: ReactNode; tone?: 'default' | 'good' | 'warn' | 'bad'; hint?: string }) {
  const toneClass = {
    default: '',
    good: 'text-emerald-600 dark:text-emerald-400',
    warn: 'text-amber-600 dark:text-amber-400',
    bad: 'text-red-600 dark:text-red-400',
  }[tone];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" title={hint}>
      <div className="text-xs tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</div>
      <div className={cx('mt-1 text-2xl font-semibold tabular-nums', toneClass)} data-testid={`stat-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
        {value}
      </div>
    </div>
  );
}

export function Badge({ tone = 'default', children }: { tone?: 'default' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  const toneClass = {
    default: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
    good: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
    warn: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
    bad: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200',
    info: 'bg-blue-100 text-blue-800 dark:bg-blue-900/60 dark:text-blue-200',
  }[tone];
  return <span className={cx('inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium', toneClass)}>{children}</span>;
}

export function Button({
  variant = 'secondary',
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  const v = {
    primary: 'bg-blue-600 text-white hover:bg-blue-700 disabled:bg-blue-300 dark:disabled:bg-blue-900',
    secondary: 'border border-slate-300 bg-white hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800',
    danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300 dark:disabled:bg-red-900',
    ghost: 'hover:bg-slate-100 dark:hover:bg-slate-800',
  }[variant];
  return <button className={cx('rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed', v, className)} {...rest} />;
}

export function ErrorPanel({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <div className="font-semibold">{title}</div>
      <div className="mt-1 text-sm">{message}</div>
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex items-center gap-2 p-4 text-sm text-slate-500" aria-busy="true">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" />
      {label}
    </div>
  );
}

export function CliHint({ command }: { command: string }) {
  return (
    <div className="mt-3 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100 dark:bg-black" data-testid="cli-equivalent">
      <span className="mr-2 text-slate-400 select-none">$</span>
      {command}
    </div>
  );
}

export const th = 'px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';
export const td = 'px-3 py-2 text-sm tabular-nums';
