/** A row-sized lag sparkline: plain SVG (a list page shows dozens; no chart library needed for them). */
export function Sparkline({ values, width = 80, height = 20, label }: { values: number[]; width?: number; height?: number; label: string }) {
  if (values.length < 2) return <span className="text-xs text-slate-400">—</span>;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const points = values
    .map((v, i) => `${((i / (values.length - 1)) * width).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="inline-block text-blue-600 dark:text-blue-400">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** ▲ growing, ▼ shrinking, → flat (under 0.5 records/s either way). */
export function TrendArrow({ perSec }: { perSec: number | null | undefined }) {
  if (perSec === null || perSec === undefined) return <span className="text-xs text-slate-400">—</span>;
  const text = `${perSec > 0 ? '+' : ''}${perSec.toLocaleString('en-US', { maximumFractionDigits: 1 })}/s`;
  if (perSec > 0.5)
    return (
      <span className="text-xs text-red-600 dark:text-red-400" title={`lag growing by ${text}`}>
        ▲ {text}
      </span>
    );
  if (perSec < -0.5)
    return (
      <span className="text-xs text-green-700 dark:text-green-400" title={`lag shrinking by ${text}`}>
        ▼ {text}
      </span>
    );
  return (
    <span className="text-xs text-slate-500" title="lag steady">
      → {text}
    </span>
  );
}
