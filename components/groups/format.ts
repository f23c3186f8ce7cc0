/** "12 s", "3 min 20 s", "2 h 5 min", "4 d 3 h": how far behind a group is in time. */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export function stateTone(state: string): 'good' | 'warn' | 'bad' | 'default' | 'info' {
  if (state === 'Stable') return 'good';
  if (state === 'Empty') return 'default';
  if (state === 'Dead' || state === 'Unknown') return 'bad';
  return 'warn';
}
