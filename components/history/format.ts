import { formatDuration } from '@/components/groups/format';
import type { Drain } from '@/lib/schemas/history';

export function formatRate(perSec: number | null | undefined, unit = 'rec/s'): string {
  if (perSec === null || perSec === undefined) return '—';
  return `${perSec.toLocaleString('en-US', { maximumFractionDigits: perSec < 10 ? 1 : 0 })} ${unit}`;
}

export function formatBytesRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined) return '—';
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
  let v = perSec;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** What the drain estimate says, for a person. */
export function drainText(d: Drain): { text: string; tone: 'good' | 'warn' | 'bad' | 'default' } {
  switch (d.status) {
    case 'caught-up':
      return { text: 'Caught up', tone: 'good' };
    case 'draining':
      return { text: `Drains in ~${formatDuration(d.etaMs)}`, tone: 'warn' };
    case 'falling-behind':
      return { text: `Falling behind (+${d.growthPerSec.toLocaleString('en-US', { maximumFractionDigits: 1 })} rec/s)`, tone: 'bad' };
    case 'stalled':
      return { text: 'Stalled (nothing consumed)', tone: 'bad' };
    default:
      return { text: `Unknown: ${d.reason}`, tone: 'default' };
  }
}

export const HISTORY_RANGE_OPTIONS = ['1h', '24h', '7d'] as const;
