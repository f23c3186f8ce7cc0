'use client';
import { useEffect, useState } from 'react';

export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains('dark')), []);
  const toggle = () => {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    localStorage.setItem('theme', next ? 'dark' : 'light');
    setDark(next);
  };
  return (
    <button type="button" onClick={toggle} className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700" aria-pressed={dark}>
      {dark ? 'Light mode' : 'Dark mode'}
    </button>
  );
}
