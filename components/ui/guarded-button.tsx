'use client';
import { useId, type ComponentProps } from 'react';
import type { Decision } from '@/lib/auth/can';
import { Button, cx } from './primitives';

/**
 * A button for an action the user may lack permission for. When `can` says no, it stays
 * focusable but inert (aria-disabled) and says why: on hover (title), to screen readers
 * (aria-describedby), and in a tip shown while it has focus (a click or the keyboard).
 */
export function GuardedButton({ can, className, onClick, ...rest }: ComponentProps<typeof Button> & { can: Decision }) {
  const id = useId();
  if (can.allowed) return <Button className={className} onClick={onClick} {...rest} />;
  return (
    <span className="group relative inline-flex">
      <Button
        {...rest}
        disabled={false}
        aria-disabled="true"
        aria-describedby={id}
        title={can.reason}
        className={cx(className, 'cursor-not-allowed opacity-50')}
        onClick={(e) => e.preventDefault()}
      />
      <span
        id={id}
        role="tooltip"
        className="absolute top-full right-0 z-20 mt-1 hidden w-max max-w-xs rounded-md bg-slate-900 px-2 py-1 text-xs font-normal text-white shadow-lg group-focus-within:block dark:bg-slate-700"
      >
        {can.reason}
      </span>
    </span>
  );
}
