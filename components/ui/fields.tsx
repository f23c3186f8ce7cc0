'use client';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export const inputClass = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';
export const labelClass = 'block text-xs text-slate-500 dark:text-slate-400';

/**
 * A label over a text input. `ariaLabel` names the control for assistive technology (and
 * tests) when the visible label alone would be ambiguous on the page.
 */
export function TextField({
  label,
  value,
  onChange,
  ariaLabel,
  hint,
  ...rest
}: { label: string; value: string; onChange: (v: string) => void; ariaLabel?: string; hint?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} aria-label={ariaLabel} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
      {hint}
    </div>
  );
}

/** A label over a select; options are [value, text] pairs or plain values. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  ariaLabel,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly (string | readonly [string, string])[];
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} aria-label={ariaLabel} className={inputClass} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const [v, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}
