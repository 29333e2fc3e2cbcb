import type { DensityPoint } from '../../api/metrics';

/** A "nice" tick step (1, 2, 5 × 10ⁿ) giving about `ticks` ticks up to `max`. */
export function niceStep(max: number, ticks = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return nice * power;
}

/** A time step in seconds that reads well on a video timeline (5 s, 10 s, 15 s, 30 s, 1 min…). */
export function timeStep(seconds: number, ticks = 8): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const raw = seconds / ticks;
  return steps.find((s) => s >= raw) ?? 3600;
}

/** Pixel geometry of the retention chart: one x axis (seconds) for both series. */
export interface ChartGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Last second on the axis. */
  maxSecond: number;
  /** Top of the danmaku axis (a nice number ≥ the busiest second). */
  maxCount: number;
  x: (second: number) => number;
  /** Retention share 0..1 → y. */
  yShare: (share: number) => number;
  /** Danmaku count → y. */
  yCount: (count: number) => number;
}

/**
 * Lays out the chart [UF10]: both series share the x axis in seconds, from 0
 * to the longer of the curve and the density; retention uses the left axis
 * (0–100%), danmaku counts the right one.
 */
export function geometry(points: readonly number[], density: readonly DensityPoint[], width: number, height: number): ChartGeometry {
  const left = 44;
  const right = 44;
  const top = 12;
  const bottom = 28;
  const lastDensity = density.reduce((m, d) => Math.max(m, d.second), 0);
  const maxSecond = Math.max(1, points.length - 1, lastDensity);
  const busiest = density.reduce((m, d) => Math.max(m, d.count), 0);
  const step = niceStep(busiest, 4);
  const maxCount = Math.max(step, Math.ceil(busiest / step) * step);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    maxSecond,
    maxCount,
    x: (second) => left + (second / maxSecond) * plotW,
    yShare: (share) => top + (1 - Math.min(1, Math.max(0, share))) * plotH,
    yCount: (count) => top + (1 - count / maxCount) * plotH,
  };
}

/** The retention line as an SVG path; points that are not numbers break the line. */
export function retentionPath(points: readonly number[], g: Pick<ChartGeometry, 'x' | 'yShare'>): string {
  let path = '';
  let pen = false;
  points.forEach((share, second) => {
    if (typeof share !== 'number' || Number.isNaN(share)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${g.x(second).toFixed(1)},${g.yShare(share).toFixed(1)}`;
    pen = true;
  });
  return path;
}
