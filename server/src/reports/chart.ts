import type { RevisionOutcome } from '@loopline/shared';
import { formatMetric, type Labels, RATE_METRICS } from './labels.js';

/**
 * The outcome charts as device-independent shapes [RP5]: one geometry, drawn
 * as inline SVG by the HTML report and with vector paths by the PDF, so both
 * show the same chart. Units are points (1/72 in) in a box whose origin is
 * the top left; text is placed by its baseline.
 */

export type Paint = 'before' | 'after' | 'baseline' | 'range' | 'axis' | 'grid' | 'text';

export const PAINT: Readonly<Record<Paint, string>> = {
  before: '#9ca3af',
  after: '#2563eb',
  baseline: '#d97706',
  range: '#fde68a',
  axis: '#374151',
  grid: '#e5e7eb',
  text: '#374151',
};

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; paint: Paint }
  | { kind: 'line'; points: { x: number; y: number }[]; paint: Paint; width: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; paint: Paint };

export interface Chart {
  title: string;
  width: number;
  height: number;
  shapes: Shape[];
}

export const CHART_WIDTH = 480;
const PLOT = { left: 44, right: CHART_WIDTH - 10, top: 34, bottom: 180 };
const HEIGHT = 214;
/** A retention curve is drawn with at most this many points (the chart is 430 pt wide). */
const MAX_POINTS = 240;

const round = (n: number) => Math.round(n * 10) / 10;
const yOf = (share: number) => round(PLOT.bottom - Math.max(0, Math.min(1, share)) * (PLOT.bottom - PLOT.top));

function frame(shapes: Shape[]): void {
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yOf(share);
    shapes.push({ kind: 'line', points: [{ x: PLOT.left, y }, { x: PLOT.right, y }], paint: share === 0 ? 'axis' : 'grid', width: share === 0 ? 1 : 0.5 });
    shapes.push({ kind: 'text', x: PLOT.left - 4, y: y + 3, text: `${share * 100}%`, size: 8, anchor: 'end', paint: 'text' });
  }
}

function legend(shapes: Shape[], entries: { paint: Paint; text: string }[]): void {
  let x = PLOT.left;
  for (const { paint, text } of entries) {
    shapes.push({ kind: 'rect', x, y: 8, w: 10, h: 10, paint });
    shapes.push({ kind: 'text', x: x + 14, y: 17, text, size: 9, anchor: 'start', paint: 'text' });
    // Room for the longest legend word in either language at 9 pt.
    x += 22 + text.length * 7;
  }
}

/** Grouped bars of the rate rows (completion, 5-second completion, retention over the changed scenes); null when none has a value. */
export function ratesChart(outcome: RevisionOutcome, l: Labels): Chart | null {
  const rows = RATE_METRICS.map((metric) => outcome.rows.find((r) => r.metric === metric)).filter((r) => r !== undefined);
  if (!rows.some((r) => r.before !== null || r.after !== null || r.baseline !== null)) return null;
  const shapes: Shape[] = [];
  frame(shapes);
  legend(shapes, [
    { paint: 'before', text: l.before },
    { paint: 'after', text: l.after },
    { paint: 'baseline', text: l.baseline },
  ]);
  const groupWidth = (PLOT.right - PLOT.left) / rows.length;
  const bar = Math.min(30, (groupWidth - 24) / 3);
  rows.forEach((row, g) => {
    const start = PLOT.left + g * groupWidth + (groupWidth - bar * 3) / 2;
    (['before', 'after', 'baseline'] as const).forEach((side, i) => {
      const value = row[side];
      const x = round(start + i * bar);
      if (value !== null) {
        const y = yOf(value);
        shapes.push({ kind: 'rect', x, y, w: round(bar - 2), h: round(PLOT.bottom - y), paint: side });
      }
      shapes.push({ kind: 'text', x: round(x + bar / 2 - 1), y: (value === null ? PLOT.bottom : yOf(value)) - 3, text: formatMetric(row.metric, value, l), size: 7, anchor: 'middle', paint: 'text' });
    });
    shapes.push({ kind: 'text', x: round(PLOT.left + (g + 0.5) * groupWidth), y: PLOT.bottom + 16, text: l.metricsShort[row.metric], size: 9, anchor: 'middle', paint: 'text' });
  });
  return { title: l.ratesChart, width: CHART_WIDTH, height: HEIGHT, shapes };
}

/** A curve thinned to at most `MAX_POINTS` points (every k-th second, the last one kept). */
function thin(curve: readonly number[]): { second: number; share: number }[] {
  const step = Math.max(1, Math.ceil(curve.length / MAX_POINTS));
  const out: { second: number; share: number }[] = [];
  for (let s = 0; s < curve.length; s += step) out.push({ second: s, share: curve[s] ?? 0 });
  const last = curve.length - 1;
  if (last > 0 && out[out.length - 1]?.second !== last) out.push({ second: last, share: curve[last] ?? 0 });
  return out;
}

/** The combined retention curves before and after, the changed range shaded; null without curves. */
export function retentionChart(outcome: RevisionOutcome, l: Labels): Chart | null {
  const { retentionBefore, retentionAfter, changedRange } = outcome;
  const seconds = Math.max(retentionBefore.length, retentionAfter.length);
  if (seconds < 2) return null;
  const span = seconds - 1;
  const xOf = (second: number) => round(PLOT.left + (Math.max(0, Math.min(span, second)) / span) * (PLOT.right - PLOT.left));
  const shapes: Shape[] = [];
  if (changedRange) {
    const x = xOf(changedRange.fromSecond);
    shapes.push({ kind: 'rect', x, y: PLOT.top, w: Math.max(1, round(xOf(changedRange.toSecond) - x)), h: PLOT.bottom - PLOT.top, paint: 'range' });
  }
  frame(shapes);
  legend(shapes, [
    { paint: 'before', text: l.before },
    { paint: 'after', text: l.after },
    ...(changedRange ? [{ paint: 'range' as const, text: l.changedRange(changedRange.fromSecond, changedRange.toSecond) }] : []),
  ]);
  for (const [paint, curve] of [
    ['before', retentionBefore],
    ['after', retentionAfter],
  ] as const) {
    if (curve.length < 2) continue;
    shapes.push({ kind: 'line', points: thin(curve).map((p) => ({ x: xOf(p.second), y: yOf(p.share) })), paint, width: 1.5 });
  }
  for (const second of [0, Math.round(span / 2), span]) {
    shapes.push({ kind: 'text', x: xOf(second), y: PLOT.bottom + 12, text: `${second}${l.seconds}`, size: 8, anchor: 'middle', paint: 'text' });
  }
  return { title: l.retentionChart, width: CHART_WIDTH, height: HEIGHT, shapes };
}
