'use client';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A time-series chart on uPlot: canvas, so a series of thousands of points draws in a few
 * milliseconds and the page stays smooth while it refreshes; values show on hover in the
 * legend. Colours follow the console's dark mode (the `dark` class on <html>).
 */

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** A second y axis on the right for this series (e.g. time lag beside records). */
  right?: boolean;
}

export function LineChart({
  t,
  series,
  height = 200,
  format = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 1 }),
  formatRight,
  label,
}: {
  t: number[];
  series: ChartSeries[];
  height?: number;
  format?: (v: number) => string;
  formatRight?: (v: number) => string;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const dark = () => document.documentElement.classList.contains('dark');
    const build = () => {
      plot.current?.destroy();
      const axisColor = dark() ? '#94a3b8' : '#475569';
      const gridColor = dark() ? 'rgba(148,163,184,0.15)' : 'rgba(100,116,139,0.15)';
      const fmtLeft = (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : format(v)));
      const fmtRight = (_u: uPlot, vals: number[]) => vals.map((v) => (v == null ? '' : (formatRight ?? format)(v)));
      const hasRight = series.some((s) => s.right);
      const opts: uPlot.Options = {
        width: el.clientWidth || 600,
        height,
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor } },
          { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor }, values: fmtLeft, size: 70 },
          ...(hasRight ? [{ side: 1, scale: 'right', stroke: axisColor, grid: { show: false }, values: fmtRight, size: 70 } as uPlot.Axis] : []),
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            scale: s.right ? 'right' : 'y',
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : (s.right ? (formatRight ?? format) : format)(v)),
          })),
        ],
      };
      const data: uPlot.AlignedData = [t.map((x) => x / 1000), ...series.map((s) => s.values)];
      plot.current = new uPlot(opts, data, el);
    };
    build();
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth || 600, height }));
    resize.observe(el);
    const theme = new MutationObserver(build);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [t, series, height, format, formatRight]);

  return <div ref={box} role="img" aria-label={label} className="w-full text-slate-700 dark:text-slate-300" />;
}
